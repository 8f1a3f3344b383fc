import Foundation
import SHCodecs
import SHCore
import SHEngine
import SHStorage
import SHTestSupport
import Testing

/// `ENGINE = Log | TinyLog | StripeLog`: the files on disk and in backups are ClickHouse's, byte for byte, and
/// tables move both ways between SwiftHouse and ClickHouse (chdb).
@Suite struct LogFamilyTests {
    static func table(_ engine: String) -> String {
        "CREATE TABLE db.m (`k` UInt32, `s` String, `n` Nullable(Int8), `a` Array(UInt16), `lc` LowCardinality(String), `t` Tuple(x Int8, y String), `mp` Map(String, UInt8), `d` DateTime, `an` Array(Nullable(String))) ENGINE = \(engine)"
    }

    static let inserts = [
        "INSERT INTO db.m VALUES (1, 'x', NULL, [1, 2], 'a', (1, 'q'), {'k': 1}, '2024-01-02 03:04:05', ['p', NULL]), (2, 'yy', 3, [], 'b', (2, 'r'), {}, '2000-01-01 00:00:00', [])",
        "INSERT INTO db.m SELECT number, toString(number), if(number % 3 = 0, NULL, toInt8(number % 100)), if(number % 2 = 0, [1, 2], []), toString(number % 7), (toInt8(number % 50), 'e'), map('a', toUInt8(number % 9)), toDateTime(1700000000 + number), [toString(number), NULL] FROM numbers(10, 5000)",
        "INSERT INTO db.m VALUES (7, '', 1, [3], '', (0, ''), {'z': 2}, '2030-05-06 07:08:09', [NULL])",
    ]

    static let engines = ["Log", "TinyLog", "StripeLog"]

    /// An engine writing backups to `place`, with `db.m` of `engine` filled by `inserts`.
    func filledEngine(_ place: BackupPlace, _ engine: String) async throws -> TestEngine {
        let swiftHouse = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await swiftHouse.run("CREATE DATABASE db")
        try await swiftHouse.run(Self.table(engine))
        for insert in Self.inserts { try await swiftHouse.run(insert) }
        return swiftHouse
    }

    /// The files of a directory, by name (the metadata `.sql` left out).
    func files(in directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where !name.hasSuffix(".sql") {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }

    /// The frames of a compressed file, each as its method byte and decompressed bytes.
    func frames(_ data: Data, name: String) throws -> [[UInt8]] {
        var frames: [[UInt8]] = []
        var offset = 0
        let bytes = [UInt8](data)
        while offset < bytes.count {
            let (decoded, length) = try bytes[offset...].withUnsafeBytes {
                try CompressedBlock.decode($0, fileName: name)
            }
            frames.append([bytes[offset + CompressedBlock.checksumSize]] + decoded)
            offset += length
        }
        return frames
    }

    /// Compares SwiftHouse's files with ClickHouse's: the same names, the same uncompressed files, and compressed
    /// files with the same frames (method and data). Where the compressed bytes themselves differ (ClickHouse links
    /// its own libzstd, whose output can differ by a few bytes from the system's), so do the sizes and offsets that
    /// count them: `sizes.json` and the offsets of `__marks.mrk` are then compared as far as they can be.
    /// `exact`: the compressed bytes must be identical too (they are for these rows in Log and TinyLog tables; one
    /// StripeLog `index.mrk` frame differs by two bytes).
    func expectSameFiles(_ ours: [String: Data], _ theirs: [String: Data], _ what: String, exact: Bool) throws {
        #expect(ours.keys.sorted() == theirs.keys.sorted(), "\(what)")
        let compressed = theirs.keys.filter { $0.hasSuffix(".bin") || $0 == "index.mrk" }
        let identical = compressed.allSatisfy { ours[$0] == theirs[$0] }
        #expect(identical || !exact, "\(what): compressed bytes differ")
        for (name, bytes) in theirs {
            guard let mine = ours[name] else { continue }
            if compressed.contains(name) {
                #expect(try frames(mine, name: name) == frames(bytes, name: name), "\(what) \(name)")
            } else if identical || !["sizes.json", "__marks.mrk"].contains(name) {
                #expect(mine == bytes, "\(what) \(name)")
            } else if name == "sizes.json" {
                #expect(
                    try SizesFile.parse([UInt8](mine), file: name).keys.sorted()
                        == SizesFile.parse([UInt8](bytes), file: name).keys.sorted(), "\(what) \(name)")
            } else {
                #expect(mine.count == bytes.count, "\(what) \(name)")
            }
        }
    }

    /// After the same three INSERTs, the table's directory and its backup hold ClickHouse's files.
    @Test(arguments: engines) func sameFilesAsClickHouse(_ engine: String) async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let outcomes = try place.clickHouse(
            ["CREATE DATABASE db", Self.table(engine)] + Self.inserts + [
                "BACKUP TABLE db.m TO \(place.file("ch"))", "SELECT data_paths[1] FROM system.tables WHERE name = 'm'",
            ], in: "chdb")
        let clickHouseDirectory = URL(
            fileURLWithPath: try #require(outcomes.last?.text).trimmingCharacters(in: .whitespacesAndNewlines))
        let swiftHouse = try await filledEngine(place, engine)
        try await swiftHouse.run("BACKUP TABLE db.m TO \(place.file("sh"))")
        try expectSameFiles(
            try files(in: swiftHouse.directory.appendingPathComponent("data/db/m")), try files(in: clickHouseDirectory),
            "\(engine) table", exact: engine != "StripeLog")
        try expectSameFiles(
            try files(in: place.root.appendingPathComponent("sh/data/db/m")),
            try files(in: place.root.appendingPathComponent("ch/data/db/m")), "\(engine) backup",
            exact: engine != "StripeLog")
    }

    /// ClickHouse restores SwiftHouse's backup with every row, and SwiftHouse restores ClickHouse's; a restart
    /// reads the same rows back from the files.
    @Test(arguments: engines) func bothWaysWithClickHouse(_ engine: String) async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let swiftHouse = try await filledEngine(place, engine)
        let ours = try await swiftHouse.run("SELECT * FROM db.m ORDER BY k")
        try await swiftHouse.run("BACKUP TABLE db.m TO \(place.file("sh"))")
        let fromSwiftHouse = try place.clickHouse(
            [
                "CREATE DATABASE db", "RESTORE TABLE db.m FROM \(place.file("sh"))", "SELECT * FROM db.m ORDER BY k",
            ], in: "chdb1")
        #expect(fromSwiftHouse.last?.text == ours)

        let fromClickHouse = try place.clickHouse(
            ["CREATE DATABASE db", Self.table(engine)] + Self.inserts + [
                "BACKUP TABLE db.m TO \(place.file("ch"))", "SELECT * FROM db.m ORDER BY k",
            ], in: "chdb2")
        #expect(fromClickHouse.last?.text == ours)
        let restored = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await restored.run("CREATE DATABASE db")
        #expect(try await restored.run("RESTORE TABLE db.m FROM \(place.file("ch"))").hasSuffix("\tRESTORED\n"))
        #expect(try await restored.run("SELECT * FROM db.m ORDER BY k") == ours)
        let reopened = try restored.reopened()
        #expect(try await reopened.run("SELECT * FROM db.m ORDER BY k") == ours)
        #expect(try await reopened.run("SELECT count() FROM db.m") == "5003\n")
    }

    /// Bytes an interrupted INSERT left past the sizes `sizes.json` records are cut off when the table is opened:
    /// the rows are those of the finished INSERTs, and the next INSERT appends after them.
    @Test(arguments: engines) func interruptedInsertIsCutOff(_ engine: String) async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let swiftHouse = try await filledEngine(place, engine)
        let before = try await swiftHouse.run("SELECT * FROM db.m ORDER BY k")
        let directory = swiftHouse.directory.appendingPathComponent("data/db/m")
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".bin") {
            let handle = try FileHandle(forWritingTo: directory.appendingPathComponent(name))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data([0x42, 0x13, 0x37]))
            try handle.close()
        }
        let reopened = try swiftHouse.reopened()
        #expect(try await reopened.run("SELECT * FROM db.m ORDER BY k") == before)
        try await reopened.run("INSERT INTO db.m VALUES (9, 'z', 2, [], 'c', (3, 'w'), {}, '2001-01-01 00:00:00', [])")
        #expect(try await reopened.run("SELECT count() FROM db.m") == "5004\n")
        #expect(try await reopened.reopened().run("SELECT count() FROM db.m") == "5004\n")
    }
}

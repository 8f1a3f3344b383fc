import Foundation
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// `ENGINE = Memory` tables in backups, in ClickHouse's layout (`data.bin` in Native format, `index.mrk`, `count.txt`,
/// `columns.txt`, `sizes.json`): a BACKUP used to store no rows and still say BACKUP_CREATED.
@Suite struct MemoryTableBackupTests {
    static let table =
        "CREATE TABLE db.m (`k` UInt32, `s` String, `n` Nullable(Int8), `a` Array(UInt16), `lc` LowCardinality(String), `t` Tuple(x Int8, y String), `mp` Map(String, UInt8), `d` DateTime, `an` Array(Nullable(String))) ENGINE = Memory"
    static let inserts = [
        "INSERT INTO db.m VALUES (1, 'x', NULL, [1, 2], 'a', (1, 'q'), {'k': 1}, '2024-01-02 03:04:05', ['p', NULL]), (2, 'yy', 3, [], 'b', (2, 'r'), {}, '2000-01-01 00:00:00', [])",
        "INSERT INTO db.m SELECT number, toString(number), if(number % 3 = 0, NULL, toInt8(number % 100)), if(number % 2 = 0, [1, 2], []), toString(number % 7), (toInt8(number % 50), 'e'), map('a', toUInt8(number % 9)), toDateTime(1700000000 + number), [toString(number), NULL] FROM numbers(10, 5000)",
    ]

    /// An engine writing backups to `place`, with `db.m` filled by `inserts`.
    func filledEngine(_ place: BackupPlace, inserts: [String] = inserts) async throws -> TestEngine {
        let engine = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await engine.run("CREATE DATABASE db")
        try await engine.run(Self.table)
        for insert in inserts { try await engine.run(insert) }
        return engine
    }

    @Test func swiftHouseBackupRestoresInSwiftHouse() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let engine = try await filledEngine(place)
        let original = try await engine.run("SELECT * FROM db.m")
        #expect(try await engine.run("BACKUP TABLE db.m TO \(place.file("sh"))").hasSuffix("\tBACKUP_CREATED\n"))
        let restored = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await restored.run("CREATE DATABASE db")
        #expect(try await restored.run("RESTORE TABLE db.m FROM \(place.file("sh"))").hasSuffix("\tRESTORED\n"))
        #expect(try await restored.run("SELECT count() FROM db.m") == "5002\n")
        #expect(try await restored.run("SELECT * FROM db.m") == original)
    }

    /// ClickHouse restores SwiftHouse's backup of a Memory table with every row, and the reverse.
    @Test func bothWaysWithClickHouse() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let engine = try await filledEngine(place)
        try await engine.run("BACKUP TABLE db.m TO \(place.file("sh"))")
        let fromSwiftHouse = try place.clickHouse(
            ["CREATE DATABASE db", "RESTORE TABLE db.m FROM \(place.file("sh"))", "SELECT * FROM db.m ORDER BY k"],
            in: "chdb1")
        #expect(fromSwiftHouse.count == 3)
        #expect(fromSwiftHouse.last?.text == (try await engine.run("SELECT * FROM db.m ORDER BY k")))

        let fromClickHouse = try place.clickHouse(
            ["CREATE DATABASE db", Self.table] + Self.inserts + [
                "BACKUP TABLE db.m TO \(place.file("ch"))", "SELECT * FROM db.m ORDER BY k",
            ], in: "chdb2")
        let restored = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await restored.run("CREATE DATABASE db")
        #expect(try await restored.run("RESTORE TABLE db.m FROM \(place.file("ch"))").hasSuffix("\tRESTORED\n"))
        #expect(try await restored.run("SELECT * FROM db.m ORDER BY k") == fromClickHouse.last?.text)
        #expect(try await restored.run("SELECT count() FROM db.m") == "5002\n")
    }

    /// The files SwiftHouse writes are byte for byte those ClickHouse writes for the same rows (one INSERT each).
    @Test func sameFilesAsClickHouse() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        _ = try place.clickHouse(
            ["CREATE DATABASE db", Self.table, Self.inserts[0], "BACKUP TABLE db.m TO \(place.file("ch"))"],
            in: "chdb")
        let engine = try await filledEngine(place, inserts: [Self.inserts[0]])
        try await engine.run("BACKUP TABLE db.m TO \(place.file("sh"))")
        for file in ["columns.txt", "count.txt", "data.bin", "index.mrk", "sizes.json"] {
            let ours = try Data(contentsOf: place.root.appendingPathComponent("sh/data/db/m/\(file)"))
            let theirs = try Data(contentsOf: place.root.appendingPathComponent("ch/data/db/m/\(file)"))
            #expect(ours == theirs, "\(file)")
        }
    }

    /// A Memory table without rows has no data files in the backup (as in ClickHouse) and restores empty.
    @Test func emptyMemoryTable() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE TABLE e (k UInt8) ENGINE = Memory")
        try await engine.run("BACKUP TABLE e TO File('empty')")
        let data = engine.directory.appendingPathComponent("backups/empty/data")
        #expect(!FileManager.default.fileExists(atPath: data.path))
        try await engine.run("RESTORE TABLE e AS e2 FROM File('empty')")
        #expect(try await engine.run("SELECT count() FROM e2") == "0\n")
    }
}

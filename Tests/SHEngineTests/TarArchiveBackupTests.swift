import Foundation
import SHEngine
import SHTestSupport
import Testing

/// Backups in tar archives, as ClickHouse 26 writes them (`BACKUP … TO File('b.tar[.gz|.zst|.xz|.lzma|.bz2]')`, also on
/// S3): ClickHouse's archives restore in SwiftHouse, SwiftHouse's restore in ClickHouse with CHECK TABLE passing and the
/// same answers, and broken archives fail with ClickHouse's error, never a half-restored table.
@Suite(.serialized) struct TarArchiveBackupTests {
    static let formats = ["b.tar", "b.tar.gz", "b.tgz", "b.tar.zst", "b.tar.xz", "b.tar.lzma", "b.tar.bz2"]

    static let create =
        "CREATE TABLE db.t (k UInt32, s String, a Array(UInt16), n Nullable(Float64)) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 64"
    static let inserts = [
        "INSERT INTO db.t SELECT number, repeat('x', number % 97), [toUInt16(number % 5), 7], if(number % 3 = 0, NULL, number / 7) FROM numbers(3000)",
        "INSERT INTO db.t SELECT number + 10000, 'tail', [], NULL FROM numbers(7)",
    ]
    static let query =
        "SELECT count(), sum(k), sum(length(s)), sum(length(a)), sum(toUInt64(n * 7)), countIf(n IS NULL) FROM db.t"
    /// A table whose file names are longer than ustar's 100-byte name field (a pax `path` or a ustar prefix).
    static let longName = String(repeating: "long_table_name_", count: 8)

    @Test(arguments: formats) func clickHouseArchivesRestoreInSwiftHouse(_ archive: String) async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let expected = try place.clickHouse(
            ["CREATE DATABASE db", Self.create] + Self.inserts + [
                "CREATE TABLE db.\(Self.longName) (x UInt8) ENGINE = MergeTree ORDER BY x",
                "INSERT INTO db.\(Self.longName) VALUES (1), (2)",
                "BACKUP DATABASE db TO \(place.file(archive))", Self.query,
            ], in: "ch")
        let engine = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        let restored = try await engine.run("RESTORE DATABASE db FROM \(place.file(archive))")
        #expect(restored.hasSuffix("\tRESTORED\n"), "\(restored)")
        let ours = try await engine.run(Self.query)
        #expect(ours == expected.last?.text, "\(archive): \(ours) vs \(String(describing: expected.last))")
        #expect(try await engine.run("SELECT sum(x) FROM db.\(Self.longName)") == "3\n")
        let check = try await engine.run("CHECK TABLE db.t")
        #expect(!check.isEmpty && !check.contains("\t0\t"), "\(check)")
    }

    @Test(arguments: formats) func swiftHouseArchivesRestoreInClickHouse(_ archive: String) async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let engine = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await engine.run("CREATE DATABASE db")
        try await engine.run(Self.create)
        for insert in Self.inserts { try await engine.run(insert) }
        try await engine.run("CREATE TABLE db.\(Self.longName) (x UInt8) ENGINE = MergeTree ORDER BY x")
        try await engine.run("INSERT INTO db.\(Self.longName) VALUES (1), (2)")
        let created = try await engine.run("BACKUP DATABASE db TO \(place.file(archive))")
        #expect(created.hasSuffix("\tBACKUP_CREATED\n"), "\(created)")
        // Only the archive is left: no lock beside it, no temporary file.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: place.root.path).sorted() == [archive, "config.xml"])
        let ours = try await engine.run(Self.query)
        let outcomes = try place.clickHouse(
            [
                "RESTORE DATABASE db FROM \(place.file(archive))",
                "CHECK TABLE db.t SETTINGS check_query_single_value_result = 1",
                "CHECK TABLE db.\(Self.longName) SETTINGS check_query_single_value_result = 1", Self.query,
                "SELECT sum(x) FROM db.\(Self.longName)",
            ], in: "ch")
        guard outcomes.count == 5 else {
            Issue.record("\(outcomes)")
            return
        }
        #expect(outcomes[0].text.hasSuffix("\tRESTORED\n"), "\(outcomes[0])")
        #expect(outcomes[1] == .output("1\n") && outcomes[2] == .output("1\n"), "\(outcomes)")
        #expect(outcomes[3].text == ours, "\(outcomes[3]) vs \(ours)")
        #expect(outcomes[4] == .output("3\n"))
        // A second BACKUP to the same archive is refused, as ClickHouse refuses it.
        let again = await engine.failure("BACKUP DATABASE db TO \(place.file(archive))")
        #expect(again?.code.name == "BACKUP_ALREADY_EXISTS", "\(String(describing: again))")
    }

    @Test func archivesOnS3BothWaysWithAnIncrementalOnTop() async throws {
        let moto = try MotoServer.shared()
        let bucket = "tar-archives"
        try moto.createBucket(bucket)
        func s3(_ name: String) -> String {
            "S3('\(moto.endpoint)/\(bucket)/\(name)', '\(MotoServer.testAccessKeyID)', '\(MotoServer.testSecretAccessKey)')"
        }
        let run = UUID().uuidString.prefix(8)
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run(Self.create)
        try await engine.run(Self.inserts[0])
        try await engine.run("BACKUP TABLE db.t TO \(s3("\(run)/full.tar.zst"))")
        try await engine.run(Self.inserts[1])
        let incremental = try await engine.run(
            "BACKUP TABLE db.t TO \(s3("\(run)/inc.tar")) SETTINGS base_backup = \(s3("\(run)/full.tar.zst"))")
        #expect(incremental.hasSuffix("\tBACKUP_CREATED\n"))
        let ours = try await engine.run(Self.query)
        let outcomes = try ClickHouseOracle.run([
            "CREATE DATABASE db", "RESTORE TABLE db.t FROM \(s3("\(run)/inc.tar"))",
            "CHECK TABLE db.t SETTINGS check_query_single_value_result = 1",
            Self.query, "BACKUP TABLE db.t TO \(s3("\(run)/ch.tar.gz"))",
        ])
        guard outcomes.count == 5 else {
            Issue.record("\(outcomes)")
            return
        }
        #expect(outcomes[1].text.hasSuffix("\tRESTORED\n"), "\(outcomes[1])")
        #expect(outcomes[2] == .output("1\n"), "\(outcomes[2])")
        #expect(outcomes[3].text == ours, "\(outcomes[3]) vs \(ours)")
        #expect(outcomes[4].text.hasSuffix("\tBACKUP_CREATED\n"), "\(outcomes[4])")
        let other = try TestEngine()
        try await other.run("CREATE DATABASE db")
        let restored = try await other.run("RESTORE TABLE db.t FROM \(s3("\(run)/ch.tar.gz"))")
        #expect(restored.hasSuffix("\tRESTORED\n"), "\(restored)")
        #expect(try await other.run(Self.query) == ours)
    }

    /// A cut-off archive, a header with a wrong checksum, a size past the end, a corrupt compressed stream: each fails
    /// the RESTORE with an error, and no table is created.
    @Test func brokenArchivesFailCleanly() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let engine = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await engine.run("CREATE DATABASE db")
        try await engine.run(Self.create)
        try await engine.run(Self.inserts[0])
        try await engine.run("BACKUP TABLE db.t TO \(place.file("good.tar"))")
        try await engine.run("BACKUP TABLE db.t TO \(place.file("good.tar.gz"))")
        let tar = try [UInt8](Data(contentsOf: place.root.appendingPathComponent("good.tar")))
        let gzip = try [UInt8](Data(contentsOf: place.root.appendingPathComponent("good.tar.gz")))
        var badChecksum = tar
        badChecksum[10] ^= 0x01
        var hugeSize = tar
        // The first header's size field: 11 octal digits of 7s.
        for index in 124..<135 { hugeSize[index] = UInt8(ascii: "7") }
        var badStream = gzip
        badStream[gzip.count / 2] ^= 0xFF
        let broken: [(String, [UInt8])] = [
            ("cut.tar", Array(tar.prefix(tar.count / 2))), ("checksum.tar", badChecksum), ("size.tar", hugeSize),
            ("stream.tar.gz", badStream), ("cut.tar.gz", Array(gzip.prefix(gzip.count / 2))),
            ("garbage.tar.zst", Array(repeating: 0x5A, count: 1000)),
        ]
        for (name, bytes) in broken {
            try Data(bytes).write(to: place.root.appendingPathComponent(name))
            let other = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
            let error = await other.failure("RESTORE TABLE db.t FROM \(place.file(name))")
            #expect(error != nil, "\(name) restored")
            #expect(try await other.run("EXISTS TABLE t") == "0\n", "\(name): \(String(describing: error))")
        }
    }
}

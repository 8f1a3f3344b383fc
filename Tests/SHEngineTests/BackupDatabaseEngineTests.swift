import Foundation
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// `CREATE DATABASE d ENGINE = Backup('db', …)` (issue #15) compared with ClickHouse (chdb) running the same
/// statements on the same backups: the tables it attaches, their rows, the errors of every kind of write, and the
/// errors of bad arguments and missing backups.
@Suite(.serialized) struct BackupDatabaseEngineTests {
    static let tableDefinition = """
        CREATE TABLE db.t (k UInt64, s String, n Nullable(Int32), a Array(String), l LowCardinality(String), \
        d DateTime64(3, 'UTC')) ENGINE = MergeTree PARTITION BY k % 3 ORDER BY (l, k) SETTINGS index_granularity = 64
        """

    static func insert(from start: Int, count: Int) -> String {
        """
        INSERT INTO db.t SELECT number + \(start), toString(number * 7), if(number % 5 = 0, NULL, toInt32(number) - 50), \
        if(number % 4 = 0, [], [toString(number), 'x']), ['a', 'b', 'c'][number % 3 + 1], \
        toDateTime64(1700000000 + number * 37, 3, 'UTC') FROM numbers(\(count))
        """
    }

    /// What both engines answer on the attached database, in order.
    static let queries = [
        "SHOW TABLES FROM bdb",
        "SELECT count(), sum(k), sum(length(s)), sum(n), sum(length(a)), uniqExact(l), max(d) FROM bdb.t",
        "SELECT k, s, n, a, l, d FROM bdb.t ORDER BY k LIMIT 5 OFFSET 1000",
        "SELECT l, count() FROM bdb.t WHERE k % 3 = 1 GROUP BY l ORDER BY l",
        "SELECT name, engine, total_rows FROM system.tables WHERE database = 'bdb' ORDER BY name",
        "SELECT name, engine FROM system.databases WHERE name = 'bdb'",
        "SHOW CREATE DATABASE bdb",
    ]

    /// Writes that both engines refuse on a Backup database.
    static let writes = [
        "INSERT INTO bdb.t (k) VALUES (1)",
        "ALTER TABLE bdb.t ADD COLUMN z UInt8",
        "TRUNCATE TABLE bdb.t",
        "OPTIMIZE TABLE bdb.t FINAL",
        "DROP TABLE bdb.t",
        "RENAME TABLE bdb.t TO bdb.u",
        "CREATE TABLE bdb.n (k UInt8) ENGINE = MergeTree ORDER BY k",
    ]

    /// `Code: N. … (NAME)` of an error text, for comparing errors whose wording around the message may differ.
    static func code(_ text: String) -> String {
        guard let start = text.range(of: "Code: "), let end = text[start.upperBound...].firstIndex(of: ".") else {
            return text
        }
        let name = text.range(of: "(", options: .backwards).map { String(text[$0.lowerBound...]) } ?? ""
        return String(text[start.lowerBound..<end]) + " " + name.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func clickHouseChainAttachesAsInClickHouse() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let full = place.file("full")
        let inc = place.file("inc")
        let setup = [
            "CREATE DATABASE db", Self.tableDefinition, Self.insert(from: 0, count: 3000),
            "CREATE TABLE db.m (k UInt64) ENGINE = Memory", "INSERT INTO db.m VALUES (1)",
            "CREATE VIEW db.v AS SELECT k FROM db.t", "BACKUP DATABASE db TO \(full)",
            Self.insert(from: 10000, count: 1500), "BACKUP DATABASE db TO \(inc) SETTINGS base_backup = \(full)",
        ]
        _ = try place.clickHouse(setup, in: "ch")
        let attach = "CREATE DATABASE bdb ENGINE = Backup('db', \(inc))"
        let expected = try ClickHouseOracle.run(
            [attach] + Self.queries + Self.writes,
            path: place.root.appendingPathComponent("ch").path + "?config-file=\(place.config.path)")
        #expect(expected.first == .output(""), "\(expected)")
        #expect(expected[2].text.hasPrefix("4500\t"), "\(expected)")

        let engine = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await engine.run(attach)
        for (query, outcome) in zip(Self.queries, expected.dropFirst()) {
            #expect(try await engine.run(query) == outcome.text, "\(query)")
        }
        for (query, outcome) in zip(Self.writes, expected.dropFirst(1 + Self.queries.count)) {
            guard case .error(let message) = outcome else {
                Issue.record("ClickHouse accepted \(query)")
                continue
            }
            let failure = await engine.failure(query)
            #expect(
                failure.map { Self.code($0.description) } == Self.code(message),
                "\(query): \(String(describing: failure))")
        }
        // Nothing the refused writes touched changed, and a restart finds the database without the backup.
        let rows = try await engine.run(Self.queries[1])
        #expect(rows == expected[2].text)
        let restarted = try engine.reopened()
        #expect(try await restarted.run(Self.queries[1]) == expected[2].text)
        #expect(try await restarted.run("SHOW CREATE DATABASE bdb") == expected[Self.queries.count].text)
        // Dropping the database removes what was fetched and nothing of the backup (ClickHouse 26.9 refuses the drop:
        // "Cannot remove directory … Directory not empty").
        let backupFiles = try FileManager.default.subpathsOfDirectory(
            atPath: place.root.appendingPathComponent("inc").path)
        try await restarted.run("DROP DATABASE bdb")
        #expect(try await restarted.run("SELECT count() FROM system.databases WHERE name = 'bdb'") == "0\n")
        #expect(!FileManager.default.fileExists(atPath: restarted.directory.appendingPathComponent("data/bdb").path))
        #expect(
            try FileManager.default.subpathsOfDirectory(atPath: place.root.appendingPathComponent("inc").path)
                == backupFiles)
    }

    @Test func swiftHouseBackupOnS3IsAttachedWithItsSecretHidden() async throws {
        let moto = try MotoServer.shared()
        let bucket = "backup-database"
        try moto.createBucket(bucket)
        let backup =
            "S3('\(moto.endpoint)/\(bucket)/\(UUID().uuidString.prefix(8))/b', '\(MotoServer.testAccessKeyID)', '\(MotoServer.testSecretAccessKey)')"
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run(Self.tableDefinition)
        try await engine.run(Self.insert(from: 0, count: 2000))
        try await engine.run("BACKUP DATABASE db TO \(backup)")
        let original = try await engine.run(Self.queries[1].replacingOccurrences(of: "bdb.", with: "db."))

        try await engine.run("CREATE DATABASE bdb ENGINE = Backup('db', \(backup))")
        #expect(try await engine.run(Self.queries[1]) == original)
        let shown = try await engine.run("SHOW CREATE DATABASE bdb")
        // The key and the secret are both "testing" on moto: the key is shown once, the secret not at all.
        #expect(shown.contains("[HIDDEN]"), "\(shown)")
        #expect(shown.components(separatedBy: MotoServer.testSecretAccessKey).count == 2, "\(shown)")
        // ClickHouse attaches the same backup with the same answer.
        let clickHouse = try ClickHouseOracle.run([
            "CREATE DATABASE bdb ENGINE = Backup('db', \(backup))", Self.queries[1],
        ])
        #expect(clickHouse.last == .output(original), "\(clickHouse)")
        // A RESTORE into the Backup database is refused like a CREATE TABLE in it.
        let restore = await engine.failure("RESTORE TABLE db.t AS bdb.t2 FROM \(backup)")
        #expect(restore?.code == .unsupportedMethod, "\(String(describing: restore))")
    }

    @Test func badArgumentsAndBrokenBackupsLeaveNoDatabase() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        _ = try place.clickHouse(
            [
                "CREATE DATABASE db", Self.tableDefinition, Self.insert(from: 0, count: 500),
                "BACKUP DATABASE db TO \(place.file("b"))",
            ],
            in: "ch")
        let statements = [
            "CREATE DATABASE x1 ENGINE = Backup('db')",
            "CREATE DATABASE x2 ENGINE = Backup(db, \(place.file("b")))",
            "CREATE DATABASE x3 ENGINE = Backup('db', 5)",
            "CREATE DATABASE x4 ENGINE = Backup('db', \(place.file("b")), 3)",
            "CREATE DATABASE x5 ENGINE = Backup('db', \(place.file("missing")))",
            "CREATE DATABASE x6 ENGINE = Atomic('x')",
            "CREATE DATABASE x7 ENGINE = NoSuchEngine",
        ]
        let expected = try ClickHouseOracle.run(
            statements, path: place.root.appendingPathComponent("ch").path + "?config-file=\(place.config.path)")
        let engine = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        for (statement, outcome) in zip(statements, expected) {
            let failure = await engine.failure(statement)
            #expect(failure.map { Self.code($0.description) } == Self.code(outcome.text), "\(statement)")
        }
        // A database the backup does not hold attaches empty, as in ClickHouse.
        try await engine.run("CREATE DATABASE empty ENGINE = Backup('nodb', \(place.file("b")))")
        #expect(try await engine.run("SHOW TABLES FROM empty") == "")

        // A damaged data file fails the attach with the file named, and leaves no database behind.
        let data = place.root.appendingPathComponent("b/data/db/t")
        let part = try #require(try FileManager.default.contentsOfDirectory(atPath: data.path).sorted().first)
        let victim = data.appendingPathComponent(part).appendingPathComponent("data.bin")
        var bytes = try [UInt8](Data(contentsOf: victim))
        bytes[bytes.count / 2] ^= 0x5A
        try Data(bytes).write(to: victim)
        let damaged = await engine.failure("CREATE DATABASE bdb ENGINE = Backup('db', \(place.file("b")))")
        #expect(damaged?.description.contains("data.bin") == true, "\(String(describing: damaged))")
        #expect(
            try await engine.run("SELECT count() FROM system.databases WHERE name LIKE 'x%' OR name = 'bdb'") == "0\n")
        #expect(
            !FileManager.default.fileExists(atPath: engine.directory.appendingPathComponent("metadata/bdb.sql").path))
    }
}

import Foundation
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// Wrong answers and lost data found by outside testing (issue "Nothing silently wrong"): each test failed before its
/// fix.
@Suite struct DataSafetyTests {
    /// `RENAME TABLE t TO t2`, a new `t`, then `TRUNCATE TABLE t2` removed the new `t`'s part (the renamed parts still
    /// deleted their old directories).
    @Test func truncateAfterRenameKeepsTheNewTable() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE TABLE t (k UInt32) ENGINE = MergeTree ORDER BY k")
        try await engine.run("INSERT INTO t VALUES (1), (2)")
        try await engine.run("RENAME TABLE t TO t2")
        try await engine.run("CREATE TABLE t (k UInt32) ENGINE = MergeTree ORDER BY k")
        try await engine.run("INSERT INTO t VALUES (10), (20), (30)")
        try await engine.run("TRUNCATE TABLE t2")
        #expect(try await engine.run("SELECT count() FROM t2") == "0\n")
        #expect(try await engine.run("SELECT sum(k) FROM t") == "60\n")
        let reopened = try engine.reopened()
        #expect(try await reopened.run("SELECT sum(k) FROM t") == "60\n")
        #expect(try await reopened.run("SELECT count() FROM t2") == "0\n")
        #expect(try await reopened.run("CHECK TABLE t") == "all_1_1_0\t1\t\n")
    }

    /// DEFAULT and MATERIALIZED values were stored as the type's default, so ClickHouse restored wrong values from
    /// our backups; ALIAS and EPHEMERAL columns must not be stored. Both ways with ClickHouse.
    @Test func computedColumnsCrossToClickHouse() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let table =
            "CREATE TABLE db.t (a UInt32, b UInt32 DEFAULT a * 2, c UInt64 MATERIALIZED a + b, d String ALIAS concat('x', toString(a)), e UInt8 EPHEMERAL, f UInt32 DEFAULT e + 1) ENGINE = MergeTree ORDER BY a"
        let inserts = [
            "INSERT INTO db.t (a) SELECT number FROM numbers(1000)", "INSERT INTO db.t (a, e) VALUES (5000, 7)",
        ]
        let query = "SELECT a, b, c, d, f FROM db.t ORDER BY a"
        let engine = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await engine.run("CREATE DATABASE db")
        try await engine.run(table)
        for insert in inserts { try await engine.run(insert) }
        try await engine.run("BACKUP TABLE db.t TO \(place.file("sh"))")
        let clickHouse = try place.clickHouse(
            [
                "CREATE DATABASE db", "RESTORE TABLE db.t FROM \(place.file("sh"))", query,
                "CHECK TABLE db.t SETTINGS check_query_single_value_result = 1",
            ]
                + ["CREATE DATABASE own", table.replacingOccurrences(of: "db.t", with: "own.t")]
                + inserts.map { $0.replacingOccurrences(of: "db.t", with: "own.t") }
                + [query.replacingOccurrences(of: "db.t", with: "own.t"), "BACKUP TABLE own.t TO \(place.file("ch"))"],
            in: "chdb")
        #expect(clickHouse.count == 10)
        #expect(clickHouse[3] == .output("1\n"))
        #expect(clickHouse[2] == clickHouse[8], "ClickHouse reads our part as it reads its own")
        #expect(try await engine.run(query) == clickHouse[8].text)
        let restored = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await restored.run("CREATE DATABASE own")
        try await restored.run("RESTORE TABLE own.t FROM \(place.file("ch"))")
        #expect(try await restored.run(query.replacingOccurrences(of: "db.t", with: "own.t")) == clickHouse[8].text)
    }

    /// `RESTORE … PARTITIONS '2', '3'` restored every partition.
    @Test func restoreOfPartitionsRestoresOnlyThem() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE TABLE p (k UInt32, part UInt8) ENGINE = MergeTree PARTITION BY part ORDER BY k")
        try await engine.run("INSERT INTO p SELECT number, number % 5 FROM numbers(1000)")
        try await engine.run("BACKUP TABLE p TO File('parts')")
        try await engine.run("RESTORE TABLE p AS q PARTITIONS '2', '3' FROM File('parts')")
        #expect(try await engine.run("SELECT count() FROM q") == "400\n")
        #expect(try await engine.run("SELECT DISTINCT part FROM q ORDER BY part") == "2\n3\n")
        #expect(
            try await engine.run("SELECT sum(k) FROM q")
                == (try await engine.run("SELECT sum(k) FROM p WHERE part = 2 OR part = 3")))
    }

    /// `USE a; BACKUP TABLE t … ASYNC; USE b` backed up `b.t` at times: the statement reads the session when it starts.
    @Test func asyncBackupKeepsTheDatabaseItStartedIn() async throws {
        let engine = try TestEngine()
        for database in ["a", "b"] {
            try await engine.run("CREATE DATABASE \(database)")
            try await engine.run("CREATE TABLE \(database).t (k UInt32) ENGINE = MergeTree ORDER BY k")
        }
        try await engine.run("INSERT INTO a.t SELECT number FROM numbers(1000)")
        try await engine.run("INSERT INTO b.t SELECT number FROM numbers(7)")
        for attempt in 0..<5 {
            try await engine.run("USE a")
            let row = try await engine.run("BACKUP TABLE t TO File('async\(attempt)') ASYNC")
            try await engine.run("USE b")
            let id = String(row.split(separator: "\t")[0])
            try await waitUntilDone(engine, id: id)
            #expect(try await engine.run("SELECT status FROM system.backups WHERE id = '\(id)'") == "BACKUP_CREATED\n")
            try await engine.run("RESTORE TABLE a.t AS default.r\(attempt) FROM File('async\(attempt)')")
            #expect(try await engine.run("SELECT count() FROM default.r\(attempt)") == "1000\n")
        }
    }

    func waitUntilDone(_ engine: TestEngine, id: String) async throws {
        for _ in 0..<600 {
            let status = try await engine.run("SELECT status FROM system.backups WHERE id = '\(id)'")
            if status != "CREATING_BACKUP\n" && status != "RESTORING\n" { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("operation \(id) did not finish")
    }

    /// A second process on the same data directory is refused with ClickHouse's error (two processes inserting
    /// into one table lost rows and corrupted parts).
    @Test func secondProcessOnTheDataDirectoryIsRefused() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE TABLE t (k UInt32) ENGINE = MergeTree ORDER BY k")
        let (status, _, errors) = try runSwiftHouse(["local", "--path", engine.directory.path, "--query", "SELECT 1"])
        #expect(status != 0)
        #expect(
            errors
                == "Code: 76. DB::Exception: Cannot lock file \(engine.directory.path)/status. Another server instance in same directory is already running. (CANNOT_OPEN_FILE)\n",
            "\(errors)")
        let status2 = try String(contentsOf: engine.directory.appendingPathComponent("status"), encoding: .utf8)
        #expect(status2.hasPrefix("PID: \(ProcessInfo.processInfo.processIdentifier)\n"), "\(status2)")
    }

    /// Once the first holder is gone, the directory opens again (the lock dies with its holder).
    @Test func dataDirectoryOpensAfterItsHolderExits() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-lock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (first, out, _) = try runSwiftHouse(
            ["local", "--path", directory.path, "--query", "CREATE TABLE t (k UInt8) ENGINE = Memory; SELECT 1"])
        #expect(first == 0 && out == "1\n")
        let (second, out2, errors) = try runSwiftHouse(["local", "--path", directory.path, "--query", "SELECT 2"])
        #expect(second == 0 && out2 == "2\n", "\(errors)")
    }

    /// What a killed BACKUP left under the data directory (its snapshot of hard-linked parts) is removed on open.
    @Test func openingRemovesLeftoversOfKilledOperations() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-left-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let snapshot = directory.appendingPathComponent("tmp/backup_1234/default/t/all_1_1_0")
        try FileManager.default.createDirectory(at: snapshot, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: snapshot.appendingPathComponent("data.bin"))
        _ = try Engine(path: directory.path)
        let left = try FileManager.default.contentsOfDirectory(
            atPath: directory.appendingPathComponent("tmp").path)
        #expect(left.isEmpty, "\(left)")
    }
}

import Foundation
import SHCore
import SHEngine
import SHTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// kill -9 in the middle of BACKUP and RESTORE (the real `swifthouse` binary, throttled so the kill lands
/// mid-way): the destination is usable again and no half-restored table is visible.
@Suite(.serialized) struct CrashSafetyTests {
    static let binary = PythonEnvironment.repositoryRoot.appendingPathComponent(".build/debug/swifthouse")

    /// Starts `swifthouse local` on `directory` and kills it with SIGKILL once `ready()` holds (or after 20 s).
    func runAndKill(_ directory: URL, _ sql: String, ready: () -> Bool) async throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["local", "--path", directory.path, "--query", sql]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !ready(), process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(process.isRunning, "the statement finished before it could be killed")
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
    }

    /// The statement's output, or its error.
    static func attempt(_ sql: String, on engine: TestEngine) async -> Result<String, DatabaseError> {
        do { return .success(try await engine.run(sql)) } catch { return .failure(DatabaseError.wrap(error)) }
    }

    func makeTable(_ directory: URL) async throws {
        let engine = try Engine(path: directory.path)
        let session = engine.makeSession()
        for sql in [
            "CREATE DATABASE test_db",
            "CREATE TABLE test_db.t (`key` Int32, `value` String, `array` Array(String)) ENGINE = MergeTree ORDER BY tuple()",
            "INSERT INTO test_db.t SELECT * FROM generateRandom('key Int, value String, array Array(String)', 7) LIMIT 20000",
            "INSERT INTO test_db.t SELECT * FROM generateRandom('key Int, value String, array Array(String)', 8) LIMIT 20000",
        ] {
            _ = try await session.query(sql)
        }
    }

    @Test func killedBackupLeavesARecoverableDestination() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await makeTable(directory)
        let lock = directory.appendingPathComponent("backups/k1/.lock")
        try await runAndKill(directory, "BACKUP TABLE test_db.t TO File('k1') SETTINGS max_backup_bandwidth = 200000") {
            FileManager.default.fileExists(atPath: lock.path)
        }
        #expect(FileManager.default.fileExists(atPath: lock.path))
        let engine = try TestEngine(reopening: directory)
        let wedged = await engine.failure("BACKUP TABLE test_db.t TO File('k1')")
        #expect(
            wedged?.description.hasPrefix(
                "Code: 598. DB::Exception: Backup File('k1') is being written already. (BACKUP_ALREADY_EXISTS)") == true
        )
        #expect(wedged?.hint?.contains("stale") == true)
        let taken = try await engine.run("BACKUP TABLE test_db.t TO File('k1') SETTINGS stale_lock_seconds = 0")
        #expect(taken.hasSuffix("\tBACKUP_CREATED\n"))
        try await engine.run("RESTORE TABLE test_db.t AS test_db.r FROM File('k1')")
        #expect(try await engine.run("SELECT count() FROM test_db.r") == "40000\n")
    }

    @Test func killedRestoreLeavesNoTable() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await makeTable(directory)
        do {
            let engine = try TestEngine(reopening: directory)
            try await engine.run("BACKUP TABLE test_db.t TO File('k2')")
        }
        let table = directory.appendingPathComponent("data/test_db/r")
        try await runAndKill(
            directory, "RESTORE TABLE test_db.t AS test_db.r FROM File('k2') SETTINGS max_backup_bandwidth = 200000"
        ) {
            (try? FileManager.default.contentsOfDirectory(atPath: table.path))?.contains { $0.hasPrefix("tmp_restore") }
                == true
        }
        let engine = try TestEngine(reopening: directory)
        #expect(try await engine.run("EXISTS TABLE test_db.r") == "0\n")
        try await engine.run("RESTORE TABLE test_db.t AS test_db.r FROM File('k2')")
        #expect(try await engine.run("SELECT count() FROM test_db.r") == "40000\n")
    }

    /// Two BACKUPs racing for one destination while both are writing (each is slowed to take seconds): exactly one
    /// is created, the other fails with 598 because the destination "is being written already" (not because it
    /// exists: that would mean the two did not overlap).
    @Test func concurrentBackupsToOneDestination() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-race-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await makeTable(directory)
        let engine = try TestEngine(reopening: directory)
        let other = TestEngine(sessionOf: engine)
        let sql = "BACKUP TABLE test_db.t TO File('race') SETTINGS max_backup_bandwidth = 1000000"
        async let first = Self.attempt(sql, on: engine)
        async let second = Self.attempt(sql, on: other)
        let outcomes = await [first, second]
        let created = outcomes.compactMap { try? $0.get() }
        let failures = outcomes.compactMap { outcome -> DatabaseError? in
            if case .failure(let error) = outcome { return error }
            return nil
        }
        #expect(created.count == 1 && created.allSatisfy { $0.hasSuffix("\tBACKUP_CREATED\n") }, "\(outcomes)")
        #expect(failures.count == 1, "\(outcomes)")
        #expect(failures.first?.code.number == 598, "\(outcomes)")
        #expect(failures.first?.message.contains("is being written already") == true, "\(outcomes)")
        try await engine.run("RESTORE TABLE test_db.t AS test_db.r FROM File('race')")
        #expect(try await engine.run("SELECT count() FROM test_db.r") == "40000\n")
    }

    /// kill -9 during a large INSERT: the table opens again with whole parts only.
    @Test func killedInsertLeavesOnlyWholeParts() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-insert-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await makeTable(directory)
        let table = directory.appendingPathComponent("data/test_db/t")
        try await runAndKill(
            directory,
            "INSERT INTO test_db.t SELECT * FROM generateRandom('key Int, value String, array Array(String)', 9) LIMIT 3000000 SETTINGS max_insert_block_size = 100000"
        ) {
            (try? FileManager.default.contentsOfDirectory(atPath: table.path))?.contains { $0.hasPrefix("tmp_insert") }
                == true
        }
        let engine = try TestEngine(reopening: directory)
        let count = Int(try await engine.run("SELECT count() FROM test_db.t").dropLast()) ?? -1
        #expect(count >= 40000 && (count - 40000) % 100_000 == 0, "\(count)")
        #expect(try await engine.run("SELECT count() FROM test_db.t WHERE length(value) >= 0") == "\(count)\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: table.path).filter { $0.hasPrefix("tmp_") }
        #expect(leftovers.isEmpty)
        let checks = try await engine.run("CHECK TABLE test_db.t")
        #expect(checks.split(separator: "\n").allSatisfy { $0.contains("\t1\t") }, "\(checks)")
    }
}

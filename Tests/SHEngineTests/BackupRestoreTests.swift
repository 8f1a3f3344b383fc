import Foundation
import SHCore
import SHEngine
import Testing

/// BACKUP/RESTORE through local destinations (File, Disk, Memory, Null): semantics, errors and safety.
@Suite struct BackupRestoreTests {
    /// A table with two parts (two inserts) of seeded random rows.
    func makeTable(_ engine: TestEngine, rows: (Int, Int) = (1000, 100)) async throws {
        try await engine.run("CREATE DATABASE IF NOT EXISTS test_db")
        try await engine.run(
            "CREATE TABLE test_db.test_table (`key` Int, `value` String, `array` Array(String)) ENGINE = MergeTree ORDER BY tuple()"
        )
        try await engine.run(
            "INSERT INTO test_db.test_table SELECT * FROM generateRandom('key Int, value String, array Array(String)', 1) LIMIT \(rows.0)"
        )
        try await engine.run(
            "INSERT INTO test_db.test_table SELECT * FROM generateRandom('key Int, value String, array Array(String)', 2) LIMIT \(rows.1)"
        )
    }

    func files(under directory: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        var names: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(
                atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                names.append(name)
            }
        }
        return names.sorted()
    }

    @Test func fullBackupRestoresIdenticalRows() async throws {
        let engine = try TestEngine()
        try await makeTable(engine)
        let backup = try await engine.run("BACKUP TABLE test_db.test_table TO File('full1')")
        #expect(backup.hasSuffix("\tBACKUP_CREATED\n"))
        let restore = try await engine.run("RESTORE TABLE test_db.test_table AS test_db.restored FROM File('full1')")
        #expect(restore.hasSuffix("\tRESTORED\n"))
        let original = try await engine.run("SELECT * FROM test_db.test_table")
        #expect(try await engine.run("SELECT * FROM test_db.restored") == original)
        #expect(try await engine.run("SELECT count() FROM test_db.restored") == "1100\n")
        #expect(
            try await engine.run(
                "SELECT throwIf((SELECT groupArray(tuple(*)) FROM test_db.test_table) != (SELECT groupArray(tuple(*)) FROM test_db.restored), 'Data does not match after BACKUP/RESTORE')"
            )
                == "0\n")
        let layout = files(under: engine.directory.appendingPathComponent("backups/full1"))
        #expect(layout.contains(".backup"))
        #expect(!layout.contains(".lock"))
        #expect(layout.contains("metadata/test_db/test_table.sql"))
        #expect(layout.contains { $0.hasPrefix("data/test_db/test_table/all_1_1_0/") })
        #expect(layout.contains { $0.hasPrefix("data/test_db/test_table/all_2_2_0/") })
    }

    /// Parts are restored in block order, not in name order (`all_11_20_1` sorts before `all_1_10_1` as text), so
    /// the seed page's verification holds for tables with merged parts.
    @Test func restoreKeepsBlockOrderOfMergedParts() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run("CREATE TABLE db.t (`k` Int32) ENGINE = MergeTree ORDER BY tuple()")
        for block in 1...20 { try await engine.run("INSERT INTO db.t SELECT number + \(block * 1000) FROM numbers(3)") }
        #expect(try await engine.run("SELECT name FROM system.parts WHERE active") == "all_1_10_1\nall_11_20_1\n")
        try await engine.run("BACKUP TABLE db.t TO File('merged')")
        try await engine.run("RESTORE TABLE db.t AS db.r FROM File('merged')")
        let original = try await engine.run("SELECT groupArray(k) FROM db.t")
        #expect(try await engine.run("SELECT groupArray(k) FROM db.r") == original)
        #expect(original.hasPrefix("[1000,1001,1002,2000,"))
    }

    @Test func incrementalBackupStoresOnlyNewParts() async throws {
        let engine = try TestEngine()
        try await makeTable(engine, rows: (500, 0))
        try await engine.run("BACKUP TABLE test_db.test_table TO File('base')")
        try await engine.run(
            "INSERT INTO test_db.test_table SELECT * FROM generateRandom('key Int, value String, array Array(String)', 3) LIMIT 50"
        )
        try await engine.run("BACKUP TABLE test_db.test_table TO File('inc') SETTINGS base_backup = File('base')")
        let stored = files(under: engine.directory.appendingPathComponent("backups/inc"))
        #expect(!stored.contains { $0.hasPrefix("data/test_db/test_table/all_1_1_0/") }, "\(stored)")
        #expect(stored.contains { $0.hasPrefix("data/test_db/test_table/all_2_2_0/") })
        let manifest = try String(
            contentsOf: engine.directory.appendingPathComponent("backups/inc/.backup"), encoding: .utf8)
        #expect(manifest.contains("<base_backup>File('base')</base_backup>"))
        #expect(manifest.contains("<use_base>true</use_base>"))
        try await engine.run("RESTORE TABLE test_db.test_table AS test_db.r FROM File('inc')")
        #expect(try await engine.run("SELECT count() FROM test_db.r") == "550\n")
        #expect(
            try await engine.run("SELECT * FROM test_db.r")
                == (try await engine.run("SELECT * FROM test_db.test_table")))
        // A chain of three.
        try await engine.run("INSERT INTO test_db.test_table VALUES (1, 'x', ['y'])")
        try await engine.run("BACKUP TABLE test_db.test_table TO File('inc2') SETTINGS base_backup = File('inc')")
        try await engine.run("RESTORE TABLE test_db.test_table AS test_db.r2 FROM File('inc2')")
        #expect(try await engine.run("SELECT count() FROM test_db.r2") == "551\n")
    }

    @Test func errorsMatchClickHouse() async throws {
        let engine = try TestEngine()
        try await makeTable(engine, rows: (10, 1))
        try await engine.run("BACKUP TABLE test_db.test_table TO File('e1')")
        let again = await engine.failure("BACKUP TABLE test_db.test_table TO File('e1')")
        #expect(
            again?.description == "Code: 598. DB::Exception: Backup File('e1') already exists. (BACKUP_ALREADY_EXISTS)")
        let missing = await engine.failure("RESTORE TABLE test_db.test_table FROM File('nothing_here')")
        #expect(
            missing?.description
                == "Code: 599. DB::Exception: Backup File('nothing_here') not found. (BACKUP_NOT_FOUND)")
        let missingBase = await engine.failure(
            "BACKUP TABLE test_db.test_table TO File('e2') SETTINGS base_backup = File('nope')")
        #expect(missingBase?.code == .backupNotFound)
        let typo = await engine.failure("RESTORE TABLE data AS test_db.x FROM File('e1')")
        #expect(typo?.code == .backupEntryNotFound)
        #expect(typo?.message == "Table default.data not found in backup")
        #expect(typo?.hint?.contains("test_db.test_table") == true)
        let nonEmpty = await engine.failure("RESTORE TABLE test_db.test_table FROM File('e1')")
        #expect(
            nonEmpty?.description
                == "Code: 608. DB::Exception: Cannot restore the table test_db.test_table because it already contains some data. You can set structure_only=true, restore_table_data=false or allow_non_empty_tables=true to overcome that in the way you want: While restoring data of table test_db.test_table. (CANNOT_RESTORE_TABLE)"
        )
        try await engine.run("RESTORE TABLE test_db.test_table FROM File('e1') SETTINGS allow_non_empty_tables = true")
        #expect(try await engine.run("SELECT count() FROM test_db.test_table") == "22\n")
        let setting = await engine.failure("BACKUP TABLE test_db.test_table TO File('e3') SETTINGS bogus_setting = 1")
        #expect(setting?.description == "Code: 115. DB::Exception: Unknown setting 'bogus_setting'. (UNKNOWN_SETTING)")
        let outside = await engine.failure("BACKUP TABLE test_db.test_table TO File('/etc/f3')")
        #expect(
            outside?.description
                == "Code: 36. DB::Exception: Path '/etc/f3' is not allowed for backups. (BAD_ARGUMENTS)")
        let noTable = await engine.failure("BACKUP TABLE test_db.nonexistent TO File('e4')")
        #expect(
            noTable?.description == "Code: 60. DB::Exception: Table test_db.nonexistent was not found. (UNKNOWN_TABLE)")
        #expect(
            !FileManager.default.fileExists(
                atPath: engine.directory.appendingPathComponent("backups/e4").path + "/.lock"))
    }

    @Test func corruptedBackupFailsAndLeavesNoTable() async throws {
        let engine = try TestEngine()
        try await makeTable(engine, rows: (200, 10))
        try await engine.run("BACKUP TABLE test_db.test_table TO File('c1')")
        let partDirectory = engine.directory.appendingPathComponent("backups/c1/data/test_db/test_table/all_1_1_0")
        let victim = try FileManager.default.contentsOfDirectory(atPath: partDirectory.path).filter {
            $0.hasSuffix(".bin")
        }.sorted()[0]
        let url = partDirectory.appendingPathComponent(victim)
        var bytes = try [UInt8](Data(contentsOf: url))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: url)
        let error = await engine.failure("RESTORE TABLE test_db.test_table AS test_db.r FROM File('c1')")
        #expect(error?.code == .checksumDoesntMatch, "\(String(describing: error))")
        #expect(error?.description.contains(victim) == true)
        #expect(try await engine.run("EXISTS TABLE test_db.r") == "0\n")
        // Truncated object: a size error, and again no table left.
        try Data(bytes.prefix(bytes.count / 2)).write(to: url)
        let truncated = await engine.failure("RESTORE TABLE test_db.test_table AS test_db.r FROM File('c1')")
        #expect(truncated != nil)
        #expect(try await engine.run("EXISTS TABLE test_db.r") == "0\n")
    }

    @Test func settingsAndEngines() async throws {
        let engine = try TestEngine()
        try await makeTable(engine, rows: (30, 3))
        #expect(try await engine.run("BACKUP TABLE test_db.test_table TO Null").hasSuffix("BACKUP_CREATED\n"))
        try await engine.run("BACKUP DATABASE test_db TO Memory('m1')")
        try await engine.run("RESTORE DATABASE test_db AS copy_db FROM Memory('m1')")
        #expect(try await engine.run("SELECT count() FROM copy_db.test_table") == "33\n")
        try await engine.run("BACKUP TABLE test_db.test_table TO Disk('backups', 'd1')")
        try await engine.run(
            "RESTORE TABLE test_db.test_table AS test_db.s FROM Disk('backups', 'd1') SETTINGS structure_only = 1")
        #expect(try await engine.run("SELECT count() FROM test_db.s") == "0\n")
        let async = try await engine.run(
            "BACKUP TABLE test_db.test_table TO File('a1') SETTINGS id = 'async_one' ASYNC")
        #expect(async == "async_one\tCREATING_BACKUP\n")
        await engine.engine.backups.wait("async_one")
        #expect(try await engine.run("SELECT status FROM system.backups WHERE id = 'async_one'") == "BACKUP_CREATED\n")
        try await engine.run("BACKUP ALL EXCEPT DATABASES copy_db TO File('all1')")
        try await engine.run("DROP DATABASE test_db")
        try await engine.run("RESTORE ALL FROM File('all1')")
        #expect(try await engine.run("SELECT count() FROM test_db.test_table") == "33\n")
        let reopened = try engine.reopened()
        #expect(try await reopened.run("SELECT count() FROM test_db.test_table") == "33\n")
    }

    @Test func restoreSettingsAndChainErrors() async throws {
        let engine = try TestEngine()
        try await makeTable(engine, rows: (20, 2))
        try await engine.run("BACKUP TABLE test_db.test_table TO File('s1')")
        // create_table: 'create' (must not exist), 'must-exist'; bad values.
        let exists = await engine.failure(
            "RESTORE TABLE test_db.test_table FROM File('s1') SETTINGS create_table = 'create'")
        #expect(exists?.code == .tableAlreadyExists)
        let missing = await engine.failure(
            "RESTORE TABLE test_db.test_table AS test_db.nope FROM File('s1') SETTINGS create_table = 'must-exist'")
        #expect(missing?.code == .unknownTable)
        let bogus = await engine.failure(
            "RESTORE TABLE test_db.test_table FROM File('s1') SETTINGS create_table = 'bogus'")
        #expect(
            bogus?.description
                == "Code: 653. DB::Exception: Cannot parse creation mode from bogus. (CANNOT_PARSE_BACKUP_SETTINGS)")
        // restore_table_data = 0: the table, no rows.
        try await engine.run(
            "RESTORE TABLE test_db.test_table AS test_db.empty FROM File('s1') SETTINGS restore_table_data = 0")
        #expect(try await engine.run("SELECT count() FROM test_db.empty") == "0\n")
        // A different definition fails unless allow_different_table_def.
        try await engine.run(
            "CREATE TABLE test_db.other (`key` Int64, `value` String, `array` Array(String)) ENGINE = MergeTree ORDER BY tuple()"
        )
        let different = await engine.failure("RESTORE TABLE test_db.test_table AS test_db.other FROM File('s1')")
        #expect(different?.code == .cannotRestoreTable)
        #expect(different?.message.hasPrefix("The table has a different definition") == true)
        try await engine.run(
            "RESTORE TABLE test_db.test_table AS test_db.other FROM File('s1') SETTINGS allow_different_table_def = 1")
        #expect(try await engine.run("SELECT count() FROM test_db.other") == "22\n")
        // An incremental whose base was replaced by another backup: WRONG_BASE_BACKUP.
        try await engine.run("BACKUP TABLE test_db.test_table TO File('base_a')")
        try await engine.run("INSERT INTO test_db.test_table VALUES (1, 'x', [])")
        try await engine.run("BACKUP TABLE test_db.test_table TO File('inc_a') SETTINGS base_backup = File('base_a')")
        try FileManager.default.removeItem(at: engine.directory.appendingPathComponent("backups/base_a"))
        try await engine.run("BACKUP TABLE test_db.test_table TO File('base_a')")
        let wrongBase = await engine.failure("RESTORE TABLE test_db.test_table AS test_db.w FROM File('inc_a')")
        #expect(wrongBase?.code == .wrongBaseBackup, "\(String(describing: wrongBase))")
        #expect(wrongBase?.message.contains("has different UUID") == true)
        // A missing object: the restore fails and leaves no table.
        try FileManager.default.removeItem(
            at: engine.directory.appendingPathComponent("backups/s1/data/test_db/test_table/all_1_1_0/count.txt"))
        let lost = await engine.failure("RESTORE TABLE test_db.test_table AS test_db.lost FROM File('s1')")
        #expect(lost != nil)
        #expect(try await engine.run("EXISTS TABLE test_db.lost") == "0\n")
        // system.backups keeps every operation, failed ones with their error.
        let statuses = try await engine.run(
            "SELECT status, count() FROM system.backups GROUP BY status ORDER BY status")
        #expect(statuses.contains("RESTORE_FAILED\t"))
        #expect(statuses.contains("BACKUP_CREATED\t"))
    }
}

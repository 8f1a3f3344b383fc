import Foundation
import SHBackup
import SHCore
import SHTestSupport
import Testing

@testable import SHEngine

/// The registries behind table engines, system tables and backup engines: what each one lists, the errors for
/// names it does not list, and the names ClickHouse (chdb 26.9) has too.
@Suite struct RegistryTests {
    @Test func tableEngines() throws {
        #expect(
            TableEngineRegistry.names == [
                "AggregatingMergeTree", "CollapsingMergeTree", "Log", "Memory", "MergeTree", "Null",
                "ReplacingMergeTree", "StripeLog", "SummingMergeTree", "TinyLog", "VersionedCollapsingMergeTree",
            ])
        let error = #expect(throws: DatabaseError.self) { try TableEngineRegistry.engine(named: "Kafka") }
        #expect(error?.description == "Code: 56. DB::Exception: Unknown table engine Kafka. (UNKNOWN_STORAGE)")
    }

    @Test func systemTables() throws {
        #expect(
            SystemTableRegistry.names == [
                "backup_log", "backups", "columns", "databases", "numbers", "one", "parts", "settings", "tables",
            ])
        #expect(SystemTables.names == SystemTableRegistry.names)
        let error = #expect(throws: DatabaseError.self) { try SystemTableRegistry.table(named: "clusters") }
        #expect(error?.description == "Code: 60. DB::Exception: Table system.clusters does not exist. (UNKNOWN_TABLE)")
    }

    /// Every system table answers a full SELECT (each row has a value for every column it describes).
    @Test func everySystemTableAnswers() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE TABLE t (k UInt8) ENGINE = MergeTree ORDER BY k")
        try await engine.run("INSERT INTO t VALUES (1)")
        for name in SystemTableRegistry.names {
            _ = try await engine.run("SELECT * FROM system.\(name) WHERE 1 LIMIT 5")
        }
    }

    @Test func backupEngines() throws {
        #expect(BackupEngineRegistry.names == ["Disk", "File", "Memory", "Null", "S3"])
        let error = #expect(throws: DatabaseError.self) { try BackupEngineRegistry.engine(named: "AzureBlobStorage") }
        #expect(
            error?.description
                == "Code: 627. DB::Exception: Not found backup engine 'AzureBlobStorage'. (BACKUP_ENGINE_NOT_FOUND)")
    }

    /// Every table engine and system table registered here is one ClickHouse has, under the same name.
    @Test func namesAreClickHouseNames() throws {
        let names = try ClickHouseOracle.lineSets([
            "SELECT name FROM system.table_engines", "SELECT name FROM system.tables WHERE database = 'system'",
        ])
        #expect(Set(TableEngineRegistry.names).isSubset(of: names[0]))
        // system.backup_log exists in ClickHouse when its server configuration enables the log (chdb's does not);
        // its columns are checked against ClickHouse's source in SystemBackupTablesTests.
        #expect(Set(SystemTableRegistry.names).subtracting(["backup_log"]).isSubset(of: names[1]))
    }

    /// The SQL statements go through the registries: the same errors as before, from one place.
    @Test func statementsUseTheRegistries() async throws {
        let engine = try TestEngine()
        let create = await engine.failure("CREATE TABLE t (x Int32) ENGINE = Kafka")
        #expect(create?.description == "Code: 56. DB::Exception: Unknown table engine Kafka. (UNKNOWN_STORAGE)")
        let select = await engine.failure("SELECT * FROM system.clusters")
        #expect(select?.description == "Code: 60. DB::Exception: Table system.clusters does not exist. (UNKNOWN_TABLE)")
        _ = try await engine.run("CREATE TABLE t (x Int32) ENGINE = Memory")
        let backup = await engine.failure("BACKUP TABLE t TO AzureBlobStorage('a', 'b', 'c')")
        #expect(
            backup?.description
                == "Code: 627. DB::Exception: Not found backup engine 'AzureBlobStorage'. (BACKUP_ENGINE_NOT_FOUND)")
    }

    /// `extra_credentials(role_arn = …)` is ClickHouse Cloud's: SwiftHouse cannot assume a role, so it refuses
    /// the argument instead of ignoring it (it was parsed and dropped before).
    @Test func extraCredentialsAreRefused() async throws {
        let engine = try TestEngine()
        _ = try await engine.run("CREATE TABLE t (x Int32) ENGINE = Memory")
        for statement in [
            "BACKUP TABLE t TO S3('http://127.0.0.1:1/b/x', 'AK', 'SK', extra_credentials(role_arn = 'arn:aws:iam::1:role/r'))",
            "RESTORE TABLE t AS r FROM S3('http://127.0.0.1:1/b/x', extra_credentials(role_arn = 'arn'))",
            "BACKUP TABLE t TO Memory('m') SETTINGS base_backup = S3('http://127.0.0.1:1/b/x', extra_credentials(role_arn = 'arn'))",
        ] {
            let error = await engine.failure(statement)
            #expect(error?.code == .badArguments, "\(statement): \(String(describing: error))")
            #expect(error?.message.contains("extra_credentials") == true, "\(statement)")
            #expect(error?.message.contains("not supported by SwiftHouse") == true, "\(statement)")
        }
        #expect(try await engine.run("SELECT count() FROM system.backups") == "0\n")
    }
}

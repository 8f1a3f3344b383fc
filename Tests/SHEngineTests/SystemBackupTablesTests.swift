import Foundation
import SHEngine
import SHTestSupport
import Testing

/// `system.backups` and `system.backup_log` with ClickHouse 26.9's columns (issue #15): DESCRIBE answers as chdb's,
/// `system.columns` lists system tables too, and the log keeps every operation's start and end across restarts.
@Suite struct SystemBackupTablesTests {
    @Test(arguments: ["backups", "settings"]) func systemTableIsDescribedAsClickHouseDescribesIt(_ table: String)
        async throws
    {
        func nameAndType(_ text: String) -> String {
            text.split(separator: "\n").map {
                $0.split(separator: "\t", omittingEmptySubsequences: false).prefix(2).joined(separator: "\t")
            }
            .joined(separator: "\n") + "\n"
        }
        let expected = try ClickHouseOracle.run(["DESCRIBE system.\(table)"])
        let engine = try TestEngine()
        let ours = nameAndType(try await engine.run("DESCRIBE system.\(table)"))
        #expect(expected.first.map { nameAndType($0.text) } == ours, "\(expected) vs \(ours)")
        if table == "backups" { #expect(ours.contains("ProfileEvents\tMap(LowCardinality(String), UInt64)")) }
        let columns = try await engine.run(
            "SELECT name, type FROM system.columns WHERE database = 'system' AND table = '\(table)' ORDER BY position")
        #expect(columns == ours)
    }

    /// The columns of ClickHouse's `BackupLogElement::getColumnsDescription` (src/Interpreters/BackupLog.cpp).
    @Test func backupLogKeepsHistoryAcrossRestarts() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let first = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await first.run("CREATE TABLE t (k UInt8) ENGINE = MergeTree ORDER BY k")
        try await first.run("INSERT INTO t VALUES (1), (2)")
        try await first.run("BACKUP TABLE t TO \(place.file("b1")) SETTINGS id = 'first'")
        let failure = await first.failure("RESTORE TABLE t FROM \(place.file("missing")) SETTINGS id = 'second'")
        #expect(failure?.code.name == "BACKUP_NOT_FOUND")
        let columns = try await first.run(
            "SELECT name, type FROM system.columns WHERE database = 'system' AND table = 'backup_log' ORDER BY position FORMAT CSV"
        )
        #expect(
            columns
                == """
                "hostname","LowCardinality(String)"
                "event_date","Date"
                "event_time","DateTime"
                "event_time_microseconds","DateTime64(6)"
                "id","String"
                "name","String"
                "base_backup_name","String"
                "query_id","String"
                "status","Enum8('CREATING_BACKUP' = 0, 'BACKUP_CREATED' = 1, 'BACKUP_FAILED' = 2, 'RESTORING' = 3, 'RESTORED' = 4, 'RESTORE_FAILED' = 5, 'BACKUP_CANCELLED' = 6, 'RESTORE_CANCELLED' = 7)"
                "error","String"
                "start_time","DateTime"
                "end_time","DateTime"
                "num_files","UInt64"
                "total_size","UInt64"
                "num_entries","UInt64"
                "uncompressed_size","UInt64"
                "compressed_size","UInt64"
                "files_read","UInt64"
                "bytes_read","UInt64"

                """)
        let reopened = try first.reopened()
        let history = try await reopened.run(
            "SELECT id, status, num_files > 0, error != '' FROM system.backup_log ORDER BY event_time_microseconds")
        #expect(
            history
                == "first\tCREATING_BACKUP\t0\t0\nfirst\tBACKUP_CREATED\t1\t0\n"
                + "second\tRESTORING\t0\t0\nsecond\tRESTORE_FAILED\t0\t1\n", "\(history)")
        // This process's operations only: the restarted engine has none yet.
        #expect(try await reopened.run("SELECT count() FROM system.backups") == "0\n")
    }
}

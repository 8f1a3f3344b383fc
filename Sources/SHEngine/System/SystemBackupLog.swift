import Foundation
import SHBackup
import SHCore

/// `system.backup_log`: every BACKUP and RESTORE this data directory saw, a row at its start and one at its end,
/// across restarts, with ClickHouse 26.9's columns and types (`BackupLogElement`).
struct SystemBackupLog: RowsSystemTable {
    var name: String { "backup_log" }
    var columns: [(String, DataType)] {
        [
            ("hostname", .lowCardinality(.string)), ("event_date", .date), ("event_time", .dateTime),
            ("event_time_microseconds", .dateTime64(6, timeZone: nil)), ("id", .string), ("name", .string),
            ("base_backup_name", .string), ("query_id", .string), ("status", SystemBackups.statusType),
            ("error", .string), ("start_time", .dateTime), ("end_time", .dateTime), ("num_files", .uint64),
            ("total_size", .uint64), ("num_entries", .uint64), ("uncompressed_size", .uint64),
            ("compressed_size", .uint64), ("files_read", .uint64), ("bytes_read", .uint64),
        ]
    }

    func rows(_ context: QueryContext) -> [[Value]] {
        let host = Value.string(Array(ProcessInfo.processInfo.hostName.utf8))
        return (context.engine.backups.log?.entries() ?? []).map { entry in
            let seconds = entry.eventTime / 1_000_000
            return [
                host, .int(seconds / 86_400), .int(seconds), .int(entry.eventTime), .string(entry.id),
                .string(entry.name), .string(entry.baseBackupName), .string(entry.queryID), .int(Int64(entry.status)),
                .string(entry.error), .int(entry.startTime), .int(entry.endTime), .uint(entry.numFiles),
                .uint(entry.totalSize), .uint(entry.numEntries), .uint(entry.uncompressedSize),
                .uint(entry.compressedSize), .uint(entry.filesRead), .uint(entry.bytesRead),
            ]
        }
    }
}

import SHBackup
import SHCore

/// `system.backups`: one row per BACKUP or RESTORE this server ran or runs, with ClickHouse 26.9's columns and
/// types. `ProfileEvents` and `engine_settings` are empty maps (SwiftHouse counts no profile events and reports no
/// engine settings); `settings` holds the settings the statement gave.
struct SystemBackups: RowsSystemTable {
    var name: String { "backups" }

    /// `Enum8('CREATING_BACKUP' = 0, …, 'RESTORE_CANCELLED' = 7)`.
    static let statusType = DataType.enum8(
        BackupStatus.allCases.map { EnumElement(name: $0.description, value: Int($0.rawValue)) })

    var columns: [(String, DataType)] {
        [
            ("id", .string), ("name", .string), ("base_backup_name", .string), ("query_id", .string),
            ("status", Self.statusType), ("error", .string), ("start_time", .dateTime64(6, timeZone: nil)),
            ("end_time", .dateTime64(6, timeZone: nil)), ("num_files", .uint64), ("total_size", .uint64),
            ("num_entries", .uint64), ("uncompressed_size", .uint64), ("compressed_size", .uint64),
            ("files_read", .uint64), ("bytes_read", .uint64),
            ("ProfileEvents", .map(.lowCardinality(.string), .uint64)),
            ("settings", .map(.lowCardinality(.string), .string)),
            ("engine_settings", .map(.lowCardinality(.string), .string)),
        ]
    }

    func rows(_ context: QueryContext) -> [[Value]] {
        context.engine.backups.all().map { info in
            [
                .string(info.id), .string(info.name), .string(info.baseBackupName), .string(info.queryID),
                .int(Int64(info.status.rawValue)), .string(info.error),
                .int(Int64(info.startTime.timeIntervalSince1970 * 1_000_000)),
                .int(Int64((info.endTime?.timeIntervalSince1970 ?? 0) * 1_000_000)), .uint(info.numFiles),
                .uint(info.totalSize), .uint(info.numEntries), .uint(info.uncompressedSize),
                .uint(info.compressedSize), .uint(info.filesRead), .uint(info.bytesRead), .array([]),
                .array(info.settings.map { .tuple([.string($0.0), .string($0.1)]) }), .array([]),
            ]
        }
    }
}

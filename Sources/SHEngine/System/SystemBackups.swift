import SHCore

/// `system.backups`: one row per BACKUP or RESTORE this server ran or runs.
struct SystemBackups: RowsSystemTable {
    var name: String { "backups" }
    var columns: [(String, DataType)] {
        [
            ("id", .string), ("name", .string), ("base_backup_name", .string), ("query_id", .string),
            ("status", .string), ("error", .string), ("start_time", .dateTime), ("end_time", .dateTime),
            ("num_files", .uint64), ("total_size", .uint64), ("num_entries", .uint64),
            ("uncompressed_size", .uint64), ("compressed_size", .uint64), ("files_read", .uint64),
            ("bytes_read", .uint64),
        ]
    }

    func rows(_ context: QueryContext) -> [[Value]] {
        context.engine.backups.all().map { info in
            [
                .string(info.id), .string(info.name), .string(info.baseBackupName), .string(info.queryID),
                .string(info.status.description), .string(info.error),
                .uint(UInt64(info.startTime.timeIntervalSince1970)),
                .uint(UInt64(info.endTime?.timeIntervalSince1970 ?? 0)), .uint(info.numFiles),
                .uint(info.totalSize), .uint(info.numEntries), .uint(info.uncompressedSize),
                .uint(info.compressedSize), .uint(info.filesRead), .uint(info.bytesRead),
            ]
        }
    }
}

import SHCore
import SHStorage

/// `system.parts`: one row per active part of every MergeTree table.
struct SystemParts: RowsSystemTable {
    var name: String { "parts" }
    var columns: [(String, DataType)] {
        [
            ("partition", .string), ("name", .string), ("part_type", .string), ("active", .uint8),
            ("rows", .uint64), ("bytes_on_disk", .uint64), ("modification_time", .dateTime),
            ("database", .string), ("table", .string), ("partition_id", .string),
            ("min_block_number", .int64), ("max_block_number", .int64), ("level", .uint32), ("path", .string),
        ]
    }

    func rows(_ context: QueryContext) throws -> [[Value]] {
        try allTables(context).flatMap { table -> [[Value]] in
            guard case .parts(let parts) = table.snapshot() else { return [] }
            return parts.map { part in
                [
                    .string(part.name.partitionID), .string(part.name.description), .string(part.partType),
                    .uint(1), .uint(UInt64(part.rows)), .uint(UInt64(part.bytesOnDisk)),
                    .uint(UInt64(max(0, part.modificationTime.timeIntervalSince1970))),
                    .string(table.database), .string(table.name), .string(part.name.partitionID),
                    .int(part.name.minBlock), .int(part.name.maxBlock), .uint(UInt64(part.name.level)),
                    .string(part.directory.path + "/"),
                ]
            }
        }
    }
}

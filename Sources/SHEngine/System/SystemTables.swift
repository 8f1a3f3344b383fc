import Foundation
import SHColumns
import SHCore
import SHExecution
import SHSQL
import SHStorage

/// The `system` database: tables computed from the engine's state when read.
struct SystemTables {
    let context: QueryContext

    static let names = ["backups", "columns", "databases", "numbers", "one", "parts", "tables"]

    func source(_ name: String) throws -> AnySource {
        switch name {
        case "one":
            return rows([("dummy", .uint8)], [[.uint(0)]])
        case "numbers":
            return AnySource(NumbersSource(count: nil))
        case "databases":
            return rows(
                [
                    ("name", .string), ("engine", .string), ("data_path", .string), ("metadata_path", .string),
                    ("uuid", .uuid),
                ],
                (context.catalog.databaseNames().compactMap { context.catalog.database($0) }).map { db in
                    [
                        .string(db.name), .string(db.engine), .string(context.engine.path.path + "/data/"),
                        .string(context.engine.path.path + "/metadata/\(escapeForFileName(db.name))/"),
                        uuidValue(db.uuid),
                    ]
                })
        case "tables":
            return rows(
                [
                    ("database", .string), ("name", .string), ("uuid", .uuid), ("engine", .string),
                    ("is_temporary", .uint8), ("data_paths", .array(.string)), ("metadata_path", .string),
                    ("create_table_query", .string), ("partition_key", .string), ("sorting_key", .string),
                    ("total_rows", .nullable(.uint64)), ("total_bytes", .nullable(.uint64)),
                ],
                try allTables().map { table in
                    let query = table.createQuery
                    let snapshot = table.snapshot()
                    let bytes: Int =
                        switch snapshot {
                        case .parts(let parts): parts.reduce(0) { $0 + $1.bytesOnDisk }
                        case .chunks(let chunks): chunks.reduce(0) { $0 + $1.columns.reduce(0) { $0 + $1.byteSize } }
                        }
                    return [
                        .string(table.database), .string(table.name), uuidValue(table.uuid), .string(table.engineName),
                        .uint(0), .array(table.dataPath.map { [.string($0)] } ?? []),
                        .string(context.engine.metadata.tableFile(database: table.database, table: table.name).path),
                        .string(SQLFormatter.createTable(query, pretty: false)),
                        .string(query.partitionBy.map(SQLFormatter.format) ?? ""),
                        .string(query.orderBy.map(SQLFormatter.format) ?? ""),
                        .uint(UInt64(snapshot.rowCount)), .uint(UInt64(bytes)),
                    ]
                })
        case "columns":
            return rows(
                [
                    ("database", .string), ("table", .string), ("name", .string), ("type", .string),
                    ("position", .uint64), ("default_kind", .string), ("default_expression", .string),
                ],
                try allTables().flatMap { table in
                    table.createQuery.columns.enumerated().map { index, column in
                        [
                            .string(table.database), .string(table.name), .string(column.name),
                            .string(column.type.description), .uint(UInt64(index + 1)),
                            .string(column.defaultKind ?? ""), .string(column.defaultExpressionText),
                        ]
                    }
                })
        case "parts":
            return rows(
                [
                    ("partition", .string), ("name", .string), ("part_type", .string), ("active", .uint8),
                    ("rows", .uint64), ("bytes_on_disk", .uint64), ("modification_time", .dateTime),
                    ("database", .string), ("table", .string), ("partition_id", .string),
                    ("min_block_number", .int64), ("max_block_number", .int64), ("level", .uint32), ("path", .string),
                ],
                try allTables().flatMap { table -> [[Value]] in
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
                })
        case "backups":
            return rows(
                [
                    ("id", .string), ("name", .string), ("base_backup_name", .string), ("query_id", .string),
                    ("status", .string), ("error", .string), ("start_time", .dateTime), ("end_time", .dateTime),
                    ("num_files", .uint64), ("total_size", .uint64), ("num_entries", .uint64),
                    ("uncompressed_size", .uint64), ("compressed_size", .uint64), ("files_read", .uint64),
                    ("bytes_read", .uint64),
                ],
                context.engine.backups.all().map { info in
                    [
                        .string(info.id), .string(info.name), .string(info.baseBackupName), .string(info.queryID),
                        .string(info.status.description), .string(info.error),
                        .uint(UInt64(info.startTime.timeIntervalSince1970)),
                        .uint(UInt64(info.endTime?.timeIntervalSince1970 ?? 0)), .uint(info.numFiles),
                        .uint(info.totalSize), .uint(info.numEntries), .uint(info.uncompressedSize),
                        .uint(info.compressedSize), .uint(info.filesRead), .uint(info.bytesRead),
                    ]
                })
        default:
            throw DatabaseError(.unknownTable, "Table system.\(name) does not exist")
        }
    }

    private func allTables() throws -> [any Table] {
        try context.catalog.databaseNames().flatMap { try context.catalog.tables(in: $0) }
    }

    private func uuidValue(_ uuid: UUID) -> Value {
        let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        let high = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return .uuid(high: high, low: low)
    }

    private func rows(_ columns: [(String, DataType)], _ values: [[Value]]) -> AnySource {
        let header = columns.map { ColumnDescription(name: $0.0, type: $0.1) }
        var built = header.map { Column(type: $0.type) }
        for row in values {
            for (index, value) in row.enumerated() { built[index].append(value) }
        }
        return AnySource(
            ArraySource(header: header, chunks: values.isEmpty ? [] : [Chunk(columns: built, rowCount: values.count)]))
    }
}

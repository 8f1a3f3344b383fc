import SHCore
import SHSQL
import SHStorage

/// `system.tables`: one row per table.
struct SystemTablesTable: RowsSystemTable {
    var name: String { "tables" }
    var columns: [(String, DataType)] {
        [
            ("database", .string), ("name", .string), ("uuid", .uuid), ("engine", .string),
            ("is_temporary", .uint8), ("data_paths", .array(.string)), ("metadata_path", .string),
            ("create_table_query", .string), ("partition_key", .string), ("sorting_key", .string),
            ("primary_key", .string), ("sampling_key", .string), ("total_rows", .nullable(.uint64)),
            ("total_bytes", .nullable(.uint64)),
        ]
    }

    /// A key as ClickHouse's `system.tables` shows it: the elements of a tuple (`ORDER BY (a, b)` is `a, b`,
    /// `tuple()` is empty), any other expression as written.
    static func keyText(_ key: Expression) -> String {
        if case .function(let call) = key, call.name == "tuple", call.arguments.count != 1 {
            return call.arguments.map(SQLFormatter.format).joined(separator: ", ")
        }
        return SQLFormatter.format(key)
    }

    func rows(_ context: QueryContext) throws -> [[Value]] {
        try allTables(context).map { table in
            let query = table.createQuery
            // ClickHouse shows the query without the UUID that its metadata file keeps.
            var shown = query
            shown.uuid = nil
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
                .string(SQLFormatter.createTable(shown, pretty: false)),
                .string(query.partitionBy.map(SQLFormatter.format) ?? ""),
                .string(query.orderBy.map(Self.keyText) ?? ""),
                .string((query.primaryKey ?? query.orderBy).map(Self.keyText) ?? ""),
                .string(query.sampleBy.map(SQLFormatter.format) ?? ""),
                table.knowsTotalRows ? .uint(UInt64(snapshot.rowCount)) : .null, .uint(UInt64(bytes)),
            ]
        }
    }
}

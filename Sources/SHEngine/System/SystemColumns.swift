import SHCore

/// `system.columns`: one row per column of every table.
struct SystemColumns: RowsSystemTable {
    var name: String { "columns" }
    var columns: [(String, DataType)] {
        [
            ("database", .string), ("table", .string), ("name", .string), ("type", .string),
            ("position", .uint64), ("default_kind", .string), ("default_expression", .string),
        ]
    }

    func rows(_ context: QueryContext) throws -> [[Value]] {
        let system = SystemTableRegistry.names.flatMap { name -> [[Value]] in
            guard let table = try? SystemTableRegistry.table(named: name) else { return [] }
            return table.columns.enumerated().map { index, column in
                [
                    .string("system"), .string(name), .string(column.0), .string(column.1.description),
                    .uint(UInt64(index + 1)), .string(""), .string(""),
                ]
            }
        }
        return try system
            + allTables(context).flatMap { table in
                table.createQuery.columns.enumerated().map { index, column in
                    [
                        .string(table.database), .string(table.name), .string(column.name),
                        .string(column.type.description), .uint(UInt64(index + 1)),
                        .string(column.defaultKind ?? ""), .string(column.defaultExpressionText),
                    ]
                }
            }
    }
}

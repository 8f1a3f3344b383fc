import SHCore

extension Parser {
    /// Parses a column type such as `Array(Nullable(String))` or `DateTime('UTC')`: the `DataType` and the
    /// name ClickHouse prints for it. Unknown types fail with `Code: 50 … Unknown data type family: X`.
    public static func parseType(_ text: String) throws -> (type: DataType, name: String) {
        let type = try parseWhole(text) { try $0.parseDataType() }
        return (type, type.description)
    }

    /// Parses a structure string `name Type, name Type …` (as in `generateRandom('key Int, value String')`)
    /// into column definitions; DEFAULT/COMMENT/CODEC clauses are accepted as in CREATE TABLE.
    public static func parseColumns(_ text: String) throws -> [ColumnDefinition] {
        try parseWhole(text) { parser in
            var query = CreateTableQuery(name: TableName(table: ""))
            var columnKeys: [Expression] = []
            repeat {
                try parser.parseTableElement(into: &query, columnKeys: &columnKeys)
            } while parser.accept(
                .comma, "Comma")
            return query.columns
        }
    }
}

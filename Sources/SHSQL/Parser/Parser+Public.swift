import SHCore

extension Parser {
    /// Parses a column type such as `Array(Nullable(String))` or `DateTime('UTC')`: the `DataType` and the
    /// name ClickHouse prints for it. Unknown types fail with `Code: 50 … Unknown data type family: X`.
    public static func parseType(_ text: String) throws -> (type: DataType, name: String) {
        var parser = Parser(text)
        let type = try parser.parseDataType()
        guard parser.current.isEnd else { throw parser.syntaxError(expected: ["end of query"]) }
        return (type, type.description)
    }

    /// Parses a structure string `name Type, name Type …` (as in `generateRandom('key Int, value String')`)
    /// into column definitions; DEFAULT/COMMENT/CODEC clauses are accepted as in CREATE TABLE.
    public static func parseColumns(_ text: String) throws -> [ColumnDefinition] {
        var parser = Parser(text)
        var query = CreateTableQuery(name: TableName(table: ""))
        repeat { try parser.parseTableElement(into: &query) } while parser.accept(.comma, "Comma")
        guard parser.current.isEnd else { throw parser.syntaxError(expected: ["end of query"]) }
        return query.columns
    }
}

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

extension Parser {
    /// Whether `text` could run as it is, as `clickhouse client` decides on Enter: no string, quoted name or
    /// comment left open and every bracket closed (whether it parses is for running it to tell).
    public static func isComplete(_ text: String) -> Bool {
        var depth = 0
        for token in Lexer.tokenize(Array(text.utf8)) {
            switch token.kind {
            case .openParen, .openBracket, .openBrace: depth += 1
            case .closeParen, .closeBracket, .closeBrace: depth -= 1
            case .error(let message) where message.contains("not closed"):
                return false
            default: break
            }
        }
        return depth <= 0
    }
}

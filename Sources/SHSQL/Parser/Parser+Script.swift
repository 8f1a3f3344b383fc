import SHCore

/// Parses a script one statement at a time, so that a caller can run each statement before the next one
/// is parsed (a syntax error in statement 3 does not stop statements 1 and 2, as in clickhouse-client).
public struct StatementIterator {
    private var parser: Parser
    private var finished = false

    public init(_ sql: String, implicitSelect: Bool = false) {
        self.init(bytes: Array(sql.utf8), implicitSelect: implicitSelect)
    }

    /// Statements of a script given as bytes (a file's contents, which need not be valid UTF-8: ClickHouse
    /// reads the bytes as they are, so a string literal keeps invalid UTF-8 and elsewhere it is a syntax error).
    public init(bytes: [UInt8], implicitSelect: Bool = false) {
        parser = Parser(bytes: bytes)
        parser.scriptMode = true
        parser.implicitSelect = implicitSelect
    }

    /// The next statement, nil at the end; throws the statement's syntax error.
    public mutating func next() throws -> ParsedStatement? {
        guard !finished else { return nil }
        while parser.current.kind == .semicolon { parser.index += 1 }
        if parser.current.isEnd {
            finished = true
            return nil
        }
        do {
            let statement = try parser.parseOneStatement()
            if parser.current.kind == .semicolon { return statement }
            if case .insert(let insert) = statement.statement, case .format = insert.source { return statement }
            if parser.current.isEnd {
                finished = true
                return statement
            }
            throw parser.syntaxError(expected: ["end of query"])
        } catch {
            finished = true
            throw error
        }
    }
}

import SHCore

/// Parses SQL text into `ParsedStatement`s: a recursive-descent parser over `Lexer` tokens.
///
/// Operators become function calls as documented on `Expression`. Syntax errors are
/// `DatabaseError(.syntaxError, …)` with ClickHouse's message shape and 1-based byte positions.
public struct Parser {
    let bytes: [UInt8]
    var tokens: [Token]
    var index = 0
    /// Recursion depth of expressions and subqueries (ClickHouse's `max_parser_depth`).
    var depth = 0
    static let maxDepth = 1000
    /// Byte offset of the current statement's first token: error positions are relative to it.
    var statementStart = 0
    /// The furthest token index any alternative reached, and what was expected there.
    var furthest = 0
    var expectedAtFurthest: [String] = []
    /// True in `parse(_:)`: inline INSERT data then ends as in clickhouse-client's multi-query mode.
    var scriptMode = false
    /// ClickHouse's `implicit_select`: a statement may be a SELECT without the keyword.
    var implicitSelect = false
    /// Where the inline data of the last `INSERT … FORMAT` ended.
    var insertDataStart = 0
    var insertDataEnd = 0
    /// `SETTINGS` written inside a statement (`INSERT INTO t SETTINGS … VALUES`), for `ParsedStatement.settings`.
    var statementSettings: [SettingAssignment] = []

    init(_ sql: String) {
        self.init(bytes: Array(sql.utf8))
    }

    /// Parses raw bytes: text that is not valid UTF-8 is read as it is (a string literal keeps its bytes).
    init(bytes: [UInt8]) {
        self.bytes = bytes
        tokens = Lexer.tokenize(bytes)
    }

    /// Parses a script of `;`-separated statements; empty statements are skipped.
    ///
    /// Inline data of `INSERT … FORMAT name` ends as in clickhouse-client's multi-query mode: at the first
    /// empty line (a `;` is part of the data), or for `FORMAT Values` at the first `;` outside brackets.
    ///
    /// `implicitSelect` (ClickHouse's `implicit_select`, on by default in clickhouse-local and chdb) also accepts
    /// a statement that is a SELECT without the keyword (`1 + 2`), and errors then report the furthest point
    /// either reading reached, as ClickHouse's do.
    public static func parse(_ sql: String, implicitSelect: Bool = false) throws -> [ParsedStatement] {
        var parser = Parser(sql)
        parser.scriptMode = true
        parser.implicitSelect = implicitSelect
        var result: [ParsedStatement] = []
        while true {
            while parser.current.kind == .semicolon { parser.index += 1 }
            if parser.current.isEnd { break }
            let statement = try parser.parseOneStatement()
            result.append(statement)
            if parser.current.kind == .semicolon { continue }
            // Inline INSERT data ended at an empty line: the next statement follows without `;`.
            if case .insert(let insert) = statement.statement, case .format = insert.source { continue }
            if parser.current.isEnd { break }
            throw parser.syntaxError(expected: ["end of query"])
        }
        return result
    }

    /// Parses exactly one statement (an optional trailing `;` is allowed). Inline `INSERT … FORMAT` data
    /// runs to the end of the text.
    public static func parseStatement(_ sql: String, implicitSelect: Bool = false) throws -> ParsedStatement {
        var parser = Parser(sql)
        parser.implicitSelect = implicitSelect
        while parser.current.kind == .semicolon { parser.index += 1 }
        if parser.current.isEnd { throw DatabaseError(.syntaxError, "Empty query") }
        let statement = try parser.parseOneStatement()
        while parser.current.kind == .semicolon { parser.index += 1 }
        guard parser.current.isEnd else { throw parser.syntaxError(expected: ["end of query"]) }
        return statement
    }

    /// Parses the one statement of a request's bytes (ClickHouse's HTTP interface): an INSERT's inline data runs to
    /// the end, bytes as they are; another statement after it is "Multi-statements are not allowed".
    public static func parseSingleStatement(bytes: [UInt8]) throws -> ParsedStatement {
        var parser = Parser(bytes: bytes)
        while parser.current.kind == .semicolon { parser.index += 1 }
        if parser.current.isEnd { throw DatabaseError(.syntaxError, "Empty query") }
        let statement = try parser.parseOneStatement()
        if statement.inlineData.range != nil { return statement }
        while parser.current.kind == .semicolon { parser.index += 1 }
        guard parser.current.isEnd else {
            throw DatabaseError(
                .syntaxError,
                "Syntax error (Multi-statements are not allowed): failed at position \(parser.current.start + 1) "
                    + "(end of query)")
        }
        return statement
    }

    /// Parses one expression, with an optional `AS alias` (for DEFAULT expressions, settings values, tests).
    public static func parseExpression(_ sql: String) throws -> Expression {
        try parseWhole(sql) { try $0.parseElementWithAlias() }
    }

    /// Parses all of `text` with `rule`; anything after what it reads is a syntax error (`end of query`).
    static func parseWhole<T>(_ text: String, _ rule: (inout Parser) throws -> T) throws -> T {
        var parser = Parser(text)
        let result = try rule(&parser)
        guard parser.current.isEnd else { throw parser.syntaxError(expected: ["end of query"]) }
        return result
    }

    // MARK: Token access

    var current: Token { tokens[min(index, tokens.count - 1)] }

    func token(at offset: Int) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    func text(_ token: Token) -> String { String(decoding: bytes[token.start..<token.end], as: UTF8.self) }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    /// Records that `what` was expected at the current token (for the error message).
    mutating func note(_ what: String) {
        if index > furthest {
            furthest = index
            expectedAtFurthest = [what]
        } else if index == furthest, !expectedAtFurthest.contains(what) {
            expectedAtFurthest.append(what)
        }
    }

    /// True when `token` is the bare word `keyword` (ASCII case-insensitive; `keyword` is upper case).
    func isWord(_ token: Token, _ keyword: StaticString) -> Bool {
        guard token.kind == .bareWord, token.end - token.start == keyword.utf8CodeUnitCount else { return false }
        let k = keyword.utf8Start
        for i in 0..<keyword.utf8CodeUnitCount {
            var c = bytes[token.start + i]
            if c >= 0x61 && c <= 0x7A { c -= 0x20 }
            if c != k[i] { return false }
        }
        return true
    }

    /// True when the current token is `keyword` (recording it as expected otherwise).
    mutating func peekKeyword(_ keyword: StaticString) -> Bool {
        if isWord(current, keyword) { return true }
        note("\(keyword)")
        return false
    }

    /// Consumes the keyword if it is next.
    mutating func acceptKeyword(_ keyword: StaticString) -> Bool {
        guard peekKeyword(keyword) else { return false }
        advance()
        return true
    }

    /// Consumes a sequence of keywords (`IF NOT EXISTS`) if all are next, else consumes nothing.
    mutating func acceptKeywords(_ keywords: StaticString...) -> Bool {
        for (offset, keyword) in keywords.enumerated() where !isWord(token(at: offset), keyword) {
            if offset == 0 {
                note(keywords.map { "\($0)" }.joined(separator: " "))
            } else {
                let saved = index
                index += offset
                note(keywords.map { "\($0)" }.joined(separator: " "))
                index = saved
            }
            return false
        }
        for _ in keywords { advance() }
        return true
    }

    mutating func expectKeyword(_ keyword: StaticString) throws {
        guard acceptKeyword(keyword) else { throw syntaxError() }
    }

    mutating func accept(_ kind: TokenKind, _ name: String) -> Bool {
        if current.kind == kind {
            advance()
            return true
        }
        note(name)
        return false
    }

    mutating func expect(_ kind: TokenKind, _ name: String) throws {
        guard accept(kind, name) else { throw syntaxError() }
    }

    /// Tracks recursion depth; throws `TOO_DEEP_RECURSION` beyond `maxDepth`. Costs approximate ClickHouse's
    /// (it allows about 197 nested parentheses, 497 nested calls, 82 nested subqueries).
    mutating func enter(_ cost: Int = 1) throws {
        depth += cost
        if depth > Parser.maxDepth {
            throw DatabaseError(
                .tooDeepRecursion,
                "Maximum parse depth (\(Parser.maxDepth)) exceeded. Consider rising max_parser_depth parameter")
        }
    }

    mutating func leave(_ cost: Int = 1) { depth -= cost }
}

/// The kinds of lexical tokens, following ClickHouse's lexer.
public enum TokenKind: Sendable, Hashable {
    case bareWord
    case number
    case stringLiteral
    /// `` `name` `` or `"name"`.
    case quotedIdentifier
    case openParen, closeParen, openBracket, closeBracket, openBrace, closeBrace
    case comma, semicolon, dot, asterisk, plus, minus, slash, percent
    case arrow, questionMark, colon, doubleColon, at
    case equals, notEquals, less, greater, lessOrEquals, greaterOrEquals, spaceship
    case concatenation, caret, dollar, pipe
    case endOfStream
    /// Lexical errors: the message is ClickHouse's prefix (`Single quoted string is not closed`).
    case error(String)
}

/// One token: its kind and its byte range in the UTF-8 source.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var start: Int
    public var end: Int

    public init(kind: TokenKind, start: Int, end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    public var isEnd: Bool { kind == .endOfStream }
}

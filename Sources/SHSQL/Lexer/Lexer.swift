/// Splits SQL text (as UTF-8 bytes) into tokens with ClickHouse's lexical rules.
///
/// Whitespace and comments (`--`, `# `, `#!`, nested `/* */`) are skipped.
public struct Lexer: Sendable {
    public let bytes: [UInt8]
    public private(set) var position: Int
    private var previous: TokenKind?

    public init(bytes: [UInt8], position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// Lexes the whole input; the last token is `.endOfStream` or an error.
    public static func tokenize(_ bytes: [UInt8], from position: Int = 0) -> [Token] {
        var lexer = Lexer(bytes: bytes, position: position)
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 3 + 1)
        while true {
            let token = lexer.next()
            tokens.append(token)
            switch token.kind {
            case .endOfStream, .error: return tokens
            default: continue
            }
        }
    }

    static func isWordChar(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
    }

    static func isWhitespace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == 0x0B
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < bytes.count ? bytes[index] : nil
    }

    /// The next token; after the end it keeps returning `.endOfStream`.
    public mutating func next() -> Token {
        if let error = skipWhitespaceAndComments() { return error }
        let token = lexToken()
        previous = token.kind
        return token
    }

    /// Skips whitespace and comments; returns an error token for an unclosed `/*`.
    private mutating func skipWhitespaceAndComments() -> Token? {
        while position < bytes.count {
            let c = bytes[position]
            if Lexer.isWhitespace(c) {
                position += 1
            } else if c == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                skipLine()
            } else if c == UInt8(ascii: "#"), peek(1) == UInt8(ascii: " ") || peek(1) == UInt8(ascii: "!") {
                skipLine()
            } else if c == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                let start = position
                position += 2
                var depth = 1
                while position < bytes.count, depth > 0 {
                    if bytes[position] == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                        depth -= 1
                        position += 2
                    } else if bytes[position] == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                        depth += 1
                        position += 2
                    } else {
                        position += 1
                    }
                }
                if depth > 0 {
                    return Token(kind: .error("Multiline comment is not closed"), start: start, end: bytes.count)
                }
            } else {
                return nil
            }
        }
        return nil
    }

    private mutating func skipLine() {
        while position < bytes.count, bytes[position] != 0x0A { position += 1 }
    }

    private mutating func single(_ kind: TokenKind, length: Int = 1) -> Token {
        let start = position
        position += length
        return Token(kind: kind, start: start, end: position)
    }

    private mutating func lexToken() -> Token {
        guard position < bytes.count else { return Token(kind: .endOfStream, start: bytes.count, end: bytes.count) }
        let c = bytes[position]
        let next = peek(1)
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return lexNumber()
        case UInt8(ascii: "."):
            if let next, Lexer.isDigit(next), !followsOperand { return lexNumber() }
            return single(.dot)
        case UInt8(ascii: "'"):
            return lexQuoted(quote: c, kind: .stringLiteral, error: "Single quoted string is not closed")
        case UInt8(ascii: "`"):
            return lexQuoted(quote: c, kind: .quotedIdentifier, error: "Back quoted string is not closed")
        case UInt8(ascii: "\""):
            return lexQuoted(quote: c, kind: .quotedIdentifier, error: "Double quoted string is not closed")
        case UInt8(ascii: "("): return single(.openParen)
        case UInt8(ascii: ")"): return single(.closeParen)
        case UInt8(ascii: "["): return single(.openBracket)
        case UInt8(ascii: "]"): return single(.closeBracket)
        case UInt8(ascii: "{"): return single(.openBrace)
        case UInt8(ascii: "}"): return single(.closeBrace)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: ";"): return single(.semicolon)
        case UInt8(ascii: "*"): return single(.asterisk)
        case UInt8(ascii: "+"): return single(.plus)
        case UInt8(ascii: "-"): return next == UInt8(ascii: ">") ? single(.arrow, length: 2) : single(.minus)
        case UInt8(ascii: "/"): return single(.slash)
        case UInt8(ascii: "%"): return single(.percent)
        case UInt8(ascii: "?"): return single(.questionMark)
        case UInt8(ascii: "@"): return single(.at)
        case UInt8(ascii: "^"): return single(.caret)
        case UInt8(ascii: "$"):
            // `$group_0`: ClickHouse's lexer takes `$` as a word character of bare identifiers.
            if let next, Lexer.isWordChar(next) { return lexBareWord() }
            return single(.dollar)
        case UInt8(ascii: ":"): return next == UInt8(ascii: ":") ? single(.doubleColon, length: 2) : single(.colon)
        case UInt8(ascii: "="): return next == UInt8(ascii: "=") ? single(.equals, length: 2) : single(.equals)
        case UInt8(ascii: "!"):
            return next == UInt8(ascii: "=")
                ? single(.notEquals, length: 2)
                : single(.error("Exclamation mark can only occur in !=, !~ and !~* operators"))
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "="), peek(2) == UInt8(ascii: ">") { return single(.spaceship, length: 3) }
            if next == UInt8(ascii: "=") { return single(.lessOrEquals, length: 2) }
            if next == UInt8(ascii: ">") { return single(.notEquals, length: 2) }
            return single(.less)
        case UInt8(ascii: ">"):
            return next == UInt8(ascii: "=") ? single(.greaterOrEquals, length: 2) : single(.greater)
        case UInt8(ascii: "|"):
            return next == UInt8(ascii: "|") ? single(.concatenation, length: 2) : single(.pipe)
        default:
            if Lexer.isWordChar(c) { return lexBareWord() }
            return single(.error("Unrecognized token"))
        }
    }

    /// A bare word: word characters and `$` (`$group_0`, `a$b`).
    private mutating func lexBareWord() -> Token {
        let start = position
        position += 1
        while position < bytes.count, Lexer.isWordChar(bytes[position]) || bytes[position] == UInt8(ascii: "$") {
            position += 1
        }
        return Token(kind: .bareWord, start: start, end: position)
    }

    /// True when the previous token ends an operand (so `.5` after it is `.` then `5`).
    private var followsOperand: Bool {
        switch previous {
        case .bareWord, .quotedIdentifier, .closeParen, .closeBracket, .number, .stringLiteral, .dot: true
        default: false
        }
    }

    private mutating func lexNumber() -> Token {
        let start = position
        let afterDot = previous == .dot
        if bytes[position] == UInt8(ascii: "0"), let x = peek(1),
            x | 0x20 == UInt8(ascii: "x") || x | 0x20 == UInt8(ascii: "b")
        {
            let hex = x | 0x20 == UInt8(ascii: "x")
            position += 2
            let digitsStart = position
            while position < bytes.count,
                hex ? Lexer.isHexDigit(bytes[position]) : (bytes[position] == 0x30 || bytes[position] == 0x31)
            {
                position += 1
            }
            if position == digitsStart { position = start + 1 }
        } else {
            while position < bytes.count, Lexer.isDigit(bytes[position]) { position += 1 }
            if !afterDot, position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                while position < bytes.count, Lexer.isDigit(bytes[position]) { position += 1 }
            }
            if !afterDot, position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
                var p = position + 1
                if p < bytes.count, bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-") { p += 1 }
                if p < bytes.count, Lexer.isDigit(bytes[p]) {
                    position = p
                    while position < bytes.count, Lexer.isDigit(bytes[position]) { position += 1 }
                }
            }
        }
        // A number glued to word characters (`0x`, `1e`, `1abc`) is a bare word, as in ClickHouse.
        if position < bytes.count, Lexer.isWordChar(bytes[position]) {
            while position < bytes.count, Lexer.isWordChar(bytes[position]) { position += 1 }
            return Token(kind: .bareWord, start: start, end: position)
        }
        return Token(kind: .number, start: start, end: position)
    }

    private mutating func lexQuoted(quote: UInt8, kind: TokenKind, error: String) -> Token {
        let start = position
        position += 1
        while position < bytes.count {
            let c = bytes[position]
            if c == UInt8(ascii: "\\") {
                position += 2
            } else if c == quote {
                if peek(1) == quote {
                    position += 2
                } else {
                    position += 1
                    return Token(kind: kind, start: start, end: position)
                }
            } else {
                position += 1
            }
        }
        return Token(kind: .error(error), start: start, end: bytes.count)
    }
}

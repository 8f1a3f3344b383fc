import SHCore

extension Parser {
    /// How many bytes of the query ClickHouse quotes in a syntax error.
    static let shownBytes = 160

    /// A syntax error at the furthest point any alternative reached, in ClickHouse's words:
    /// `Syntax error: failed at position 8 (TABLE): TABLE x. Expected one of: …`.
    mutating func syntaxError(expected extra: [String] = []) -> DatabaseError {
        for what in extra { note(what) }
        let failedIndex = max(furthest, index)
        if failedIndex > furthest { expectedAtFurthest = extra }
        let failed = tokens[min(failedIndex, tokens.count - 1)]
        if case .error(let lexError) = failed.kind {
            return DatabaseError(.syntaxError, "\(lexError): \(failurePrefix(failed)): \(quoted(from: failed.start)) ")
        }
        if let unmatched = unmatchedBrackets(through: min(failedIndex, tokens.count - 1)) {
            return DatabaseError(
                .syntaxError, "\(failurePrefix(failed)): \(quoted(from: unmatched.restStart)) \(unmatched.message)")
        }
        var list = expectedAtFurthest
        if list.isEmpty { list = ["end of query"] }
        let expectation = list.count == 1 ? "Expected \(list[0])" : "Expected one of: \(list.joined(separator: ", "))"
        var message = "\(failurePrefix(failed)): \(quoted(from: failed.start)) "
        if let suggestion = suggestion(for: failed) { message += "Maybe you meant: \(suggestion). " }
        return DatabaseError(.syntaxError, message + expectation)
    }

    /// `Syntax error: failed at position N (token)[ (line L, col C)]`.
    func failurePrefix(_ token: Token) -> String {
        let tokenText: String
        if token.isEnd {
            tokenText = "end of query"
        } else {
            tokenText = truncated(token.start, min(token.end, bytes.count))
        }
        return
            "Syntax error: failed at position \(token.start - statementStart + 1) (\(tokenText))\(lineAndColumn(token.start))"
    }

    /// ` (line L, col C)` when the query spans several lines, else empty.
    func lineAndColumn(_ offset: Int) -> String {
        guard let newline = bytes[statementStart...].firstIndex(of: 0x0A), newline + 1 < bytes.count else { return "" }
        var line = 1
        var lineStart = statementStart
        for i in statementStart..<min(offset, bytes.count) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return " (line \(line), col \(offset - lineStart + 1))"
    }

    /// The query text from `start`, ending with `.` or, when cut at 160 bytes, `...`.
    func quoted(from start: Int) -> String {
        let text = truncated(start, bytes.count)
        return text.hasSuffix("...") && bytes.count - start > Parser.shownBytes ? text : text + "."
    }

    /// A statement keyword close to a misspelled first word (`SELEC` → `SELECT`).
    func suggestion(for token: Token) -> String? {
        guard token.kind == .bareWord, token.start == statementStart else { return nil }
        let word = Array(text(token).uppercased().utf8)
        let keywords = [
            "SELECT", "INSERT", "CREATE", "DROP", "TRUNCATE", "RENAME", "SHOW", "DESCRIBE", "EXISTS",
            "OPTIMIZE", "CHECK", "BACKUP", "RESTORE",
        ]
        return keywords.first { Parser.editDistance(word, Array($0.utf8)) <= 2 }
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }

    func truncated(_ start: Int, _ end: Int) -> String {
        let start = min(start, bytes.count)
        if end - start > Parser.shownBytes {
            return String(decoding: bytes[start..<(start + Parser.shownBytes)], as: UTF8.self) + "..."
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// ClickHouse's bracket check, run on failure over the tokens up to the failing one.
    func unmatchedBrackets(through last: Int) -> (message: String, restStart: Int)? {
        var stack: [Token] = []
        var i = 0
        while i <= last, i < tokens.count {
            let token = tokens[i]
            defer { i += 1 }
            if token.start < statementStart { continue }
            switch token.kind {
            case .openParen, .openBracket:
                stack.append(token)
            case .closeParen, .closeBracket:
                let closing = bytes[token.start]
                guard let open = stack.popLast() else {
                    return (
                        "Unmatched parentheses: '\(Character(UnicodeScalar(closing)))' at position \(position(token.start)) has no matching opening bracket",
                        token.start
                    )
                }
                let expected: TokenKind = bytes[open.start] == UInt8(ascii: "(") ? .closeParen : .closeBracket
                if token.kind != expected {
                    return (
                        "Unmatched parentheses: '\(Character(UnicodeScalar(closing)))' at position \(position(token.start)) does not match '\(Character(UnicodeScalar(bytes[open.start])))' at position \(position(open.start))",
                        token.start
                    )
                }
            case .semicolon:
                stack.removeAll()
            default:
                break
            }
        }
        guard !stack.isEmpty, tokens[min(last, tokens.count - 1)].isEnd else { return nil }
        let list = stack.map { "'\(Character(UnicodeScalar(bytes[$0.start])))' at position \(position($0.start))" }
        let verb = stack.count == 1 ? "is never closed" : "are never closed"
        return ("Unmatched parentheses: \(list.joined(separator: ", ")) \(verb)", stack[0].start)
    }

    /// A 1-based position relative to the statement, with the line and column on multi-line queries.
    func position(_ offset: Int) -> String { "\(offset - statementStart + 1)\(lineAndColumn(offset))" }
}

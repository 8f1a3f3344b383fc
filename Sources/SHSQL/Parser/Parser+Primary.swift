import SHCore

extension Parser {
    /// A literal, identifier, function call, `CASE`, `CAST`, `(…)`, `[…]`, `*` or `(SELECT …)`.
    mutating func parsePrimary() throws -> Expression {
        let token = current
        switch token.kind {
        case .number:
            guard let literal = numberLiteral(token, negative: false) else { throw syntaxError(expected: ["number"]) }
            advance()
            return .literal(literal)
        case .stringLiteral:
            // A literal's text is a Swift String: bytes that are not UTF-8 (from a file read as it is, or an
            // escape such as '\xFF') cannot be kept, so they are a syntax error rather than silently replaced.
            guard String(validating: unquotedBytes(token), as: UTF8.self) != nil else {
                throw DatabaseError(
                    .syntaxError, "\(failurePrefix(token)): string literal is not valid UTF-8, which is not supported")
            }
            advance()
            return .literal(.string(unquote(token)))
        case .openParen:
            return try parseParenthesized()
        case .openBracket:
            try enter()
            defer { leave() }
            advance()
            var items: [Expression] = []
            if !accept(.closeBracket, "ClosingSquareBracket") {
                repeat { items.append(try parseElementWithAlias()) } while accept(.comma, "Comma")
                try expect(.closeBracket, "ClosingSquareBracket")
            }
            return .function(FunctionCall(name: "array", arguments: items))
        case .asterisk:
            advance()
            return .asterisk(qualifier: nil)
        case .bareWord:
            if let special = try parseKeywordExpression() { return special }
            return try parseIdentifierOrFunction()
        case .quotedIdentifier:
            return try parseIdentifierOrFunction()
        default:
            note("expression")
            throw syntaxError()
        }
    }

    /// NULL, TRUE, FALSE, inf, nan, CASE, CAST(…), INTERVAL n unit, DATE '…'.
    private mutating func parseKeywordExpression() throws -> Expression? {
        let next = token(at: 1)
        let called = next.kind == .openParen
        if isWord(current, "NULL"), !called {
            advance()
            return .literal(.null)
        }
        if isWord(current, "TRUE") || isWord(current, "FALSE"), !called {
            let value = isWord(current, "TRUE")
            advance()
            return .literal(.bool(value))
        }
        if isWord(current, "INF") || isWord(current, "INFINITY") || isWord(current, "NAN"), !called {
            let value = isWord(current, "NAN") ? Double.nan : Double.infinity
            advance()
            return .literal(.float(value))
        }
        if isWord(current, "CASE"), !called {
            return try parseCase()
        }
        if isWord(current, "CAST"), called {
            return try parseCast()
        }
        if isWord(current, "INTERVAL"), !called, next.kind != .comma, !next.isEnd {
            advance()
            let amount = try parseExpression(minimum: Precedence.additive + 1)
            let unitToken = current
            let units = ["SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR"]
            var unitName = text(unitToken).uppercased()
            if unitName.hasSuffix("S") { unitName.removeLast() }
            guard unitToken.kind == .bareWord, units.contains(unitName) else {
                throw syntaxError(expected: ["interval unit"])
            }
            advance()
            return .call("toInterval" + unitName.prefix(1) + unitName.dropFirst().lowercased(), amount)
        }
        if isWord(current, "DATE") || isWord(current, "TIMESTAMP"), next.kind == .stringLiteral {
            let name = isWord(current, "DATE") ? "toDate" : "toDateTime"
            advance()
            let value = unquote(current)
            advance()
            return .call(name, .literal(.string(value)))
        }
        return nil
    }

    /// `CASE [x] WHEN a THEN b … [ELSE c] END` → `multiIf(…)` or `caseWithExpression(…)`.
    private mutating func parseCase() throws -> Expression {
        advance()
        var arguments: [Expression] = []
        let hasOperand = !isWord(current, "WHEN")
        if hasOperand { arguments.append(try parseExpression()) }
        try expectKeyword("WHEN")
        repeat {
            arguments.append(try parseExpression())
            try expectKeyword("THEN")
            arguments.append(try parseExpression())
        } while acceptKeyword("WHEN")
        arguments.append(acceptKeyword("ELSE") ? try parseExpression() : .literal(.null))
        try expectKeyword("END")
        return .function(FunctionCall(name: hasOperand ? "caseWithExpression" : "multiIf", arguments: arguments))
    }

    /// `CAST(x AS T)` or `CAST(x, 'T')` → `cast(x, 'T')`.
    private mutating func parseCast() throws -> Expression {
        advance()
        try expect(.openParen, "OpeningRoundBracket")
        let value = try parseExpression()
        if acceptKeyword("AS") {
            if current.kind == .bareWord || current.kind == .quotedIdentifier, token(at: 1).kind == .comma {
                // `CAST(x AS a, 'T')`: an alias inside the function form.
                let aliased = Expression.alias(value, try parseIdentifier())
                var arguments = [aliased]
                while accept(.comma, "Comma") { arguments.append(try parseElementWithAlias()) }
                try expect(.closeParen, "ClosingRoundBracket")
                return .function(FunctionCall(name: "cast", arguments: arguments))
            }
            let type = try parseTypeText()
            try expect(.closeParen, "ClosingRoundBracket")
            return .call("cast", value, .literal(.string(type)))
        }
        var arguments = [value]
        while accept(.comma, "Comma") { arguments.append(try parseElementWithAlias()) }
        try expect(.closeParen, "ClosingRoundBracket")
        return .function(FunctionCall(name: "cast", arguments: arguments))
    }

    /// The source text of a type name with its balanced arguments: `Nullable(String)`.
    mutating func parseTypeText() throws -> String {
        guard current.kind == .bareWord || current.kind == .quotedIdentifier else {
            throw syntaxError(expected: ["type"])
        }
        let start = current.start
        var end = current.end
        let firstWord = current.kind == .bareWord ? text(current).uppercased() : ""
        advance()
        // A type name of several words (`DOUBLE PRECISION`, `INT(11) UNSIGNED`), as `DataType(parsing:)` reads it.
        if DataType.integerNamesWithModifiers.contains(firstWord), current.kind == .openParen,
            token(at: 1).kind == .closeParen || (token(at: 1).kind == .number && token(at: 2).kind == .closeParen)
        {
            while current.kind != .closeParen { advance() }
            end = current.end
            advance()
        }
        for words in DataType.nameSuffixes(after: firstWord)
        where words.indices.allSatisfy({ isWordString(token(at: $0), words[$0]) }) {
            for _ in words { advance() }
            end = tokens[index - 1].end
            break
        }
        if current.kind == .openParen {
            var level = 0
            repeat {
                switch current.kind {
                case .openParen: level += 1
                case .closeParen: level -= 1
                case .endOfStream, .error, .semicolon: throw syntaxError(expected: ["ClosingRoundBracket"])
                default: break
                }
                end = current.end
                advance()
            } while level > 0
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// `(SELECT …)`, `()`, `(x)`, or `(a, b, …)` (a tuple).
    private mutating func parseParenthesized() throws -> Expression {
        advance()
        try enter(2)
        defer { leave(2) }
        if isWord(current, "SELECT") || isWord(current, "WITH") {
            try enter(7)
            defer { leave(7) }
            let query = try parseSelectWithUnion()
            try expect(.closeParen, "ClosingRoundBracket")
            return .subquery(query)
        }
        if accept(.closeParen, "ClosingRoundBracket") { return .function(FunctionCall(name: "tuple", arguments: [])) }
        var items = [try parseElementWithAlias()]
        var isTuple = false
        while accept(.comma, "Comma") {
            isTuple = true
            if current.kind == .closeParen { break }
            items.append(try parseElementWithAlias())
        }
        try expect(.closeParen, "ClosingRoundBracket")
        if isTuple { return .function(FunctionCall(name: "tuple", arguments: items)) }
        if case .function(var call) = items[0] {
            call.parenthesized = true
            return .function(call)
        }
        return items[0]
    }

    /// An expression with an optional explicit `AS alias` (inside parentheses and argument lists).
    mutating func parseElementWithAlias() throws -> Expression {
        let expression = try parseExpression()
        if acceptKeyword("AS") { return .alias(expression, try parseIdentifier()) }
        return expression
    }

    /// `a`, `t.a`, `db.t.a`, `t.*`, or `f(args)` / `f(params)(args)`.
    private mutating func parseIdentifierOrFunction() throws -> Expression {
        let first = try parseIdentifier()
        if current.kind == .openParen { return try parseFunctionCall(name: first) }
        var parts = [first]
        while current.kind == .dot {
            let next = token(at: 1)
            if next.kind == .bareWord || next.kind == .quotedIdentifier {
                advance()
                parts.append(try parseIdentifier())
            } else if next.kind == .asterisk {
                advance()
                advance()
                return .asterisk(qualifier: parts.joined(separator: "."))
            } else {
                break
            }
        }
        return .identifier(parts)
    }

    private mutating func parseFunctionCall(name: String) throws -> Expression {
        var (arguments, distinct) = try parseArgumentList()
        var parameters: [Expression]?
        if current.kind == .openParen {
            parameters = arguments
            (arguments, distinct) = try parseArgumentList()
        }
        if name.lowercased() == "count", arguments == [.asterisk(qualifier: nil)] { arguments = [] }
        var call = FunctionCall(name: name, arguments: arguments, parameters: parameters, distinct: distinct)
        // ClickHouse prints a call as written: `negate(k)` and `plus(a, b)` stay calls, only `not(x)` prints `NOT (x)`.
        if name != "not" { call.writtenAsFunction = true }
        if name.lowercased() == "cast" { call.name = "cast" }
        return .function(call)
    }

    /// `( [DISTINCT|ALL] arg, … )`.
    private mutating func parseArgumentList() throws -> ([Expression], Bool) {
        try expect(.openParen, "OpeningRoundBracket")
        try enter()
        defer { leave() }
        var distinct = false
        if isWord(current, "DISTINCT"), token(at: 1).kind != .closeParen, token(at: 1).kind != .comma {
            advance()
            distinct = true
        } else if isWord(current, "ALL"), token(at: 1).kind != .openParen, token(at: 1).kind != .closeParen {
            advance()
        }
        var arguments: [Expression] = []
        if !accept(.closeParen, "ClosingRoundBracket") {
            repeat {
                if isWord(current, "SELECT") {
                    arguments.append(.subquery(try parseSelectWithUnion()))
                } else {
                    arguments.append(try parseElementWithAlias())
                }
            } while accept(.comma, "Comma")
            try expect(.closeParen, "ClosingRoundBracket")
        }
        return (arguments, distinct)
    }
}

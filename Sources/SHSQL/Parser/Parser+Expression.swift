import SHCore

extension Parser {
    /// Parses a full expression (without a trailing alias unless written inside parentheses).
    mutating func parseExpression() throws -> Expression {
        try parseExpression(minimum: Precedence.lambda)
    }

    /// Precedence climbing: parses operators whose precedence is at least `minimum`.
    mutating func parseExpression(minimum: Int) throws -> Expression {
        // Each level costs 3 so that the Swift stack (debug builds, secondary threads) is never at risk.
        try enter(3)
        var chain = 3
        defer { leave(chain) }
        var lhs = try parsePrefix(minimum: minimum)
        while true {
            let token = current
            switch token.kind {
            case .arrow where minimum <= Precedence.lambda:
                // `x -> body`, `(x, y) -> body`: the left side must be a name or a tuple of names.
                guard let parameters = lambdaParameters(lhs) else { throw syntaxError() }
                advance()
                lhs = .lambda(parameters: parameters, body: try parseExpression(minimum: Precedence.lambda))
                try enter(2)
                chain += 2
                continue
            case .questionMark where minimum <= Precedence.ternary:
                advance()
                let then = try parseExpression(minimum: Precedence.ternary)
                try expect(.colon, "Colon")
                let otherwise = try parseExpression(minimum: Precedence.ternary)
                lhs = .call("if", lhs, then, otherwise)
                // Operator chains (`1 + 1 + …`) deepen the tree: 2 per operator (ClickHouse allows about 500).
                try enter(2)
                chain += 2
                continue
            case .equals, .notEquals, .less, .greater, .lessOrEquals, .greaterOrEquals, .spaceship:
                guard minimum <= Precedence.comparison else { return lhs }
                advance()
                let name: String =
                    switch token.kind {
                    case .equals: "equals"
                    case .notEquals: "notEquals"
                    case .less: "less"
                    case .greater: "greater"
                    case .lessOrEquals: "lessOrEquals"
                    case .greaterOrEquals: "greaterOrEquals"
                    default: "isNotDistinctFrom"
                    }
                lhs = .call(name, lhs, try parseExpression(minimum: Precedence.comparison + 1))
                // Operator chains (`1 + 1 + …`) deepen the tree: 2 per operator (ClickHouse allows about 500).
                try enter(2)
                chain += 2
                continue
            case .concatenation:
                guard minimum <= Precedence.concat else { return lhs }
                var parts = [lhs]
                while accept(.concatenation, "||") {
                    parts.append(try parseExpression(minimum: Precedence.concat + 1))
                }
                lhs = .function(FunctionCall(name: "concat", arguments: parts))
                // Operator chains (`1 + 1 + …`) deepen the tree: 2 per operator (ClickHouse allows about 500).
                try enter(2)
                chain += 2
                continue
            case .plus, .minus:
                guard minimum <= Precedence.additive else { return lhs }
                advance()
                let rhs = try parseExpression(minimum: Precedence.additive + 1)
                lhs = .call(token.kind == .plus ? "plus" : "minus", lhs, rhs)
                // Operator chains (`1 + 1 + …`) deepen the tree: 2 per operator (ClickHouse allows about 500).
                try enter(2)
                chain += 2
                continue
            case .asterisk, .slash, .percent:
                guard minimum <= Precedence.multiplicative else { return lhs }
                advance()
                let rhs = try parseExpression(minimum: Precedence.multiplicative + 1)
                let name = token.kind == .asterisk ? "multiply" : token.kind == .slash ? "divide" : "modulo"
                lhs = .call(name, lhs, rhs)
                // Operator chains (`1 + 1 + …`) deepen the tree: 2 per operator (ClickHouse allows about 500).
                try enter(2)
                chain += 2
                continue
            case .bareWord:
                if let next = try parseWordOperator(lhs, minimum: minimum) {
                    lhs = next
                    // Operator chains (`1 + 1 + …`) deepen the tree: 2 per operator (ClickHouse allows about 500).
                    try enter(2)
                    chain += 2
                    continue
                }
                return lhs
            default:
                note("token")
                return lhs
            }
        }
    }

    /// The parameter names of a lambda's left side: `x` or `(x, y)`; nil for anything else.
    private func lambdaParameters(_ expression: Expression) -> [String]? {
        switch expression {
        case .identifier(let parts) where parts.count == 1: return parts
        case .function(let call) where call.name == "tuple" && !call.writtenAsFunction && call.parameters == nil:
            var names: [String] = []
            for argument in call.arguments {
                guard case .identifier(let parts) = argument, parts.count == 1 else { return nil }
                names.append(parts[0])
            }
            return names.isEmpty ? nil : names
        default: return nil
        }
    }

    /// Operators spelled with keywords: AND, OR, IS [NOT] NULL, [NOT] BETWEEN, [NOT] LIKE/ILIKE, [NOT] IN, MOD, DIV.
    private mutating func parseWordOperator(_ lhs: Expression, minimum: Int) throws -> Expression? {
        if minimum <= Precedence.or, peekKeyword("OR") {
            var items = [lhs]
            while acceptKeyword("OR") { items.append(try parseExpression(minimum: Precedence.or + 1)) }
            return .function(FunctionCall(name: "or", arguments: items))
        }
        if minimum <= Precedence.and, peekKeyword("AND") {
            var items = [lhs]
            while acceptKeyword("AND") { items.append(try parseExpression(minimum: Precedence.and + 1)) }
            return .function(FunctionCall(name: "and", arguments: items))
        }
        if minimum <= Precedence.isNull, peekKeyword("IS") {
            if acceptKeywords("IS", "NULL") { return .call("isNull", lhs) }
            if acceptKeywords("IS", "NOT", "NULL") { return .call("isNotNull", lhs) }
            return nil
        }
        if minimum <= Precedence.between {
            let negated = acceptKeywords("NOT", "BETWEEN")
            if negated || acceptKeyword("BETWEEN") {
                let low = try parseExpression(minimum: Precedence.between + 1)
                try expectKeyword("AND")
                let high = try parseExpression(minimum: Precedence.between + 1)
                return negated
                    ? .call("or", .call("less", lhs, low), .call("greater", lhs, high))
                    : .call("and", .call("greaterOrEquals", lhs, low), .call("lessOrEquals", lhs, high))
            }
        }
        if minimum <= Precedence.comparison {
            let pairs: [(StaticString, String, String, Bool)] = [
                ("LIKE", "like", "notLike", false), ("ILIKE", "ilike", "notILike", false), ("IN", "in", "notIn", true),
                ("REGEXP", "match", "match", false),
            ]
            for (keyword, positive, negative, isIn) in pairs {
                var name: String?
                if acceptKeyword(keyword) {
                    name = positive
                } else if acceptKeywords("NOT", keyword) {
                    name = negative
                } else if isIn, acceptKeywords("GLOBAL", "IN") {
                    name = "globalIn"
                } else if isIn, acceptKeywords("GLOBAL", "NOT", "IN") {
                    name = "globalNotIn"
                }
                guard let name else { continue }
                let rhs = try parseExpression(minimum: Precedence.comparison + 1)
                return .call(name, lhs, rhs)
            }
        }
        if minimum <= Precedence.multiplicative {
            if acceptKeyword("MOD") {
                return .call("modulo", lhs, try parseExpression(minimum: Precedence.multiplicative + 1))
            }
            if acceptKeyword("DIV") {
                return .call("intDiv", lhs, try parseExpression(minimum: Precedence.multiplicative + 1))
            }
        }
        return nil
    }

    /// Prefix operators (NOT, unary minus and plus) and then a primary expression with postfix operators.
    private mutating func parsePrefix(minimum: Int) throws -> Expression {
        if isWord(current, "NOT"), !isOperandEnd(token(at: 1)) {
            advance()
            return .call("not", try parseExpression(minimum: Precedence.not + 1))
        }
        if current.kind == .minus {
            let minusStart = current.start
            advance()
            if current.kind == .number, let literal = numberLiteral(current, negative: true) {
                advance()
                return try parsePostfix(.literal(literal), from: minusStart)
            }
            if isWord(current, "INF") || isWord(current, "INFINITY") || isWord(current, "NAN"),
                token(at: 1).kind != .openParen
            {
                let value: Double = isWord(current, "NAN") ? -Double.nan : -Double.infinity
                advance()
                return try parsePostfix(.literal(.float(value)), from: minusStart)
            }
            return .call("negate", try parseExpression(minimum: Precedence.unaryMinus))
        }
        if current.kind == .plus {
            advance()
            return try parseExpression(minimum: Precedence.unaryMinus)
        }
        let start = current.start
        return try parsePostfix(try parsePrimary(), from: start)
    }

    /// True when `token` cannot start an operand (so `NOT` before it is an identifier).
    private func isOperandEnd(_ token: Token) -> Bool {
        switch token.kind {
        case .endOfStream, .comma, .closeParen, .closeBracket, .semicolon: true
        default: false
        }
    }

    /// `a[i]`, `t.1`, `x::Type`.
    mutating func parsePostfix(_ base: Expression, from sourceStart: Int) throws -> Expression {
        var expression = base
        var isBase = true
        while true {
            if accept(.openBracket, "OpeningSquareBracket") {
                let subscriptExpression = try parseExpression()
                try expect(.closeBracket, "ClosingSquareBracket")
                expression = .call("arrayElement", expression, subscriptExpression)
                isBase = false
            } else if current.kind == .dot, token(at: 1).kind == .number {
                advance()
                guard let literal = numberLiteral(current, negative: false) else { throw syntaxError() }
                advance()
                expression = .call("tupleElement", expression, .literal(literal))
                isBase = false
            } else if current.kind == .doubleColon {
                let operandEnd = tokens[index - 1].end
                advance()
                let typeText = try parseTypeText()
                var operand = expression
                if case .literal(let literal) = expression, isBase, literal != .null {
                    // ClickHouse keeps a literal operand of `::` as its source text: `1::Int32` → `CAST('1', 'Int32')`.
                    if case .string = literal {
                    } else {
                        operand = .literal(.string(String(decoding: bytes[sourceStart..<operandEnd], as: UTF8.self)))
                    }
                }
                expression = .call("cast", operand, .literal(.string(typeText)))
                isBase = false
            } else {
                return expression
            }
        }
    }
}

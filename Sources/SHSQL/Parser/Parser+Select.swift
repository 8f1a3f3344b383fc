import SHCore

extension Parser {
    /// Words that end an expression and so are never taken as an implicit alias (`SELECT 1 x`).
    static let reservedWords: Set<String> = [
        "FROM", "WHERE", "PREWHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "SETTINGS", "FORMAT", "UNION",
        "EXCEPT", "INTERSECT", "AS", "AND", "OR", "NOT", "IN", "IS", "BETWEEN", "LIKE", "ILIKE", "REGEXP", "DIV", "MOD",
        "ASC", "DESC", "ASCENDING", "DESCENDING", "NULLS", "WITH", "INTO", "VALUES", "SELECT", "ON", "USING", "JOIN",
        "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "ARRAY", "GLOBAL", "ANY", "ALL", "FINAL", "SAMPLE",
        "WINDOW", "QUALIFY", "COLLATE", "DISTINCT", "SEMI", "ANTI", "ASOF", "PASTE", "NATURAL",
    ]

    /// True when the current token can be an alias written without `AS`.
    func isImplicitAlias() -> Bool {
        switch current.kind {
        case .quotedIdentifier: return true
        case .bareWord: return !Parser.reservedWords.contains(text(current).uppercased())
        default: return false
        }
    }

    /// `SELECT … [UNION ALL SELECT …]…`; the SETTINGS of the last element move to the first.
    mutating func parseSelectWithUnion(implicit: Bool = false) throws -> SelectQuery {
        var head = try parseSelectCore(implicit: implicit)
        while acceptKeywords("UNION", "ALL") {
            head.unionAll.append(try parseSelectCore())
        }
        if head.settings.isEmpty, let last = head.unionAll.indices.last, !head.unionAll[last].settings.isEmpty {
            head.settings = head.unionAll[last].settings
            head.unionAll[last].settings = []
        }
        return head
    }

    /// One `SELECT` without unions.
    mutating func parseSelectCore(implicit: Bool = false) throws -> SelectQuery {
        try enter()
        defer { leave() }
        if current.kind == .openParen, isWord(token(at: 1), "SELECT") {
            advance()
            let inner = try parseSelectWithUnion()
            try expect(.closeParen, "ClosingRoundBracket")
            return inner
        }
        if !implicit { try expectKeyword("SELECT") }
        var query = SelectQuery()
        if acceptKeyword("DISTINCT") {
            query.distinct = true
        } else {
            _ = acceptKeyword("ALL")
        }
        repeat { query.projection.append(try parseProjectionElement()) } while accept(.comma, "Comma")
        if acceptKeyword("FROM") {
            query.from = try parseTableExpression()
            query.final = acceptKeyword("FINAL")
            if acceptKeyword("SAMPLE") {
                var sample = SampleClause(size: try parseSampleRatio())
                if acceptKeyword("OFFSET") { sample.offset = try parseSampleRatio() }
                query.sample = sample
            }
        }
        if acceptKeyword("WHERE") { query.whereClause = try parseExpression() }
        if acceptKeywords("GROUP", "BY") {
            repeat { query.groupBy.append(try parseExpression()) } while accept(.comma, "Comma")
        }
        if acceptKeyword("HAVING") { query.having = try parseExpression() }
        if acceptKeywords("ORDER", "BY") {
            repeat { query.orderBy.append(try parseOrderByElement()) } while accept(.comma, "Comma")
        }
        if acceptKeyword("LIMIT") {
            let first = try parseExpression()
            if accept(.comma, "Comma") {
                query.offset = first
                query.limit = try parseExpression()
            } else {
                query.limit = first
                if acceptKeyword("OFFSET") { query.offset = try parseExpression() }
            }
        } else if acceptKeyword("OFFSET") {
            query.offset = try parseExpression()
            _ = acceptKeyword("ROWS") || acceptKeyword("ROW")
        }
        if acceptKeyword("SETTINGS") { query.settings = try parseSettingList() }
        return query
    }

    /// A projection element: an expression with an optional alias (`AS a` or just `a`).
    mutating func parseProjectionElement() throws -> Expression {
        let expression = try parseExpression()
        if acceptKeyword("AS") { return .alias(expression, try parseIdentifier()) }
        if isImplicitAlias() { return .alias(expression, try parseIdentifier()) }
        note("alias")
        return expression
    }

    /// `expr [ASC|DESC] [NULLS FIRST|LAST]`.
    mutating func parseOrderByElement() throws -> OrderByElement {
        var element = OrderByElement(expression: try parseExpression())
        if acceptKeyword("DESC") || acceptKeyword("DESCENDING") {
            element.descending = true
        } else {
            _ = acceptKeyword("ASC") || acceptKeyword("ASCENDING")
        }
        if acceptKeyword("NULLS") {
            if acceptKeyword("FIRST") {
                element.nullsFirst = true
            } else {
                try expectKeyword("LAST")
                element.nullsFirst = false
            }
        }
        return element
    }

    /// A table, a table function or a subquery, with an optional alias.
    mutating func parseTableExpression() throws -> TableExpression {
        if current.kind == .openParen {
            advance()
            try enter()
            defer { leave() }
            let query = try parseSelectWithUnion()
            try expect(.closeParen, "ClosingRoundBracket")
            return .subquery(query, alias: try parseTableAlias())
        }
        if current.kind == .bareWord || current.kind == .quotedIdentifier, token(at: 1).kind == .openParen {
            let name = try parseIdentifier()
            return .function(try parseCallArguments(name: name), alias: try parseTableAlias())
        }
        let table = try parseTableName()
        return .table(table, alias: try parseTableAlias())
    }

    /// A sample ratio: `0.1`, `1/10`, `10000` (digits only; ClickHouse's `ParserSampleRatio`).
    mutating func parseSampleRatio() throws -> SampleClause.Ratio {
        func number() throws -> SampleClause.Ratio {
            guard current.kind == .number else {
                note("number")
                throw syntaxError()
            }
            let digits = text(current)
            advance()
            let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
                let whole = UInt64(parts[0].isEmpty ? "0" : parts[0])
            else {
                throw DatabaseError(.notImplemented, "SAMPLE ratio \(digits) is not supported yet")
            }
            var numerator = whole
            var denominator: UInt64 = 1
            for digit in parts.count == 2 ? parts[1] : "" {
                let (scaledNumerator, overflow1) = numerator.multipliedReportingOverflow(by: 10)
                let (scaledDenominator, overflow2) = denominator.multipliedReportingOverflow(by: 10)
                guard !overflow1, !overflow2, let value = digit.wholeNumberValue else {
                    throw DatabaseError(.notImplemented, "SAMPLE ratio \(digits) is too precise")
                }
                numerator = scaledNumerator + UInt64(value)
                denominator = scaledDenominator
            }
            return SampleClause.Ratio(numerator: numerator, denominator: denominator)
        }
        var ratio = try number()
        if accept(.slash, "Slash") {
            let divisor = try number()
            let (numerator, overflow1) = ratio.numerator.multipliedReportingOverflow(by: divisor.denominator)
            let (denominator, overflow2) = ratio.denominator.multipliedReportingOverflow(by: divisor.numerator)
            guard !overflow1, !overflow2 else { throw DatabaseError(.notImplemented, "SAMPLE ratio is too precise") }
            ratio = SampleClause.Ratio(numerator: numerator, denominator: denominator)
        }
        return ratio
    }

    /// `(argument, …)` after `name` (each argument may carry an alias): a table function or a backup engine call.
    mutating func parseCallArguments(name: String) throws -> FunctionCall {
        try expect(.openParen, "OpeningRoundBracket")
        var arguments: [Expression] = []
        if !accept(.closeParen, "ClosingRoundBracket") {
            repeat { arguments.append(try parseElementWithAlias()) } while accept(.comma, "Comma")
            try expect(.closeParen, "ClosingRoundBracket")
        }
        return FunctionCall(name: name, arguments: arguments)
    }

    private mutating func parseTableAlias() throws -> String? {
        if acceptKeyword("AS") { return try parseIdentifier() }
        if isImplicitAlias() { return try parseIdentifier() }
        return nil
    }
}

import SHCore

extension Parser {
    /// `CREATE DATABASE …` or `CREATE TABLE …` (after `CREATE`).
    mutating func parseCreate() throws -> Statement {
        if acceptKeyword("DATABASE") {
            let ifNotExists = acceptKeywords("IF", "NOT", "EXISTS")
            var query = CreateDatabaseQuery(name: try parseIdentifier(), ifNotExists: ifNotExists)
            if acceptKeyword("UUID") { query.uuid = try parseStringLiteral() }
            if acceptKeyword("ENGINE") {
                _ = accept(.equals, "Equals")
                query.engine = try parseIdentifier()
                if accept(.openParen, "OpeningRoundBracket") { try expect(.closeParen, "ClosingRoundBracket") }
            }
            if acceptKeyword("COMMENT") { query.comment = try parseStringLiteral() }
            return .createDatabase(query)
        }
        try expectKeyword("TABLE")
        let ifNotExists = acceptKeywords("IF", "NOT", "EXISTS")
        var query = CreateTableQuery(name: try parseTableName())
        query.ifNotExists = ifNotExists
        if acceptKeyword("UUID") { query.uuid = try parseStringLiteral() }
        if isWord(current, "AS"), !isWord(token(at: 1), "SELECT"), !isWord(token(at: 1), "WITH"),
            token(at: 1).kind != .openParen
        {
            advance()
            query.asTable = try parseTableName()
        } else if accept(.openParen, "OpeningRoundBracket") {
            repeat { try parseTableElement(into: &query) } while accept(.comma, "Comma")
            try expect(.closeParen, "ClosingRoundBracket")
        }
        try parseStorageClauses(into: &query)
        return .createTable(query)
    }

    /// A column definition, or `PRIMARY KEY expr` inside the column list.
    mutating func parseTableElement(into query: inout CreateTableQuery) throws {
        if acceptKeywords("PRIMARY", "KEY") {
            query.primaryKey = try parseStorageKey()
            return
        }
        let name = try parseIdentifier()
        let type = try parseDataType()
        var column = ColumnDefinition(name: name, type: type)
        if acceptKeyword("NULL") {
            column.type = .nullable(type)
        } else {
            _ = acceptKeywords("NOT", "NULL")
        }
        for kind in ["DEFAULT", "MATERIALIZED", "ALIAS", "EPHEMERAL"] where isWordString(current, kind) {
            advance()
            column.defaultKind = kind
            let bare =
                kind == "EPHEMERAL"
                && (current.kind == .comma || current.kind == .closeParen || isWord(current, "COMMENT")
                    || isWord(current, "CODEC"))
            if !bare { column.defaultExpression = try parseExpression() }
            break
        }
        while true {
            if column.comment == nil, acceptKeyword("COMMENT") {
                column.comment = try parseStringLiteral()
            } else if column.codec == nil, acceptKeyword("CODEC") {
                try expect(.openParen, "OpeningRoundBracket")
                var codecs: [Expression] = []
                repeat { codecs.append(try parseExpression()) } while accept(.comma, "Comma")
                try expect(.closeParen, "ClosingRoundBracket")
                column.codec = codecs
            } else {
                break
            }
        }
        query.columns.append(column)
    }

    func isWordString(_ token: Token, _ word: String) -> Bool {
        token.kind == .bareWord && text(token).uppercased() == word
    }

    /// ENGINE, PARTITION BY, PRIMARY KEY, ORDER BY, SETTINGS, COMMENT (any order), then `AS SELECT …`.
    private mutating func parseStorageClauses(into query: inout CreateTableQuery) throws {
        while true {
            if query.engine == nil, acceptKeyword("ENGINE") {
                _ = accept(.equals, "Equals")
                var engine = EngineDefinition(name: try parseIdentifier())
                if accept(.openParen, "OpeningRoundBracket") {
                    engine.hasParentheses = true
                    if !accept(.closeParen, "ClosingRoundBracket") {
                        repeat { engine.arguments.append(try parseExpression()) } while accept(.comma, "Comma")
                        try expect(.closeParen, "ClosingRoundBracket")
                    }
                }
                query.engine = engine
            } else if query.partitionBy == nil, acceptKeywords("PARTITION", "BY") {
                query.partitionBy = try parseStorageKey()
            } else if query.primaryKey == nil, acceptKeywords("PRIMARY", "KEY") {
                query.primaryKey = try parseStorageKey()
            } else if query.orderBy == nil, acceptKeywords("ORDER", "BY") {
                query.orderBy = try parseStorageKey()
            } else if query.sampleBy == nil, acceptKeywords("SAMPLE", "BY") {
                query.sampleBy = try parseExpression()
            } else if query.settings.isEmpty, acceptKeyword("SETTINGS") {
                query.settings = try parseSettingList()
            } else if query.comment == nil, acceptKeyword("COMMENT") {
                query.comment = try parseStringLiteral()
            } else if query.asSelect == nil, isWord(current, "AS"),
                isWord(token(at: 1), "SELECT") || isWord(token(at: 1), "WITH") || token(at: 1).kind == .openParen
            {
                advance()
                query.asSelect = try parseSelectWithUnion()
            } else {
                return
            }
        }
    }

    /// A storage key expression; `(k)` stays a one-element tuple so it prints back as `(k)`.
    mutating func parseStorageKey() throws -> Expression {
        let start = index
        let expression = try parseExpression()
        guard tokens[start].kind == .openParen else { return expression }
        if case .function(let call) = expression, call.name == "tuple", !call.writtenAsFunction { return expression }
        var level = 0
        var i = start
        while i < index {
            if tokens[i].kind == .openParen { level += 1 }
            if tokens[i].kind == .closeParen {
                level -= 1
                if level == 0 { break }
            }
            i += 1
        }
        guard i == index - 1 else { return expression }
        return .function(FunctionCall(name: "tuple", arguments: [expression]))
    }
}

import SHCore

extension Parser {
    /// Parses one statement starting at the current token, with its trailing `FORMAT` and `SETTINGS`.
    mutating func parseOneStatement() throws -> ParsedStatement {
        statementStart = current.start
        furthest = index
        expectedAtFurthest = []
        statementSettings = []
        let startIndex = index
        var statement: Statement
        do {
            statement = try parseStatementBody()
        } catch let error as DatabaseError
            where error.code == .syntaxError && implicitSelect && !isWord(tokens[startIndex], "SELECT")
            && !isWord(tokens[startIndex], "WITH") && tokens[startIndex].kind != .openParen
        {
            // Try the statement as a SELECT without the keyword; a failure reports the furthest point of both.
            index = startIndex
            statement = .select(try parseSelectWithUnion(implicit: true))
            if !current.isEnd, current.kind != .semicolon, !isWord(current, "FORMAT"), !isWord(current, "SETTINGS") {
                throw syntaxError(expected: ["end of query"])
            }
        }
        var format: String?
        var settings = statementSettings
        var dataToEnd = false
        var dataEnd = bytes.count
        if case .insert(let insert) = statement, case .format = insert.source {
            dataToEnd = true
            dataEnd = insertDataEnd
        }
        while !dataToEnd {
            if format == nil, acceptKeyword("FORMAT") {
                format = try parseIdentifier()
            } else if settings.isEmpty, acceptKeyword("SETTINGS") {
                let list = try parseSettingList()
                if case .select(var query) = statement, query.settings.isEmpty {
                    query.settings = list
                    statement = .select(query)
                } else {
                    settings = list
                }
            } else {
                break
            }
        }
        let end = dataToEnd ? dataEnd : (index > 0 ? tokens[index - 1].end : statementStart)
        if !dataToEnd, current.kind != .semicolon, !current.isEnd { note("end of query") }
        var text = String(decoding: bytes[statementStart..<max(end, statementStart)], as: UTF8.self)
        while let last = text.unicodeScalars.last, last.properties.isWhitespace { text.unicodeScalars.removeLast() }
        var parsed = ParsedStatement(statement: statement, format: format, settings: settings, text: text)
        if dataToEnd { parsed.inlineData = InlineDataRange(range: insertDataStart..<dataEnd) }
        return parsed
    }

    private mutating func parseStatementBody() throws -> Statement {
        if current.kind == .openParen || isWord(current, "SELECT") || isWord(current, "WITH") {
            return .select(try parseSelectWithUnion())
        }
        if acceptKeyword("INSERT") { return .insert(try parseInsert()) }
        if acceptKeyword("CREATE") { return try parseCreate() }
        if acceptKeyword("REPLACE") { return try parseReplaceTable() }
        if acceptKeyword("ALTER") { return .alter(try parseAlter()) }
        if acceptKeyword("DROP") { return .drop(try parseDrop()) }
        if acceptKeyword("TRUNCATE") {
            _ = acceptKeyword("TABLE")
            let ifExists = acceptKeywords("IF", "EXISTS")
            let name = try parseTableName()
            _ = acceptKeyword("SYNC")
            return .truncate(name, ifExists: ifExists)
        }
        if acceptKeyword("RENAME") {
            try expectKeyword("TABLE")
            var pairs: [RenamePair] = []
            repeat {
                let from = try parseTableName()
                try expectKeyword("TO")
                pairs.append(RenamePair(from: from, to: try parseTableName()))
            } while accept(.comma, "Comma")
            return .rename(pairs)
        }
        if acceptKeyword("SHOW") { return .show(try parseShow()) }
        if acceptKeyword("DESCRIBE") || acceptKeyword("DESC") {
            _ = acceptKeyword("TABLE")
            return .describe(try parseTableName())
        }
        if acceptKeyword("USE") { return .use(try parseIdentifier()) }
        if acceptKeyword("EXISTS") {
            if acceptKeyword("DATABASE") { return .exists(.database(try parseIdentifier())) }
            _ = acceptKeyword("TABLE")
            return .exists(.table(try parseTableName()))
        }
        if acceptKeyword("OPTIMIZE") {
            try expectKeyword("TABLE")
            let name = try parseTableName()
            let final = acceptKeyword("FINAL")
            // ReplacingMergeTree's removal of deleted rows by a merge (experimental in ClickHouse) is not done.
            if final, acceptKeyword("CLEANUP") {
                throw DatabaseError(.notImplemented, "OPTIMIZE … FINAL CLEANUP is not supported yet")
            }
            return .optimize(name, final: final)
        }
        if acceptKeyword("CHECK") {
            try expectKeyword("TABLE")
            return .check(try parseTableName())
        }
        if acceptKeyword("SET") { return .set(try parseSettingList()) }
        if acceptKeyword("BACKUP") { return .backup(try parseBackup(isBackup: true)) }
        if acceptKeyword("RESTORE") { return .restore(try parseBackup(isBackup: false)) }
        for word in [
            "SELECT", "INSERT INTO", "CREATE", "REPLACE TABLE", "ALTER TABLE", "DROP", "TRUNCATE", "RENAME TABLE",
            "SHOW", "DESCRIBE",
            "DESC",
            "USE", "EXISTS", "OPTIMIZE TABLE", "CHECK TABLE", "SET", "BACKUP", "RESTORE",
        ] {
            note(word)
        }
        throw syntaxError()
    }

    private mutating func parseDrop() throws -> DropQuery {
        let kind: DropQuery.Kind
        if acceptKeyword("TABLE") {
            kind = .table
        } else if acceptKeyword("DATABASE") {
            kind = .database
        } else {
            throw syntaxError()
        }
        let ifExists = acceptKeywords("IF", "EXISTS")
        let name = kind == .table ? try parseTableName() : TableName(table: try parseIdentifier())
        var query = DropQuery(kind: kind, ifExists: ifExists, name: name)
        query.sync = acceptKeyword("SYNC")
        return query
    }

    private mutating func parseShow() throws -> ShowQuery {
        if acceptKeyword("DATABASES") {
            return .databases(like: acceptKeyword("LIKE") ? try parseStringLiteral() : nil)
        }
        if acceptKeyword("TABLES") {
            var database: String?
            if acceptKeyword("FROM") || acceptKeyword("IN") { database = try parseIdentifier() }
            return .tables(database: database, like: acceptKeyword("LIKE") ? try parseStringLiteral() : nil)
        }
        try expectKeyword("CREATE")
        if acceptKeyword("DATABASE") { return .createDatabase(try parseIdentifier()) }
        _ = acceptKeyword("TABLE")
        return .createTable(try parseTableName())
    }

    /// `INSERT INTO [TABLE] t [(c, …)] VALUES (…), … | SELECT … | FORMAT name data`.
    private mutating func parseInsert() throws -> InsertQuery {
        try expectKeyword("INTO")
        _ = acceptKeyword("TABLE")
        let table = try parseTableName()
        var columns: [String]?
        if accept(.openParen, "OpeningRoundBracket") {
            var list: [String] = []
            repeat { list.append(try parseIdentifier()) } while accept(.comma, "Comma")
            try expect(.closeParen, "ClosingRoundBracket")
            columns = list
        }
        if acceptKeyword("SETTINGS") { statementSettings = try parseSettingList() }
        if acceptKeyword("VALUES") {
            var rows: [[Expression]] = []
            var texts: [[String]] = []
            while accept(.openParen, "OpeningRoundBracket") {
                var row: [Expression] = []
                var rowTexts: [String] = []
                if current.kind != .closeParen {
                    repeat {
                        let start = current.start
                        if let text = rawMapField() {
                            // `{k: v}` is not an expression: the field's text goes to the column's text parser.
                            row.append(.literal(.string(text)))
                            rowTexts.append(text)
                            continue
                        }
                        row.append(try parseExpression())
                        rowTexts.append(String(decoding: bytes[start..<tokens[index - 1].end], as: UTF8.self))
                    } while accept(.comma, "Comma")
                }
                try expect(.closeParen, "ClosingRoundBracket")
                rows.append(row)
                texts.append(rowTexts)
                _ = accept(.comma, "Comma")
            }
            if rows.isEmpty {
                guard current.isEnd || current.kind == .semicolon else { throw syntaxError() }
                throw DatabaseError(.noDataToInsert, "No data to insert")
            }
            var insert = InsertQuery(table: table, columns: columns, source: .values(rows))
            insert.valueTexts = SourceTexts(rows: texts)
            return insert
        }
        if acceptKeyword("FORMAT") {
            let name = try parseIdentifier()
            let data = try insertData(after: tokens[index - 1].end, format: name)
            return InsertQuery(table: table, columns: columns, source: .format(name: name, data: data))
        }
        if isWord(current, "SELECT") || isWord(current, "WITH") || current.kind == .openParen {
            return InsertQuery(table: table, columns: columns, source: .select(try parseSelectWithUnion()))
        }
        note("VALUES")
        note("FORMAT")
        note("SELECT")
        throw syntaxError()
    }

    /// A `VALUES` field holding a map (`{'a': 1}`, `[{1: 'x'}]`): its text, consumed up to the comma or
    /// parenthesis that ends it; `nil` (nothing consumed) for a field without braces.
    private mutating func rawMapField() -> String? {
        var level = 0
        var sawBrace = false
        var end = index
        scan: while end < tokens.count, !tokens[end].isEnd {
            switch tokens[end].kind {
            case .openParen, .openBracket, .openBrace:
                if tokens[end].kind == .openBrace { sawBrace = true }
                level += 1
            case .closeParen, .closeBracket, .closeBrace:
                if level == 0 { break scan }
                level -= 1
            case .comma where level == 0:
                break scan
            default: break
            }
            end += 1
        }
        guard sawBrace, end > index else { return nil }
        let text = String(decoding: bytes[tokens[index].start..<tokens[end - 1].end], as: UTF8.self)
        index = end
        return text
    }

    /// The inline data after `FORMAT name`: it starts after the first newline if only whitespace precedes
    /// one, else after the whitespace. It runs to the end of the text, or in a script to the first empty line
    /// (`FORMAT Values`: to the first `;` outside brackets). Tokens resume after it.
    private mutating func insertData(after offset: Int, format: String) throws -> String {
        var start = offset
        while start < bytes.count, Lexer.isWhitespace(bytes[start]) {
            start += 1
            if bytes[start - 1] == 0x0A { break }
        }
        if start < bytes.count, bytes[start] == UInt8(ascii: ";") {
            throw DatabaseError(.syntaxError, "You have excessive ';' symbol before data for INSERT")
        }
        var end = bytes.count
        if scriptMode, format.lowercased() == "values" {
            var level = 0
            var i = index
            while i < tokens.count, !tokens[i].isEnd {
                switch tokens[i].kind {
                case .openParen, .openBracket: level += 1
                case .closeParen, .closeBracket: level -= 1
                case .semicolon where level <= 0: end = tokens[i].start
                default: break
                }
                if end != bytes.count { break }
                i += 1
            }
        } else if scriptMode {
            var i = start
            while i + 1 < bytes.count {
                if bytes[i] == 0x0A, bytes[i + 1] == 0x0A {
                    end = i + 1
                    break
                }
                i += 1
            }
        }
        insertDataStart = start
        insertDataEnd = end
        tokens = Array(tokens[..<index]) + Lexer.tokenize(bytes, from: end)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

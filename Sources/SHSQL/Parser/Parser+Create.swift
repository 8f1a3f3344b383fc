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
                if accept(.openParen, "OpeningRoundBracket") {
                    var arguments: [Expression] = []
                    if !accept(.closeParen, "ClosingRoundBracket") {
                        repeat { arguments.append(try parseExpression()) } while accept(.comma, "Comma")
                        try expect(.closeParen, "ClosingRoundBracket")
                    }
                    query.engineArguments = arguments
                }
            }
            if acceptKeyword("COMMENT") { query.comment = try parseStringLiteral() }
            return .createDatabase(query)
        }
        let orReplace = acceptKeywords("OR", "REPLACE")
        try expectKeyword("TABLE")
        var query = try parseCreateTableBody(allowIfNotExists: !orReplace)
        query.orReplace = orReplace
        return .createTable(query)
    }

    /// `REPLACE TABLE …` (after `REPLACE`): the table must exist and is replaced.
    mutating func parseReplaceTable() throws -> Statement {
        try expectKeyword("TABLE")
        var query = try parseCreateTableBody(allowIfNotExists: false)
        query.orReplace = true
        query.replaceOnly = true
        return .createTable(query)
    }

    /// Everything of `CREATE TABLE` after the keyword `TABLE` (`IF NOT EXISTS` is not allowed with REPLACE).
    private mutating func parseCreateTableBody(allowIfNotExists: Bool) throws -> CreateTableQuery {
        let ifNotExists = allowIfNotExists && acceptKeywords("IF", "NOT", "EXISTS")
        var query = CreateTableQuery(name: try parseTableName())
        query.ifNotExists = ifNotExists
        if acceptKeyword("UUID") { query.uuid = try parseStringLiteral() }
        if isWord(current, "AS"), !isWord(token(at: 1), "SELECT"), !isWord(token(at: 1), "WITH"),
            token(at: 1).kind != .openParen
        {
            advance()
            query.asTable = try parseTableName()
        } else if accept(.openParen, "OpeningRoundBracket") {
            var columnKeys: [Expression] = []
            repeat { try parseTableElement(into: &query, columnKeys: &columnKeys) } while accept(.comma, "Comma")
            try expect(.closeParen, "ClosingRoundBracket")
            if !columnKeys.isEmpty {
                // `a UInt32 PRIMARY KEY`: ClickHouse's parser makes it the table's key, `tuple(a)` or `(a, b)`.
                if query.primaryKey != nil { throw Parser.multiplePrimaryKeys() }
                var key = FunctionCall(name: "tuple", arguments: columnKeys)
                key.writtenAsFunction = columnKeys.count == 1
                query.primaryKey = .function(key)
            }
        }
        // A key from the column list and a PRIMARY KEY clause after it: ClickHouse's BAD_ARGUMENTS.
        let keyFromColumnList = query.primaryKey
        query.primaryKey = nil
        try parseStorageClauses(into: &query)
        if let keyFromColumnList {
            if query.primaryKey != nil { throw Parser.multiplePrimaryKeys() }
            query.primaryKey = keyFromColumnList
        }
        return query
    }

    static func multiplePrimaryKeys() -> DatabaseError {
        DatabaseError(.badArguments, "Multiple primary keys are not allowed.")
    }

    /// One element of the column list: a column, `INDEX …`, `PROJECTION …`, `CONSTRAINT …` or `PRIMARY KEY expr`.
    /// `columnKeys` collects the columns declared with `PRIMARY KEY` after their type.
    mutating func parseTableElement(into query: inout CreateTableQuery, columnKeys: inout [Expression]) throws {
        if acceptKeywords("PRIMARY", "KEY") {
            if query.primaryKey != nil { throw Parser.multiplePrimaryKeys() }
            query.primaryKey = try parseStorageKey()
            return
        }
        let next = token(at: 1)
        let startsName = next.kind == .bareWord || next.kind == .quotedIdentifier
        if isWord(current, "INDEX"), startsName {
            advance()
            query.indexes.append(try parseIndexDefinition())
            return
        }
        if isWord(current, "PROJECTION"), startsName {
            advance()
            query.projections.append(try parseProjectionDefinition())
            return
        }
        if isWord(current, "CONSTRAINT"), startsName {
            advance()
            query.constraints.append(try parseConstraintDefinition())
            return
        }
        if isWord(next, "NESTED"), token(at: 2).kind == .openParen {
            query.columns += try parseNestedColumn()
            return
        }
        let column = try parseColumnDefinition()
        if column.isPrimaryKey { columnKeys.append(.identifier([column.definition.name])) }
        query.columns.append(column.definition)
    }

    /// `n Nested(a T, b U) [COMMENT …] [CODEC(…)]`: flattened as ClickHouse stores it (`flatten_nested = 1`), into one
    /// column per element, `n.a Array(T)` and `n.b Array(U)`, each with the column's comment and codec.
    mutating func parseNestedColumn() throws -> [ColumnDefinition] {
        let name = try parseIdentifier()
        advance()
        try expect(.openParen, "OpeningRoundBracket")
        var elements: [ColumnDefinition] = []
        repeat {
            let element = try parseIdentifier()
            elements.append(ColumnDefinition(name: name + "." + element, type: .array(try parseDataType())))
        } while accept(.comma, "Comma")
        try expect(.closeParen, "ClosingRoundBracket")
        var comment: String?
        var codec: [Expression]?
        while true {
            if comment == nil, acceptKeyword("COMMENT") {
                comment = try parseStringLiteral()
            } else if codec == nil, acceptKeyword("CODEC") {
                try expect(.openParen, "OpeningRoundBracket")
                var codecs: [Expression] = []
                repeat { codecs.append(try parseExpression()) } while accept(.comma, "Comma")
                try expect(.closeParen, "ClosingRoundBracket")
                codec = codecs
            } else {
                break
            }
        }
        for index in elements.indices {
            elements[index].comment = comment
            elements[index].codec = codec
        }
        return elements
    }

    /// `name expr TYPE type[(args)] [GRANULARITY n]` (after `INDEX`).
    mutating func parseIndexDefinition() throws -> IndexDefinition {
        let name = try parseIdentifier()
        let expression = try parseExpression()
        try expectKeyword("TYPE")
        let type = try parseIndexType()
        var index = IndexDefinition(name: name, expression: expression, type: type)
        if acceptKeyword("GRANULARITY") { index.granularity = try parseUnsignedInteger() }
        return index
    }

    /// An index type: `minmax`, `set(100)`, `bloom_filter(0.01)`, `ngrambf_v1(3, 256, 2, 0)`.
    private mutating func parseIndexType() throws -> Expression {
        let name = try parseIdentifier()
        guard current.kind == .openParen else { return .identifier([name]) }
        let arguments = try parseCallArguments(name: name).arguments
        return .function(FunctionCall(name: name, arguments: arguments))
    }

    /// An unsigned integer literal (`GRANULARITY 4`).
    mutating func parseUnsignedInteger() throws -> UInt64 {
        guard current.kind == .number, case .unsignedInteger(let value)? = numberLiteral(current, negative: false)
        else { throw syntaxError(expected: ["unsigned integer"]) }
        advance()
        return value
    }

    /// `name (SELECT … [GROUP BY …] [ORDER BY …])` (after `PROJECTION`).
    mutating func parseProjectionDefinition() throws -> ProjectionDefinition {
        let name = try parseIdentifier()
        try expect(.openParen, "OpeningRoundBracket")
        try enter(8)
        defer { leave(8) }
        try expectKeyword("SELECT")
        var query = SelectQuery()
        repeat { query.projection.append(try parseProjectionElement()) } while accept(.comma, "Comma")
        if acceptKeywords("GROUP", "BY") {
            repeat { query.groupBy.append(try parseExpression()) } while accept(.comma, "Comma")
        }
        if acceptKeywords("ORDER", "BY") {
            // A projection's ORDER BY is a list of expressions (no ASC/DESC); `(a)` stays a one-element tuple.
            repeat {
                query.orderBy.append(OrderByElement(expression: try parseStorageKey()))
            } while accept(
                .comma, "Comma")
        }
        try expect(.closeParen, "ClosingRoundBracket")
        return ProjectionDefinition(name: name, query: query)
    }

    /// `name CHECK expr` or `name ASSUME expr` (after `CONSTRAINT`).
    mutating func parseConstraintDefinition() throws -> ConstraintDefinition {
        let name = try parseIdentifier()
        let kind: ConstraintDefinition.Kind
        if acceptKeyword("CHECK") {
            kind = .check
        } else if acceptKeyword("ASSUME") {
            kind = .assume
        } else {
            throw syntaxError()
        }
        return ConstraintDefinition(name: name, kind: kind, expression: try parseExpression())
    }

    /// `name Type [NULL|NOT NULL] [DEFAULT|MATERIALIZED|ALIAS|EPHEMERAL expr] [COMMENT '…'] [CODEC(…)]
    /// [TTL expr] [SETTINGS (…)] [PRIMARY KEY]`, in ClickHouse's order.
    mutating func parseColumnDefinition() throws -> (definition: ColumnDefinition, isPrimaryKey: Bool) {
        let name = try parseIdentifier()
        let type = try parseDataType()
        var column = ColumnDefinition(name: name, type: type)
        var nullModifier: Bool?
        func parseNullModifier(_ parser: inout Parser) {
            if parser.acceptKeyword("NULL") {
                nullModifier = true
            } else if parser.acceptKeywords("NOT", "NULL") {
                nullModifier = false
            }
        }
        parseNullModifier(&self)
        for kind in ["DEFAULT", "MATERIALIZED", "ALIAS", "EPHEMERAL"] where isWordString(current, kind) {
            advance()
            column.defaultKind = kind
            let bare =
                kind == "EPHEMERAL"
                && (current.kind == .comma || current.kind == .closeParen || isWord(current, "COMMENT")
                    || isWord(current, "CODEC") || isWord(current, "TTL") || isWord(current, "SETTINGS")
                    || isWord(current, "PRIMARY") || isWord(current, "NULL") || isWord(current, "NOT"))
            if !bare { column.defaultExpression = try parseExpression() }
            break
        }
        if nullModifier == nil { parseNullModifier(&self) }
        if nullModifier == true { column.type = .nullable(type) }
        // After the default, ClickHouse 26.9 takes these in any order, each once.
        var isPrimaryKey = false
        while true {
            if column.comment == nil, acceptKeyword("COMMENT") {
                column.comment = try parseStringLiteral()
            } else if column.codec == nil, acceptKeyword("CODEC") {
                try expect(.openParen, "OpeningRoundBracket")
                var codecs: [Expression] = []
                repeat { codecs.append(try parseExpression()) } while accept(.comma, "Comma")
                try expect(.closeParen, "ClosingRoundBracket")
                column.codec = codecs
            } else if column.ttl == nil, acceptKeyword("TTL") {
                column.ttl = try parseExpression()
            } else if column.settings.isEmpty, acceptKeyword("SETTINGS") {
                try expect(.openParen, "OpeningRoundBracket")
                column.settings = try parseSettingList()
                try expect(.closeParen, "ClosingRoundBracket")
            } else if !isPrimaryKey, acceptKeywords("PRIMARY", "KEY") {
                isPrimaryKey = true
            } else if isWord(current, "STATISTICS") {
                throw DatabaseError(.notImplemented, "Column STATISTICS is not supported")
            } else if isWord(current, "COLLATE") {
                throw DatabaseError(.notImplemented, "Column COLLATE is not supported")
            } else {
                break
            }
        }
        return (column, isPrimaryKey)
    }

    func isWordString(_ token: Token, _ word: String) -> Bool {
        token.kind == .bareWord && text(token).uppercased() == word
    }

    /// ENGINE, PARTITION BY, PRIMARY KEY, ORDER BY, SAMPLE BY, TTL, SETTINGS, COMMENT (any order), then
    /// `AS SELECT …`.
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
                query.sampleBy = try parseStorageKey()
            } else if query.ttl.isEmpty, acceptKeyword("TTL") {
                repeat { query.ttl.append(try parseTTLElement()) } while accept(.comma, "Comma")
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
        // The tuple's parentheses are the written ones.
        var element = expression
        if case .function(var call) = element {
            call.parenthesized = false
            element = .function(call)
        }
        return .function(FunctionCall(name: "tuple", arguments: [element]))
    }

    /// One table TTL rule: `expr [DELETE | TO DISK 'd' | TO VOLUME 'v' | RECOMPRESS CODEC(…)] [WHERE cond]`.
    mutating func parseTTLElement() throws -> TTLElement {
        var element = TTLElement(expression: try parseExpression())
        if acceptKeyword("DELETE") {
            element.action = .delete
        } else if acceptKeywords("TO", "DISK") {
            element.action = .toDisk(try parseStringLiteral())
        } else if acceptKeywords("TO", "VOLUME") {
            element.action = .toVolume(try parseStringLiteral())
        } else if acceptKeyword("RECOMPRESS") {
            try expectKeyword("CODEC")
            try expect(.openParen, "OpeningRoundBracket")
            var codecs: [Expression] = []
            repeat { codecs.append(try parseExpression()) } while accept(.comma, "Comma")
            try expect(.closeParen, "ClosingRoundBracket")
            element.action = .recompress(codecs)
        } else if isWord(current, "GROUP"), isWord(token(at: 1), "BY") {
            throw DatabaseError(.notImplemented, "TTL GROUP BY is not supported")
        }
        // WHERE only with DELETE, as in ClickHouse's grammar.
        if element.action == .delete, acceptKeyword("WHERE") { element.whereClause = try parseExpression() }
        return element
    }
}

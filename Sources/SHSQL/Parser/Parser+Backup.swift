import SHCore

extension Parser {
    /// `BACKUP|RESTORE element, … TO|FROM engine [SETTINGS …] [ASYNC|SYNC]` (after the first keyword).
    ///
    /// As in ClickHouse 26.9: `ASYNC` only at the end (`BACKUP ASYNC TABLE` is a syntax error), `PARTITION(S)`
    /// after `AS`, `Null` without parentheses. A SETTINGS clause after `ASYNC` is left to the statement.
    mutating func parseBackup(isBackup: Bool) throws -> BackupQuery {
        var elements: [BackupElement] = []
        repeat { elements.append(try parseBackupElement()) } while accept(.comma, "Comma")
        try expectKeyword(isBackup ? "TO" : "FROM")
        var query = BackupQuery(elements: elements, engine: try parseBackupEngineCall())
        if acceptKeyword("SETTINGS") { query.settings = try parseSettingList() }
        if acceptKeyword("ASYNC") {
            query.async = true
        } else if acceptKeyword("SYNC") {
            query.async = false
        }
        return query
    }

    /// Parses a backup engine on its own, `S3('url', …)` or `Null`, as a manifest's `<base_backup>` names one.
    public static func parseBackupEngine(_ text: String) throws -> FunctionCall {
        try parseWhole(text) { try $0.parseBackupEngineCall() }
    }

    /// A backup engine: `name(argument, …)`, or a bare `name` (`Null`).
    private mutating func parseBackupEngineCall() throws -> FunctionCall {
        let name = try parseIdentifier()
        guard current.kind == .openParen else { return FunctionCall(name: name, arguments: []) }
        return try parseCallArguments(name: name)
    }

    private mutating func parseBackupElement() throws -> BackupElement {
        if acceptKeyword("TABLE") || acceptKeyword("DICTIONARY") || acceptKeyword("VIEW") {
            let name = try parseTableName()
            var newName: TableName?
            if acceptKeyword("AS") { newName = try parseTableName() }
            var partitions: [Expression]?
            if acceptKeyword("PARTITIONS") || acceptKeyword("PARTITION") {
                var list: [Expression] = []
                repeat {
                    list.append(try parsePartition())
                } while current.kind == .comma && !startsElement(token(at: 1)) && accept(.comma, "Comma")
                partitions = list
            }
            return .table(name, newName: newName, partitions: partitions)
        }
        if acceptKeywords("TEMPORARY", "TABLE") {
            let name = try parseIdentifier()
            return .temporaryTable(name, newName: acceptKeyword("AS") ? try parseIdentifier() : nil)
        }
        if acceptKeyword("DATABASE") {
            let name = try parseIdentifier()
            let newName = acceptKeyword("AS") ? try parseIdentifier() : nil
            var except: [TableName] = []
            if acceptKeyword("EXCEPT") {
                guard acceptKeyword("TABLES") || acceptKeyword("TABLE") else { throw syntaxError() }
                repeat { except.append(try parseTableName()) } while accept(.comma, "Comma")
            }
            return .database(name, newName: newName, exceptTables: except)
        }
        if acceptKeyword("ALL") {
            var databases: [String] = []
            var tables: [TableName] = []
            if acceptKeywords("EXCEPT", "DATABASES") || acceptKeywords("EXCEPT", "DATABASE") {
                repeat { databases.append(try parseIdentifier()) } while accept(.comma, "Comma")
            }
            if acceptKeywords("EXCEPT", "TABLES") || acceptKeywords("EXCEPT", "TABLE") {
                repeat { tables.append(try parseTableName()) } while accept(.comma, "Comma")
            }
            return .all(exceptDatabases: databases, exceptTables: tables)
        }
        for word in ["TABLE", "DICTIONARY", "VIEW", "TEMPORARY TABLE", "DATABASE", "ALL"] { note(word) }
        throw syntaxError()
    }

    /// True when `token` starts another element (`, TABLE t` after a partition list).
    private func startsElement(_ token: Token) -> Bool {
        isWord(token, "TABLE") || isWord(token, "DATABASE") || isWord(token, "ALL") || isWord(token, "TEMPORARY")
            || isWord(token, "DICTIONARY") || isWord(token, "VIEW")
    }

    /// A partition value; `ID 'x'` becomes the call `partitionID('x')`.
    private mutating func parsePartition() throws -> Expression {
        if isWord(current, "ID"), token(at: 1).kind == .stringLiteral {
            advance()
            return .call("partitionID", .literal(.string(try parseStringLiteral())))
        }
        return try parseExpression()
    }
}

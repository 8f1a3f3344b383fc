import SHCore

extension Parser {
    /// `ALTER TABLE [db.]t command, …` (after `ALTER`).
    mutating func parseAlter() throws -> AlterQuery {
        try expectKeyword("TABLE")
        let table = try parseTableName()
        var commands: [AlterCommand] = []
        repeat { commands.append(try parseAlterCommand()) } while accept(.comma, "Comma")
        return AlterQuery(table: table, commands: commands)
    }

    /// True when the tokens after a comma start another ALTER command (so a list such as MODIFY TTL's ends).
    private func commandFollowsComma() -> Bool {
        let first = token(at: 1)
        let second = token(at: 2)
        let pairs: [(String, [String])] = [
            ("ADD", ["COLUMN", "INDEX", "PROJECTION", "CONSTRAINT"]),
            ("DROP", ["COLUMN", "INDEX", "PROJECTION", "CONSTRAINT", "PARTITION"]),
            ("MODIFY", ["COLUMN", "SETTING", "TTL", "COMMENT", "ORDER"]), ("RENAME", ["COLUMN"]),
            ("COMMENT", ["COLUMN"]), ("RESET", ["SETTING"]), ("REMOVE", ["TTL"]),
        ]
        return pairs.contains { word, next in isWordString(first, word) && next.contains { isWordString(second, $0) } }
    }

    private mutating func parseAlterCommand() throws -> AlterCommand {
        if acceptKeywords("ADD", "COLUMN") {
            let ifNotExists = acceptKeywords("IF", "NOT", "EXISTS")
            let column = try parseColumnDefinition()
            if column.isPrimaryKey { throw syntaxError() }
            return .addColumn(column.definition, ifNotExists: ifNotExists, position: try parseAlterPosition())
        }
        if acceptKeywords("DROP", "COLUMN") {
            let ifExists = acceptKeywords("IF", "EXISTS")
            return .dropColumn(try parseIdentifier(), ifExists: ifExists)
        }
        if acceptKeywords("RENAME", "COLUMN") {
            let ifExists = acceptKeywords("IF", "EXISTS")
            let from = try parseIdentifier()
            try expectKeyword("TO")
            return .renameColumn(from, to: try parseIdentifier(), ifExists: ifExists)
        }
        if acceptKeywords("MODIFY", "COLUMN") {
            let ifExists = acceptKeywords("IF", "EXISTS")
            let afterName = token(at: 1)
            for word in [
                "COMMENT", "CODEC", "DEFAULT", "MATERIALIZED", "ALIAS", "EPHEMERAL", "TTL", "REMOVE", "SETTINGS",
            ]
            where isWordString(afterName, word) {
                throw DatabaseError(.notImplemented, "ALTER TABLE MODIFY COLUMN without a type is not supported yet")
            }
            let column = try parseColumnDefinition()
            if column.isPrimaryKey { throw syntaxError() }
            return .modifyColumn(column.definition, ifExists: ifExists, position: try parseAlterPosition())
        }
        if acceptKeywords("COMMENT", "COLUMN") {
            let ifExists = acceptKeywords("IF", "EXISTS")
            let name = try parseIdentifier()
            return .commentColumn(name, comment: try parseStringLiteral(), ifExists: ifExists)
        }
        if acceptKeywords("ADD", "INDEX") {
            let ifNotExists = acceptKeywords("IF", "NOT", "EXISTS")
            let index = try parseIndexDefinition()
            return .addIndex(index, ifNotExists: ifNotExists, position: try parseAlterPosition())
        }
        if acceptKeywords("DROP", "INDEX") {
            let ifExists = acceptKeywords("IF", "EXISTS")
            return .dropIndex(try parseIdentifier(), ifExists: ifExists)
        }
        if acceptKeywords("ADD", "PROJECTION") {
            let ifNotExists = acceptKeywords("IF", "NOT", "EXISTS")
            let projection = try parseProjectionDefinition()
            return .addProjection(projection, ifNotExists: ifNotExists, position: try parseAlterPosition())
        }
        if acceptKeywords("DROP", "PROJECTION") {
            let ifExists = acceptKeywords("IF", "EXISTS")
            return .dropProjection(try parseIdentifier(), ifExists: ifExists)
        }
        if acceptKeywords("MODIFY", "SETTING") { return .modifySetting(try parseSettingList()) }
        if acceptKeywords("RESET", "SETTING") {
            var names: [String] = []
            repeat { names.append(try parseIdentifier()) } while accept(.comma, "Comma")
            return .resetSetting(names)
        }
        if acceptKeywords("MODIFY", "TTL") {
            var rules: [TTLElement] = []
            repeat { rules.append(try parseTTLElement()) } while !commandFollowsComma() && accept(.comma, "Comma")
            return .modifyTTL(rules)
        }
        if acceptKeywords("REMOVE", "TTL") { return .removeTTL }
        if acceptKeywords("MODIFY", "COMMENT") { return .modifyComment(try parseStringLiteral()) }
        if acceptKeywords("MODIFY", "ORDER", "BY") { return .modifyOrderBy(try parseStorageKey()) }
        for word in [
            "DELETE", "UPDATE", "CLEAR", "MATERIALIZE", "FREEZE", "ATTACH", "DETACH", "REPLACE", "MOVE", "FETCH",
        ]
        where isWordString(current, word) {
            throw DatabaseError(.notImplemented, "ALTER TABLE … \(word) is not supported")
        }
        if isWordString(current, "DROP"), isWordString(token(at: 1), "PARTITION") {
            throw DatabaseError(.notImplemented, "ALTER TABLE … DROP PARTITION is not supported")
        }
        throw syntaxError()
    }

    /// `FIRST` or `AFTER name`, if written.
    private mutating func parseAlterPosition() throws -> AlterPosition? {
        if acceptKeyword("FIRST") { return .first }
        if acceptKeyword("AFTER") { return .after(try parseIdentifier()) }
        return nil
    }
}

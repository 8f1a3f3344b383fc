import SHCore

extension SQLFormatter {
    /// `BACKUP …` / `RESTORE …` on one line; `ASYNC`/`SYNC` as written, at the end.
    public static func formatBackup(_ query: BackupQuery, isBackup: Bool) -> String {
        var out = isBackup ? "BACKUP " : "RESTORE "
        out += query.elements.map(formatBackupElement).joined(separator: ", ")
        out += isBackup ? " TO " : " FROM "
        out += formatEngine(query.engine)
        if !query.settings.isEmpty { out += " SETTINGS " + formatSettings(query.settings) }
        if let async = query.async { out += async ? " ASYNC" : " SYNC" }
        return out
    }

    /// `S3('url', 'key', 'secret')`; `Null` without arguments prints bare.
    public static func formatEngine(_ engine: FunctionCall) -> String {
        if engine.arguments.isEmpty { return quoteIdentifierIfNeeded(engine.name) }
        var out = quoteIdentifierIfNeeded(engine.name) + "("
        writeList(engine.arguments, to: &out)
        return out + ")"
    }

    static func formatBackupElement(_ element: BackupElement) -> String {
        switch element {
        case .table(let name, let newName, let partitions):
            var out = "TABLE " + formatTableName(name)
            if let newName { out += " AS " + formatTableName(newName) }
            if let partitions {
                out +=
                    " PARTITIONS  "
                    + partitions.map { partition in
                        if case .function(let call) = partition, call.name == "partitionID", call.arguments.count == 1 {
                            return "ID " + format(call.arguments[0])
                        }
                        return format(partition)
                    }.joined(separator: ", ")
            }
            return out
        case .temporaryTable(let name, let newName):
            return "TEMPORARY TABLE " + quoteIdentifierIfNeeded(name)
                + (newName.map { " AS " + quoteIdentifierIfNeeded($0) } ?? "")
        case .database(let name, let newName, let except):
            var out = "DATABASE " + quoteIdentifierIfNeeded(name)
            if let newName { out += " AS " + quoteIdentifierIfNeeded(newName) }
            if !except.isEmpty { out += " EXCEPT TABLES " + except.map(formatTableName).joined(separator: ", ") }
            return out
        case .all(let databases, let tables):
            var out = "ALL"
            if !databases.isEmpty {
                out += " EXCEPT DATABASES " + databases.map(quoteIdentifierIfNeeded).joined(separator: ",")
            }
            if !tables.isEmpty { out += " EXCEPT TABLES " + tables.map(formatTableName).joined(separator: ", ") }
            return out
        }
    }
}

import SHCore

extension SQLFormatter {
    /// `CREATE TABLE` as ClickHouse prints it: `pretty` is SHOW CREATE TABLE's multi-line form; otherwise the
    /// one-line form of `metadata/*.sql`, backups and `system.tables.create_table_query`:
    /// ``CREATE TABLE db.t UUID '…' (`k` Int32, `s` String) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 8192``.
    ///
    /// Nothing is added: callers add `SETTINGS index_granularity = 8192` (see `withDefaultMergeTreeSettings()`).
    public static func createTable(_ query: CreateTableQuery, pretty: Bool) -> String {
        var out = "CREATE TABLE "
        if query.ifNotExists { out += "IF NOT EXISTS " }
        out += formatTableName(query.name)
        if let uuid = query.uuid { out += " UUID " + quoteString(uuid) }
        if let source = query.asTable { out += " AS " + formatTableName(source) }
        let clauseSeparator = pretty ? "\n" : " "
        if !query.columns.isEmpty {
            let columns = query.columns.map { formatColumn($0, pretty: pretty) }
            out +=
                pretty
                ? "\n(\n    " + columns.joined(separator: ",\n    ") + "\n)"
                : " (" + columns.joined(separator: ", ") + ")"
        }
        var clauses: [String] = []
        if let engine = query.engine {
            var text = "ENGINE = " + quoteIdentifierIfNeeded(engine.name)
            if !engine.arguments.isEmpty {
                text += "("
                writeList(engine.arguments, to: &text)
                text += ")"
            }
            clauses.append(text)
        }
        if let partitionBy = query.partitionBy { clauses.append("PARTITION BY " + format(partitionBy)) }
        if let primaryKey = query.primaryKey { clauses.append("PRIMARY KEY " + format(primaryKey)) }
        if let orderBy = query.orderBy { clauses.append("ORDER BY " + format(orderBy)) }
        if let sampleBy = query.sampleBy { clauses.append("SAMPLE BY " + format(sampleBy)) }
        if !query.settings.isEmpty { clauses.append("SETTINGS " + formatSettings(query.settings)) }
        if let comment = query.comment { clauses.append("COMMENT " + quoteString(comment)) }
        if let select = query.asSelect { clauses.append("AS " + formatSelect(select)) }
        if !clauses.isEmpty { out += clauseSeparator + clauses.joined(separator: clauseSeparator) }
        return out
    }

    /// `` `name` Type [DEFAULT expr] [COMMENT '…'] [CODEC(…)] ``.
    public static func formatColumn(_ column: ColumnDefinition, pretty: Bool = false) -> String {
        let typeText = pretty ? prettyType(column.type, indent: 8) : column.type.description
        var out = quoteIdentifier(column.name) + " " + typeText
        if let kind = column.defaultKind {
            out += " \(kind)"
            if let expression = column.defaultExpression { out += " " + format(expression) }
        }
        if let comment = column.comment { out += " COMMENT " + quoteString(comment) }
        if let codec = column.codec {
            out += " CODEC("
            writeList(codec, to: &out)
            out += ")"
        }
        return out
    }

    /// A type as SHOW CREATE prints it: each tuple element on its own line, indented.
    static func prettyType(_ type: DataType, indent: Int) -> String {
        switch type {
        case .tuple(let items, let names):
            let pad = String(repeating: " ", count: indent)
            let elements = items.indices.map { i in
                let name = names.indices.contains(i) && !names[i].isEmpty ? names[i] + " " : ""
                return pad + name + prettyType(items[i], indent: indent + 4)
            }
            return "Tuple(\n" + elements.joined(separator: ",\n") + ")"
        case .nullable(let inner): return "Nullable(\(prettyType(inner, indent: indent)))"
        case .array(let inner): return "Array(\(prettyType(inner, indent: indent)))"
        case .lowCardinality(let inner): return "LowCardinality(\(prettyType(inner, indent: indent)))"
        default: return type.description
        }
    }

    /// `CREATE DATABASE name [UUID '…'] [ENGINE = E]`; `pretty` puts ENGINE on its own line (SHOW CREATE DATABASE).
    public static func createDatabase(_ query: CreateDatabaseQuery, pretty: Bool = false) -> String {
        var out = "CREATE DATABASE "
        if query.ifNotExists { out += "IF NOT EXISTS " }
        out += quoteIdentifierIfNeeded(query.name)
        if let uuid = query.uuid { out += " UUID " + quoteString(uuid) }
        if let engine = query.engine { out += (pretty ? "\n" : " ") + "ENGINE = " + quoteIdentifierIfNeeded(engine) }
        if let comment = query.comment { out += (pretty ? "\n" : " ") + "COMMENT " + quoteString(comment) }
        return out
    }
}

import SHCore

extension SQLFormatter {
    /// A whole statement on one line, with its FORMAT and SETTINGS; parsing the result gives the same AST.
    public static func format(_ parsed: ParsedStatement) -> String {
        if case .insert(let insert) = parsed.statement, !parsed.settings.isEmpty {
            // INSERT keeps its SETTINGS before the data.
            return formatInsert(insert, settings: parsed.settings) + (parsed.format.map { " FORMAT " + $0 } ?? "")
        }
        var text = format(parsed.statement)
        if !parsed.settings.isEmpty { text += " SETTINGS " + formatSettings(parsed.settings) }
        if let format = parsed.format { text += " FORMAT " + quoteIdentifierIfNeeded(format) }
        return text
    }

    /// A statement on one line. `INSERT … FORMAT` ends with a newline and the data.
    public static func format(_ statement: Statement) -> String {
        switch statement {
        case .select(let query): return formatSelect(query)
        case .insert(let insert): return formatInsert(insert)
        case .createDatabase(let query): return createDatabase(query)
        case .createTable(let query): return createTable(query, pretty: false)
        case .alter(let query): return formatAlter(query)
        case .drop(let drop):
            let kind = drop.kind == .table ? "TABLE" : "DATABASE"
            let name = drop.kind == .table ? formatTableName(drop.name) : quoteIdentifierIfNeeded(drop.name.table)
            return "DROP \(kind) \(drop.ifExists ? "IF EXISTS " : "")\(name)\(drop.sync ? " SYNC" : "")"
        case .truncate(let name, let ifExists):
            return "TRUNCATE TABLE \(ifExists ? "IF EXISTS " : "")\(formatTableName(name))"
        case .rename(let pairs):
            return "RENAME TABLE "
                + pairs.map { "\(formatTableName($0.from)) TO \(formatTableName($0.to))" }.joined(separator: ", ")
        case .show(let show):
            switch show {
            case .databases(let like): return "SHOW DATABASES" + (like.map { " LIKE " + quoteString($0) } ?? "")
            case .tables(let database, let like):
                return "SHOW TABLES" + (database.map { " FROM " + quoteIdentifierIfNeeded($0) } ?? "")
                    + (like.map { " LIKE " + quoteString($0) } ?? "")
            case .createTable(let name): return "SHOW CREATE TABLE " + formatTableName(name)
            case .createDatabase(let name): return "SHOW CREATE DATABASE " + quoteIdentifierIfNeeded(name)
            }
        case .describe(let name): return "DESCRIBE TABLE " + formatTableName(name)
        case .use(let name): return "USE " + quoteIdentifierIfNeeded(name)
        case .exists(.table(let name)): return "EXISTS TABLE " + formatTableName(name)
        case .exists(.database(let name)): return "EXISTS DATABASE " + quoteIdentifierIfNeeded(name)
        case .optimize(let name, let final): return "OPTIMIZE TABLE " + formatTableName(name) + (final ? " FINAL" : "")
        case .check(let name): return "CHECK TABLE " + formatTableName(name)
        case .set(let settings): return "SET " + formatSettings(settings)
        case .backup(let query): return formatBackup(query, isBackup: true)
        case .restore(let query): return formatBackup(query, isBackup: false)
        }
    }

    /// `[db.]name`, each part quoted when needed.
    public static func formatTableName(_ name: TableName) -> String {
        (name.database.map { quoteIdentifierIfNeeded($0) + "." } ?? "") + quoteIdentifierIfNeeded(name.table)
    }

    /// `a = 1, b = 'x'`.
    public static func formatSettings(_ settings: [SettingAssignment]) -> String {
        settings.map { "\(quoteIdentifierIfNeeded($0.name)) = \(format($0.value))" }.joined(separator: ", ")
    }

    /// A SELECT (with its UNION ALL parts) on one line.
    public static func formatSelect(_ query: SelectQuery) -> String {
        var parts = [formatSelectCore(query, includeSettings: query.unionAll.isEmpty)]
        for (i, next) in query.unionAll.enumerated() {
            var core = next
            if i == query.unionAll.count - 1 { core.settings = query.settings }
            parts.append(formatSelectCore(core, includeSettings: true))
        }
        return parts.joined(separator: " UNION ALL ")
    }

    static func formatSelectCore(_ query: SelectQuery, includeSettings: Bool) -> String {
        var out = "SELECT "
        if query.distinct { out += "DISTINCT " }
        writeList(query.projection, to: &out)
        if let from = query.from {
            out += " FROM "
            switch from {
            case .table(let name, let alias): out += formatTableName(name) + formatAlias(alias)
            case .function(let call, let alias): out += format(.function(call)) + formatAlias(alias)
            case .subquery(let inner, let alias): out += "(" + formatSelect(inner) + ")" + formatAlias(alias)
            }
            if query.final { out += " FINAL" }
            if let sample = query.sample {
                let ratio = { (r: SampleClause.Ratio) in
                    r.denominator == 1 ? "\(r.numerator)" : "\(r.numerator) / \(r.denominator)"
                }
                out += " SAMPLE " + ratio(sample.size) + (sample.offset.map { " OFFSET " + ratio($0) } ?? "")
            }
        }
        if let condition = query.whereClause { out += " WHERE " + format(condition) }
        if !query.groupBy.isEmpty {
            out += " GROUP BY "
            writeList(query.groupBy, to: &out, bareAliases: false)
        }
        if let having = query.having { out += " HAVING " + format(having) }
        if !query.orderBy.isEmpty {
            out +=
                " ORDER BY "
                + query.orderBy.map { element in
                    var text = format(element.expression)
                    text += element.descending ? " DESC" : " ASC"
                    if let nullsFirst = element.nullsFirst { text += nullsFirst ? " NULLS FIRST" : " NULLS LAST" }
                    return text
                }.joined(separator: ", ")
        }
        if let limit = query.limit {
            out += " LIMIT " + (query.offset.map { format($0) + ", " } ?? "") + format(limit)
        } else if let offset = query.offset {
            out += " OFFSET " + format(offset)
        }
        if includeSettings, !query.settings.isEmpty { out += " SETTINGS " + formatSettings(query.settings) }
        return out
    }

    static func formatAlias(_ alias: String?) -> String { alias.map { " AS " + quoteIdentifierIfNeeded($0) } ?? "" }

    static func formatInsert(_ insert: InsertQuery, settings: [SettingAssignment] = []) -> String {
        var out = "INSERT INTO " + formatTableName(insert.table)
        if let columns = insert.columns {
            out += " (" + columns.map(quoteIdentifierIfNeeded).joined(separator: ", ") + ")"
        }
        if !settings.isEmpty { out += " SETTINGS " + formatSettings(settings) }
        switch insert.source {
        case .values(let rows):
            out += " VALUES "
            out += rows.map { row in
                var text = "("
                writeList(row, to: &text, bareAliases: false)
                return text + ")"
            }.joined(separator: ", ")
        case .select(let query):
            out += " " + formatSelect(query)
        case .format(let name, let data):
            out += " FORMAT " + quoteIdentifierIfNeeded(name) + "\n" + data
        }
        return out
    }
}

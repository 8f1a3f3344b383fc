import SHCore

extension SQLFormatter {
    /// `CREATE TABLE` as ClickHouse prints it: `pretty` is SHOW CREATE TABLE's multi-line form; otherwise the
    /// one-line form of `metadata/*.sql`, backups and `system.tables.create_table_query`:
    /// ``CREATE TABLE db.t UUID '…' (`k` Int32, `s` String) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 8192``.
    ///
    /// Nothing is added: callers add `SETTINGS index_granularity = 8192` (see `withDefaultMergeTreeSettings()`).
    public static func createTable(_ query: CreateTableQuery, pretty: Bool) -> String {
        var out = query.replaceOnly ? "REPLACE TABLE " : query.orReplace ? "CREATE OR REPLACE TABLE " : "CREATE TABLE "
        if query.ifNotExists { out += "IF NOT EXISTS " }
        out += formatTableName(query.name)
        if let uuid = query.uuid { out += " UUID " + quoteString(uuid) }
        if let source = query.asTable { out += " AS " + formatTableName(source) }
        let clauseSeparator = pretty ? "\n" : " "
        let elements = tableElements(query, pretty: pretty)
        if !elements.isEmpty {
            out +=
                pretty
                ? "\n(\n    " + elements.joined(separator: ",\n    ") + "\n)"
                : " (" + elements.joined(separator: ", ") + ")"
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
        if !query.ttl.isEmpty { clauses.append("TTL " + query.ttl.map(formatTTLElement).joined(separator: ", ")) }
        if !query.settings.isEmpty { clauses.append("SETTINGS " + formatSettings(query.settings)) }
        if let comment = query.comment { clauses.append("COMMENT " + quoteString(comment)) }
        if let select = query.asSelect { clauses.append("AS " + formatSelect(select)) }
        if !clauses.isEmpty { out += clauseSeparator + clauses.joined(separator: clauseSeparator) }
        return out
    }

    /// The elements inside the parentheses, in ClickHouse's order: columns, then INDEX, CONSTRAINT and
    /// PROJECTION lines (`pretty` indents a projection's query as SHOW CREATE does).
    static func tableElements(_ query: CreateTableQuery, pretty: Bool) -> [String] {
        query.columns.map { formatColumn($0, pretty: pretty) } + query.indexes.map(formatIndex)
            + query.constraints.map(formatConstraint) + query.projections.map { formatProjection($0, pretty: pretty) }
    }

    /// `INDEX name expr TYPE type GRANULARITY n` (GRANULARITY 1 when not written, as ClickHouse prints it).
    public static func formatIndex(_ index: IndexDefinition) -> String {
        var out = "INDEX " + quoteIdentifierIfNeeded(index.name) + " "
        write(index.expression, to: &out, nested: true)
        out += " TYPE "
        switch index.type {
        case .function(let call):
            out += quoteIdentifierIfNeeded(call.name) + "("
            writeList(call.arguments, to: &out)
            out += ")"
        default:
            write(index.type, to: &out, nested: true)
        }
        out += " GRANULARITY \(index.granularity ?? 1)"
        return out
    }

    /// `CONSTRAINT name CHECK expr` / `CONSTRAINT name ASSUME expr`.
    public static func formatConstraint(_ constraint: ConstraintDefinition) -> String {
        "CONSTRAINT " + quoteIdentifierIfNeeded(constraint.name) + " " + constraint.kind.rawValue + " "
            + format(constraint.expression)
    }

    /// `PROJECTION name (SELECT … GROUP BY … ORDER BY …)`; `pretty` is SHOW CREATE's indented form.
    public static func formatProjection(_ projection: ProjectionDefinition, pretty: Bool = false) -> String {
        let query = projection.query
        let orderBy = query.orderBy.map(\.expression)
        guard pretty else {
            var out = "PROJECTION " + quoteIdentifierIfNeeded(projection.name) + " (SELECT "
            writeList(query.projection, to: &out)
            if !query.groupBy.isEmpty {
                out += " GROUP BY "
                writeList(query.groupBy, to: &out, bareAliases: false)
            }
            if !orderBy.isEmpty {
                out += " ORDER BY "
                writeList(orderBy, to: &out, bareAliases: false)
            }
            return out + ")"
        }
        // Inside the column list (4 spaces): the query at 8, a list of several items one per line at 12.
        func clause(_ keyword: String, _ items: [Expression], bareAliases: Bool) -> String {
            if items.count == 1 {
                var text = ""
                write(items[0], to: &text, nested: !bareAliases)
                return "\n        " + keyword + " " + text
            }
            return "\n        " + keyword
                + items.map { item in
                    var text = "\n            "
                    write(item, to: &text, nested: !bareAliases)
                    return text
                }.joined(separator: ",")
        }
        var out = "PROJECTION " + quoteIdentifierIfNeeded(projection.name) + "\n    ("
        out += clause("SELECT", query.projection, bareAliases: true)
        if !query.groupBy.isEmpty { out += clause("GROUP BY", query.groupBy, bareAliases: false) }
        if !orderBy.isEmpty { out += clause("ORDER BY", orderBy, bareAliases: false) }
        return out + "\n    )"
    }

    /// One table TTL rule: `expr [TO DISK 'd' | TO VOLUME 'v' | RECOMPRESS CODEC(…)] [WHERE cond]` (DELETE,
    /// the default, is not printed).
    public static func formatTTLElement(_ element: TTLElement) -> String {
        var out = format(element.expression)
        switch element.action {
        case .delete: break
        case .toDisk(let disk): out += " TO DISK " + quoteString(disk)
        case .toVolume(let volume): out += " TO VOLUME " + quoteString(volume)
        case .recompress(let codecs):
            out += " RECOMPRESS CODEC("
            writeList(codecs, to: &out)
            out += ")"
        }
        if let condition = element.whereClause { out += " WHERE " + format(condition) }
        return out
    }

    /// `` `name` Type [DEFAULT expr] [COMMENT '…'] [CODEC(…)] [TTL expr] [SETTINGS (…)] ``.
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
        if let ttl = column.ttl { out += " TTL " + format(ttl) }
        if !column.settings.isEmpty { out += " SETTINGS (" + formatSettings(column.settings) + ")" }
        return out
    }

    /// A type as SHOW CREATE (`indent` 8) and DESCRIBE (`indent` 4) print it: each tuple element on its own
    /// line, indented.
    public static func prettyType(_ type: DataType, indent: Int) -> String {
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

    /// `CREATE DATABASE name [UUID '…'] [ENGINE = E[(args)]]`; `pretty` puts ENGINE on its own line (SHOW CREATE DATABASE).
    public static func createDatabase(_ query: CreateDatabaseQuery, pretty: Bool = false) -> String {
        var out = "CREATE DATABASE "
        if query.ifNotExists { out += "IF NOT EXISTS " }
        out += quoteIdentifierIfNeeded(query.name)
        if let uuid = query.uuid { out += " UUID " + quoteString(uuid) }
        if let engine = query.engine {
            out += (pretty ? "\n" : " ") + "ENGINE = " + quoteIdentifierIfNeeded(engine)
            if let arguments = query.engineArguments {
                out += "("
                writeList(arguments, to: &out)
                out += ")"
            }
        }
        if let comment = query.comment { out += (pretty ? "\n" : " ") + "COMMENT " + quoteString(comment) }
        return out
    }
}

import SHCore

extension SQLFormatter {
    /// The result column name ClickHouse 26.9 gives an expression: the alias if any, else operators as
    /// function calls (`plus(a, 1)`), tuples as `(a, b)`, arrays as `[a, b]`, `CAST(x, 'T')`, `sumDistinct(x)`,
    /// literals as written canonically (`'abc'`, `-1`, `1.`), scalar subqueries as `_subquery_N`.
    ///
    /// `qualifiers` are table names and aliases stripped from identifiers (`t.x` → `x`); `subqueryCounter`
    /// numbers scalar subqueries across one query (start at 0; the FROM subquery takes the first number).
    ///
    /// `asteriskColumns`, when given, are the source's column names that a `*` inside a call expands to
    /// (`groupArray(tuple(*))` → `groupArray((key, value))`); a top-level `*` is the caller's to expand.
    public static func columnName(
        for expression: Expression, qualifiers: Set<String> = [], asteriskColumns: [String]? = nil
    ) -> String {
        var counter = 0
        return columnName(
            for: expression, qualifiers: qualifiers, subqueryCounter: &counter, asteriskColumns: asteriskColumns)
    }

    public static func columnName(
        for expression: Expression, qualifiers: Set<String>, subqueryCounter: inout Int,
        asteriskColumns: [String]? = nil
    ) -> String {
        var out = ""
        var context = NamingContext(qualifiers: qualifiers, asteriskColumns: asteriskColumns, counter: subqueryCounter)
        writeColumnName(expression, context: &context, to: &out, top: true)
        subqueryCounter = context.counter
        return out
    }

    struct NamingContext {
        var qualifiers: Set<String>
        var asteriskColumns: [String]?
        var counter: Int
    }

    /// The names of a SELECT's result columns (a top-level `*` is not expanded; `asteriskColumns` as above).
    public static func columnNames(for query: SelectQuery, asteriskColumns: [String]? = nil) -> [String] {
        var counter = 0
        var qualifiers: Set<String> = []
        switch query.from {
        case .table(let name, let alias)?:
            qualifiers.insert(name.table)
            if let database = name.database { qualifiers.insert("\(database).\(name.table)") }
            if let alias { qualifiers.insert(alias) }
        case .function(_, let alias)?:
            if let alias { qualifiers.insert(alias) }
        case .subquery(_, let alias)?:
            counter += 1
            if let alias { qualifiers.insert(alias) }
        case nil:
            break
        }
        return query.projection.map {
            columnName(for: $0, qualifiers: qualifiers, subqueryCounter: &counter, asteriskColumns: asteriskColumns)
        }
    }

    static func writeColumnName(_ expression: Expression, context: inout NamingContext, to out: inout String, top: Bool)
    {
        switch expression {
        case .literal(let literal):
            out += formatLiteral(literal)
        case .identifier(var parts):
            if parts.count >= 3, context.qualifiers.contains("\(parts[0]).\(parts[1])") {
                parts.removeFirst(2)
            } else if parts.count >= 2, context.qualifiers.contains(parts[0]) {
                parts.removeFirst()
            }
            out += parts.joined(separator: ".")
        case .asterisk(let qualifier):
            if !top, let columns = context.asteriskColumns {
                out += columns.joined(separator: ", ")
            } else {
                out += qualifier.map { "\($0).*" } ?? "*"
            }
        case .subquery:
            context.counter += 1
            out += "_subquery_\(context.counter)"
        case .alias(let inner, let name):
            if top {
                out += name
            } else {
                var ignored = ""
                writeColumnName(inner, context: &context, to: &ignored, top: false)
                out += name
            }
        case .lambda(let parameters, let body):
            // ClickHouse names a lambda by its function form: `lambda(tuple(x), plus(x, 1))`.
            out += "lambda(tuple(" + parameters.joined(separator: ", ") + "), "
            writeColumnName(body, context: &context, to: &out, top: false)
            out += ")"
        case .function(let call):
            func list(_ items: [Expression]) {
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    writeColumnName(item, context: &context, to: &out, top: false)
                }
            }
            if call.parameters == nil, !call.distinct, call.name == "tuple" {
                out += "("
                list(call.arguments)
                out += ")"
            } else if call.parameters == nil, !call.distinct, call.name == "array" {
                out += "["
                list(call.arguments)
                out += "]"
            } else {
                out += call.name == "cast" ? "CAST" : call.name
                if call.distinct { out += "Distinct" }
                if let parameters = call.parameters {
                    out += "("
                    list(parameters)
                    out += ")"
                }
                out += "("
                list(call.arguments)
                out += ")"
            }
        }
    }
}

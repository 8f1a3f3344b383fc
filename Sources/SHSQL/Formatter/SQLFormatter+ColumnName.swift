import SHCore

extension SQLFormatter {
    /// The result column name ClickHouse 26.9 gives an expression: the alias if any, else operators as
    /// function calls (`plus(a, 1)`), tuples as `(a, b)`, arrays as `[a, b]`, `CAST(x, 'T')`, `sumDistinct(x)`,
    /// literals as written canonically (`'abc'`, `-1`, `1.`), scalar subqueries as `_subquery_N`.
    ///
    /// `qualifiers` are table names and aliases stripped from identifiers (`t.x` → `x`); `subqueryCounter`
    /// numbers scalar subqueries across one query (start at 0; the FROM subquery takes the first number).
    public static func columnName(for expression: Expression, qualifiers: Set<String> = []) -> String {
        var counter = 0
        return columnName(for: expression, qualifiers: qualifiers, subqueryCounter: &counter)
    }

    public static func columnName(for expression: Expression, qualifiers: Set<String>, subqueryCounter: inout Int)
        -> String
    {
        var out = ""
        writeColumnName(expression, qualifiers: qualifiers, counter: &subqueryCounter, to: &out, top: true)
        return out
    }

    /// The names of a SELECT's result columns (without expanding `*`).
    public static func columnNames(for query: SelectQuery) -> [String] {
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
        return query.projection.map { columnName(for: $0, qualifiers: qualifiers, subqueryCounter: &counter) }
    }

    static func writeColumnName(
        _ expression: Expression, qualifiers: Set<String>, counter: inout Int, to out: inout String, top: Bool
    ) {
        switch expression {
        case .literal(let literal):
            out += formatLiteral(literal)
        case .identifier(var parts):
            if parts.count >= 3, qualifiers.contains("\(parts[0]).\(parts[1])") {
                parts.removeFirst(2)
            } else if parts.count >= 2, qualifiers.contains(parts[0]) {
                parts.removeFirst()
            }
            out += parts.joined(separator: ".")
        case .asterisk(let qualifier):
            out += qualifier.map { "\($0).*" } ?? "*"
        case .subquery:
            counter += 1
            out += "_subquery_\(counter)"
        case .alias(let inner, let name):
            if top {
                out += name
            } else {
                var ignored = ""
                writeColumnName(inner, qualifiers: qualifiers, counter: &counter, to: &ignored, top: false)
                out += name
            }
        case .function(let call):
            func list(_ items: [Expression]) {
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    writeColumnName(item, qualifiers: qualifiers, counter: &counter, to: &out, top: false)
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

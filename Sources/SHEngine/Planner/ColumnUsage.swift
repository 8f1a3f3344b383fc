import SHSQL

/// Which column names a SELECT may read, so that scans skip the others; nil when it needs them all (`*`).
enum ColumnUsage {
    static func names(in query: SelectQuery) -> Set<String>? {
        var names = Set<String>()
        var everything = false
        func visit(_ expression: Expression) {
            switch expression {
            case .identifier(let parts):
                // `t.a` (a qualified column) or `n.a` (a column named with a dot, a Nested subcolumn): both may be read.
                if let last = parts.last { names.insert(last) }
                if parts.count > 1 { names.insert(parts.joined(separator: ".")) }
            case .asterisk: everything = true
            case .function(let call):
                call.arguments.forEach(visit)
                call.parameters?.forEach(visit)
            case .alias(let inner, _): visit(inner)
            case .lambda(_, let body): visit(body)
            case .subquery, .literal: break
            }
        }
        query.projection.forEach(visit)
        query.whereClause.map(visit)
        query.groupBy.forEach(visit)
        query.having.map(visit)
        for element in query.orderBy { visit(element.expression) }
        return everything ? nil : names
    }
}

import SHColumns
import SHCore
import SHSQL
import SHStorage

extension MergeTreeTTL {
    /// The TTL of a MergeTree definition bound to its stored columns, checked as ClickHouse checks it: each TTL is of
    /// type Date, Date32, DateTime or DateTime64 and reads a column; at most one DELETE without WHERE; no TTL on a
    /// key column.
    init(of query: CreateTableQuery, columns: [ColumnDescription]) throws {
        func bind(_ expression: Expression) throws -> BoundKeyExpressions {
            let bound = try BoundKeyExpressions([expression], columns: columns, purpose: "TTL expression")
            if TableFactory.identifiers(in: expression).isEmpty {
                throw DatabaseError(
                    .badArguments,
                    "TTL expression \(SQLFormatter.format(expression)) does not depend on any of the columns of the table"
                )
            }
            let type = bound.types[0].removingNullable.withoutLowCardinality
            switch type {
            case .date, .date32, .dateTime, .dateTime64: return bound
            default:
                throw DatabaseError(
                    .badTTLExpression,
                    "TTL expression result column should have Date, Date32, DateTime or DateTime64 type, but has \(bound.types[0])"
                )
            }
        }
        var rules: [Rule] = []
        for element in query.ttl {
            let section: Section
            switch element.action {
            case .delete: section = element.whereClause == nil ? .table : .rowsWhere
            case .toDisk, .toVolume: section = .moves
            case .recompress: section = .recompression
            }
            if section == .table, rules.contains(where: { $0.section == .table }) {
                throw DatabaseError(
                    .badTTLExpression, "More than one DELETE TTL expression without WHERE expression is not allowed")
            }
            let condition = try element.whereClause.map {
                try BoundKeyExpressions([$0], columns: columns, purpose: "TTL WHERE")
            }
            rules.append(
                Rule(
                    section: section, text: SQLFormatter.format(element.expression),
                    expression: try bind(element.expression), condition: condition))
        }
        // Key columns cannot expire: the columns the sorting and partition keys read.
        var keyColumns = Set(
            BoundKeyExpressions.elements(of: query.orderBy ?? query.primaryKey).flatMap {
                TableFactory.identifiers(in: $0)
            })
        keyColumns.formUnion(query.partitionBy.map(TableFactory.identifiers(in:)) ?? [])
        var columnRules: [ColumnRule] = []
        for definition in query.columns {
            guard let ttl = definition.ttl else { continue }
            if keyColumns.contains(definition.name) {
                throw DatabaseError(.illegalColumn, "Trying to set TTL for key column \(definition.name)")
            }
            guard let index = columns.firstIndex(where: { $0.name == definition.name }) else { continue }
            columnRules.append(ColumnRule(column: index, name: definition.name, expression: try bind(ttl)))
        }
        self.init(rules: rules, columns: columnRules)
    }
}

import SHColumns
import SHCore
import SHExecution
import SHSQL
import SHStorage

extension MergeTreeEngine {
    /// The table's skip indexes that SwiftHouse builds, bound to its stored columns. An index whose type is not in
    /// ``SkipIndexTypes/registry`` or whose expression or parameters SwiftHouse cannot evaluate is left out: parts are
    /// then written without its files, which ClickHouse reads as the index not being materialized in them.
    static func skipIndexes(of query: CreateTableQuery, columns: [ColumnDescription]) -> [SkipIndexDescription] {
        query.indexes.compactMap { definition in
            do {
                let factory = try SkipIndexTypes.registry.entry(named: definition.typeName)
                var arguments: [Value] = []
                if case .function(let call) = definition.type {
                    for argument in call.arguments {
                        guard case .literal(let literal) = argument.unaliased else { return nil }
                        arguments.append(literal.value)
                    }
                }
                let expressions = try BoundKeyExpressions(
                    BoundKeyExpressions.elements(of: definition.expression), columns: columns,
                    purpose: "Index expression")
                let kind = try factory(arguments, expressions.types)
                return SkipIndexDescription(
                    name: definition.name, granularity: Int(clamping: definition.granularity ?? 1),
                    expressions: expressions, kind: kind,
                    columns: expressions.expressions.reduce(into: Set<Int>()) { $0.formUnion(columnsRead(by: $1)) })
            } catch {
                return nil
            }
        }
    }

    /// The input-column indices a bound expression reads.
    private static func columnsRead(by expression: BoundExpression) -> Set<Int> {
        switch expression {
        case .column(let index, _): [index]
        case .constant, .constantColumn: []
        case .function(_, _, let arguments): arguments.reduce(into: Set<Int>()) { $0.formUnion(columnsRead(by: $1)) }
        }
    }
}

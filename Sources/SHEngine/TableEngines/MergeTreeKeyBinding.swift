import SHColumns
import SHCore
import SHExecution
import SHSQL
import SHStorage

/// A MergeTree key (ORDER BY, PRIMARY KEY or PARTITION BY) bound to the table's stored columns. It needs no query
/// context: INSERT, merges, RESTORE and CHECK evaluate it alike, and a key may only use deterministic functions.
struct BoundKeyExpressions: KeyExpressions {
    let expressions: [BoundExpression]
    let types: [DataType]
    let names: [String]

    /// The `purpose` of a partition key (its `%` is ClickHouse's moduloLegacy).
    static let partitionKey = "Partition key"

    /// Functions whose value is not a function of their arguments: ClickHouse refuses them in keys.
    static let nonDeterministic: Set<String> = [
        "rand", "rand32", "rand64", "randConstant", "now", "now64", "today", "yesterday", "generateUUIDv4",
        "generateUUIDv7", "randCanonical", "nowInBlock", "rowNumberInBlock", "rowNumberInAllBlocks", "blockNumber",
    ]

    /// Binds `items` (the elements of the key's top-level tuple) to `columns`; `purpose` names the key in
    /// ClickHouse's messages ("Sorting key", "Partition key").
    init(_ items: [Expression], columns: [ColumnDescription], purpose: String) throws {
        let evaluation = EvaluationContext(currentDatabase: "default", now: 0, version: Engine.version)
        func bind(_ expression: Expression) throws -> BoundExpression {
            switch expression {
            case .literal(let literal):
                return .constant(literal.value, literal.type)
            case .alias(let inner, _):
                return try bind(inner)
            case .identifier(let parts):
                let name = parts.joined(separator: ".")
                guard
                    let index = columns.firstIndex(where: { $0.name == name })
                        ?? (parts.count > 1 ? columns.firstIndex(where: { $0.name == parts.last }) : nil)
                else {
                    throw DatabaseError(
                        .unknownIdentifier, "Missing columns: '\(name)' while processing query: '\(purpose)'")
                }
                return .column(index, columns[index].type)
            case .function(let written):
                let call = IntervalArithmetic.rewriting(written)
                if Self.nonDeterministic.contains(call.name) {
                    throw DatabaseError(
                        .badArguments,
                        "Expression must be deterministic but it contains non-deterministic part `\(SQLFormatter.format(expression))`: for \(purpose)"
                    )
                }
                if AggregateRegistry.isAggregate(call.name) {
                    throw DatabaseError(
                        .illegalAggregation,
                        "Aggregate function \(SQLFormatter.format(expression)) is found in wrong place in query")
                }
                // ClickHouse evaluates `%` in a partition key as moduloLegacy (the divisor's width).
                let name = purpose == Self.partitionKey && call.name == "modulo" ? "moduloLegacy" : call.name
                return try FunctionRegistry.builtin.bind(name, try call.arguments.map(bind), context: evaluation)
            case .asterisk, .subquery, .lambda:
                throw DatabaseError(
                    .badArguments, "\(purpose) cannot contain \(SQLFormatter.format(expression))")
            }
        }
        expressions = try items.map(bind)
        types = expressions.map(\.type)
        names = items.map { SQLFormatter.format($0.unaliased) }
    }

    func evaluate(_ chunk: Chunk) throws -> [Column] { try expressions.map { try $0.evaluate(chunk) } }

    /// The elements of a key: `tuple()` → none, `(a, b)` / `tuple(a, b)` → a, b, anything else → itself.
    static func elements(of expression: Expression?) -> [Expression] {
        guard let expression else { return [] }
        if case .function(let call) = expression.unaliased, call.name == "tuple" { return call.arguments }
        return [expression]
    }

    /// The expression `SAMPLE BY` samples on: `SAMPLE BY (a)` samples on `a`, as in ClickHouse.
    static func samplingExpression(_ sampleBy: Expression) -> Expression {
        let items = elements(of: sampleBy)
        return items.count == 1 ? items[0] : sampleBy
    }
}

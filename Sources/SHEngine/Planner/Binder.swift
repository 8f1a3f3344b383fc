import SHColumns
import SHCore
import SHExecution
import SHSQL

/// Resolves AST expressions against the columns of an input, producing `BoundExpression`s.
struct Binder {
    let context: QueryContext
    /// The input columns, by name.
    let columns: [ColumnDescription]
    /// Names a table can be referred to by (`t.a`, `db.t.a`, alias).
    let qualifiers: Set<String>
    /// Whole expressions that are already computed (GROUP BY keys and aggregates after aggregation).
    var replacements: [Expression: BoundExpression] = [:]
    /// Projection aliases usable in other clauses.
    var aliases: [String: Expression] = [:]

    func bind(_ expression: Expression, depth: Int = 0) throws -> BoundExpression {
        if let replaced = replacements[expression] { return replaced }
        switch expression {
        case .literal(let literal):
            return .constant(literal.value, literal.type)
        case .alias(let inner, _):
            return try bind(inner, depth: depth)
        case .identifier(let parts):
            if let index = resolve(parts) { return .column(index, columns[index].type) }
            if parts.count == 1, let aliased = aliases[parts[0]], depth < 32 {
                return try bind(aliased, depth: depth + 1)
            }
            throw DatabaseError(
                .unknownIdentifier,
                "Unknown expression identifier `\(parts.joined(separator: "."))` in scope \(scopeDescription)")
        case .asterisk:
            throw DatabaseError(.unknownIdentifier, "Asterisk is not allowed here")
        case .lambda:
            throw DatabaseError(.notImplemented, "Lambda functions (x -> …) are not supported yet")
        case .subquery(let query):
            return try scalarSubquery(query)
        case .function(let written):
            let call = IntervalArithmetic.rewriting(written)
            if AggregateRegistry.isAggregate(call.name) {
                throw DatabaseError(
                    .illegalAggregation,
                    "Aggregate function \(SQLFormatter.format(expression)) is found in wrong place in query")
            }
            let arguments: [BoundExpression]
            if ["in", "notIn"].contains(call.name), call.arguments.count == 2,
                case .subquery(let query) = call.arguments[1]
            {
                arguments = [try bind(call.arguments[0], depth: depth), try setSubquery(query)]
            } else {
                arguments = try expandAsterisks(call.arguments).map { try bind($0, depth: depth) }
            }
            return try FunctionRegistry.builtin.bind(call.name, arguments, context: context.evaluation)
        }
    }

    /// Replaces `*` and `t.*` among function arguments by every input column.
    func expandAsterisks(_ arguments: [Expression]) -> [Expression] {
        arguments.flatMap { argument -> [Expression] in
            if case .asterisk = argument { return columns.map { .identifier([$0.name]) } }
            return [argument]
        }
    }

    /// The input column a (possibly qualified) name refers to.
    func resolve(_ parts: [String]) -> Int? {
        let full = parts.joined(separator: ".")
        if let index = columns.firstIndex(where: { $0.name == full }) { return index }
        guard parts.count > 1, let last = parts.last else { return nil }
        let qualifier = parts.dropLast().joined(separator: ".")
        let shortQualifier = parts[parts.count - 2]
        guard qualifiers.contains(qualifier) || qualifiers.contains(shortQualifier) else { return nil }
        return columns.firstIndex { $0.name == last }
    }

    private var scopeDescription: String { "SELECT" }

    /// Runs a scalar subquery and returns its single value as a constant.
    private func scalarSubquery(_ query: SelectQuery) throws -> BoundExpression {
        var planned = try SelectPlanner(context: context).plan(query)
        guard planned.header.count == 1 else {
            throw DatabaseError(
                .incorrectQuery, "Scalar subquery returned more than one column: \(planned.header.count)")
        }
        let chunk = try planned.source.collect()
        guard chunk.rowCount <= 1 else {
            throw DatabaseError(.incorrectQuery, "Scalar subquery returned more than one row")
        }
        let type = planned.header[0].type
        if chunk.rowCount == 0 { return .constant(.null, type.makeNullableIfPossible) }
        if case .array = type {
            // Arrays (e.g. groupArray over a whole table) stay columnar.
            return .constantColumn(chunk.columns[0])
        }
        return .constant(chunk.columns[0].value(at: 0), type)
    }

    /// Runs the subquery of `x IN (SELECT …)` and returns its values as a constant tuple.
    private func setSubquery(_ query: SelectQuery) throws -> BoundExpression {
        var planned = try SelectPlanner(context: context).plan(query)
        let chunk = try planned.source.collect()
        let values = (0..<chunk.rowCount).map { row in
            chunk.columns.count == 1 ? chunk.columns[0].value(at: row) : .tuple(chunk.row(row))
        }
        return .constant(.tuple(values), .tuple(planned.header.map(\.type), names: []))
    }
}

extension Literal {
    /// ClickHouse's type for a literal: the smallest integer type that holds it, Float64, String, Bool.
    var type: DataType {
        switch self {
        case .null: .nullable(.nothing)
        case .unsignedInteger(let v):
            v <= UInt64(UInt8.max)
                ? .uint8 : v <= UInt64(UInt16.max) ? .uint16 : v <= UInt64(UInt32.max) ? .uint32 : .uint64
        case .integer(let v):
            v >= 0
                ? Literal.unsignedInteger(UInt64(v)).type
                : v >= Int64(Int8.min)
                    ? .int8 : v >= Int64(Int16.min) ? .int16 : v >= Int64(Int32.min) ? .int32 : .int64
        case .float: .float64
        case .string: .string
        case .bool: .bool
        }
    }
}

extension DataType {
    var makeNullableIfPossible: DataType {
        switch self {
        case .nullable, .array, .tuple, .map, .nothing: self
        default: .nullable(self)
        }
    }
}

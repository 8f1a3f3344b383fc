import SHColumns
import SHCore

/// An expression whose names are resolved and whose type is known, ready to evaluate on chunks.
public indirect enum BoundExpression: Sendable {
    /// Column `index` of the input chunk.
    case column(Int, DataType)
    /// A constant (a literal, or the result of a scalar subquery).
    case constant(Value, DataType)
    /// A constant held as row 0 of a column (large scalar-subquery results stay columnar).
    case constantColumn(Column)
    /// A scalar function applied to arguments.
    case function(name: String, ScalarOverload, [BoundExpression])

    public var type: DataType {
        switch self {
        case .column(_, let type), .constant(_, let type): type
        case .constantColumn(let column): column.type
        case .function(_, let overload, _): overload.returnType
        }
    }

    /// The constant value, when the expression is one.
    public var constantValue: Value? {
        if case .constant(let value, _) = self { return value }
        return nil
    }

    /// Evaluates the expression for every row of `chunk`.
    public func evaluate(_ chunk: Chunk) throws -> Column {
        switch self {
        case .column(let index, _):
            return chunk.columns[index]
        case .constant(let value, let type):
            var column = Column(type: type)
            column.reserveCapacity(chunk.rowCount)
            for _ in 0..<chunk.rowCount { column.append(value) }
            return column
        case .constantColumn(let column):
            return chunk.rowCount == 1 ? column : column.repeated(row: 0, count: chunk.rowCount)
        case .function(_, let overload, let arguments):
            let columns = try arguments.map { try $0.evaluate(chunk) }
            return try overload.evaluate(columns, chunk.rowCount)
        }
    }

    /// Evaluates an expression that does not depend on any column (e.g. a `LIMIT` or a function argument).
    public func evaluateConstant() throws -> Value {
        let column = try evaluate(Chunk(columns: [], rowCount: 1))
        return column.value(at: 0)
    }
}

/// A resolved function: its result type and how to compute it over columns.
public struct ScalarOverload: Sendable {
    public let returnType: DataType
    public let evaluate: @Sendable ([Column], Int) throws -> Column

    public init(returnType: DataType, evaluate: @escaping @Sendable ([Column], Int) throws -> Column) {
        self.returnType = returnType
        self.evaluate = evaluate
    }

    /// An overload computed row by row on values. With `nullPropagating`, a NULL argument gives NULL
    /// without calling `body`.
    public static func rowwise(
        _ returnType: DataType, nullPropagating: Bool = true,
        _ body: @escaping @Sendable ([Value]) throws -> Value
    ) -> ScalarOverload {
        ScalarOverload(returnType: returnType) { columns, rows in
            var result = Column(type: returnType)
            result.reserveCapacity(rows)
            var arguments = [Value](repeating: .null, count: columns.count)
            for row in 0..<rows {
                var hasNull = false
                for index in columns.indices {
                    arguments[index] = columns[index].value(at: row)
                    if arguments[index].isNull { hasNull = true }
                }
                result.append(nullPropagating && hasNull ? .null : try body(arguments))
            }
            return result
        }
    }
}

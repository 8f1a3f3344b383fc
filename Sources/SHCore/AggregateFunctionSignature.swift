/// What the type `AggregateFunction([version, ]name[(parameters)], argumentTypes...)` names: an aggregate
/// function, its parameters and the types of its arguments. SHCore keeps only this signature; SHExecution's
/// `StoredAggregateRegistry` binds it to the function whose states a column of the type holds.
public struct AggregateFunctionSignature: Hashable, Sendable {
    /// The function's name (canonical once bound: `sum`, not `Sum`).
    public var name: String
    /// The parametric function's parameters (`0.5, 0.9` of `quantiles(0.5, 0.9)`), as literal values.
    public var parameters: [Value]
    public var argumentTypes: [DataType]
    /// The state serialization version written before the name (`AggregateFunction(1, sum, UInt8)`); nil when
    /// the type does not name one.
    public var version: Int?

    public init(name: String, parameters: [Value] = [], argumentTypes: [DataType], version: Int? = nil) {
        self.name = name
        self.parameters = parameters
        self.argumentTypes = argumentTypes
        self.version = version
    }

    /// `name` or `name(p1, p2)`, as ClickHouse prints a function with its parameters.
    public var functionText: String {
        parameters.isEmpty
            ? name : "\(name)(\(parameters.map(AggregateFunctionSignature.parameterText).joined(separator: ", ")))"
    }

    /// A parameter as ClickHouse prints a literal `Field` (`0.5`, `10`, `'x'`).
    public static func parameterText(_ value: Value) -> String {
        switch value {
        case .int(let number): String(number)
        case .uint(let number): String(number)
        case .int128(let number): String(number)
        case .wide(let number): number.description
        case .float(let number): floatText(number)
        case .string(let bytes): DataType.quoted(String(decoding: bytes, as: UTF8.self))
        case .null: "NULL"
        case .array(let items): "[" + items.map(parameterText).joined(separator: ", ") + "]"
        case .tuple(let items): "(" + items.map(parameterText).joined(separator: ", ") + ")"
        case .uuid: "UUID"
        }
    }

    /// A Float64 parameter's text: the shortest that reads back, without a trailing `.0` (`0.5`, `1`, `1e-05`).
    static func floatText(_ number: Double) -> String {
        guard number.isFinite else { return number.isNaN ? "nan" : number < 0 ? "-inf" : "inf" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return number.description
    }
}

extension DataType {
    /// The signature of an `AggregateFunction(...)` type (nil for other types).
    public var aggregateFunction: AggregateFunctionSignature? {
        if case .aggregateFunction(let signature) = self { signature } else { nil }
    }

    /// The type a `SimpleAggregateFunction(f, T)` stores and reads as (`T`); the type itself for other types.
    public var withoutSimpleAggregateFunction: DataType {
        if case .simpleAggregateFunction(_, let inner) = self { inner } else { self }
    }

    /// Whether the type is `AggregateFunction(...)` or `SimpleAggregateFunction(...)`.
    public var isAggregateFunction: Bool {
        switch self {
        case .aggregateFunction, .simpleAggregateFunction: true
        default: false
        }
    }
}

extension DataType {
    /// The functions ClickHouse allows in `SimpleAggregateFunction(f, T)`, in its order
    /// (`DataTypeCustomSimpleAggregateFunction`'s list).
    public static let simpleAggregateFunctionNames = [
        "any", "any_respect_nulls", "anyLast", "anyLast_respect_nulls", "min", "max", "sum", "sumWithOverflow",
        "groupBitAnd", "groupBitOr", "groupBitXor", "sumMap", "minMap", "maxMap", "groupArrayArray",
        "groupArrayLastArray", "groupUniqArrayArray", "groupUniqArrayArrayMap",
    ]
}

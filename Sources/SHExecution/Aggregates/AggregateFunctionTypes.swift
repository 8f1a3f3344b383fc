import SHCodecs
import SHColumns
import SHCore

extension StoredAggregateRegistry {
    /// Binds the function an `AggregateFunction(...)` type names (its argument types without LowCardinality, as
    /// ClickHouse binds aggregate functions).
    public static func bind(_ signature: AggregateFunctionSignature) throws -> StoredAggregateFunction {
        guard !valueOnlyAggregates.contains(canonicalName(signature.name)) else {
            throw DatabaseError(
                .notImplemented,
                "States of \(canonicalName(signature.name)) are not supported yet (only its values, in SimpleAggregateFunction)"
            )
        }
        return try bind(
            signature.name, parameters: signature.parameters,
            argumentTypes: signature.argumentTypes.map(\.withoutLowCardinality))
    }

    /// Functions whose values SwiftHouse computes as ClickHouse does but whose serialized states it does not write
    /// byte for byte: ClickHouse keeps a Map argument's keys in a hash map, whose order a state shows.
    static let valueOnlyAggregates: Set<String> = ["sumMap", "minMap", "maxMap"]

    /// Binds the function of a `SimpleAggregateFunction(name, storage)` type, refused as ClickHouse refuses it: an
    /// unknown function (UNKNOWN_AGGREGATE_FUNCTION), one ClickHouse does not allow there or whose result type is
    /// not the storage type (BAD_ARGUMENTS).
    public static func bindSimple(_ name: String, storage: DataType) throws -> StoredAggregateFunction {
        let canonical = canonicalName(name)
        guard isStored(canonical) || !DataType.simpleAggregateFunctionNames.contains(canonical) else {
            throw DatabaseError(.notImplemented, "SimpleAggregateFunction(\(canonical), ...) is not supported yet")
        }
        guard isStored(canonical) else {
            throw DatabaseError(.unknownAggregateFunction, "Unknown aggregate function \(name)")
        }
        guard DataType.simpleAggregateFunctionNames.contains(canonical) else {
            throw DatabaseError(
                .badArguments,
                "Unsupported aggregate function \(canonical), supported functions are "
                    + DataType.simpleAggregateFunctionNames.joined(separator: ","))
        }
        let function = try bind(canonical, parameters: [], argumentTypes: [storage.withoutLowCardinality])
        guard function.returnType == storage.withoutLowCardinality else {
            throw DatabaseError(
                .badArguments,
                "Incompatible data types between aggregate function '\(canonical)' which returns \(function.returnType) and column storage type \(storage)"
            )
        }
        return function
    }

    /// `type` with every `AggregateFunction` and `SimpleAggregateFunction` in it bound (so refused as ClickHouse
    /// refuses them) and named canonically (`AggregateFunction(Sum, UInt8)` is `AggregateFunction(sum, UInt8)`).
    public static func checkedType(_ type: DataType) throws -> DataType {
        switch type {
        case .aggregateFunction(var signature):
            signature.argumentTypes = try signature.argumentTypes.map(checkedType)
            signature.name = try bind(signature).name
            return .aggregateFunction(signature)
        case .simpleAggregateFunction(let name, let storage):
            let storage = try checkedType(storage)
            return .simpleAggregateFunction(try bindSimple(name, storage: storage).name, storage)
        case .nullable(let inner): return .nullable(try checkedType(inner))
        case .array(let inner): return .array(try checkedType(inner))
        case .lowCardinality(let inner): return .lowCardinality(try checkedType(inner))
        case .map(let key, let value): return .map(try checkedType(key), try checkedType(value))
        case .tuple(let items, let names): return .tuple(try items.map(checkedType), names: names)
        default: return type
        }
    }

    /// The serialization of a fresh state of `signature`'s function: what an `AggregateFunction` column holds by
    /// default (ClickHouse inserts a created, empty state).
    public static func emptyState(_ signature: AggregateFunctionSignature) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try bind(signature).makeState().serialize(into: &bytes)
        return bytes
    }

    /// The value a column of `type` holds by default: for an `AggregateFunction`, its fresh state's bytes (as
    /// ClickHouse inserts a created state), else `type.defaultValue`.
    public static func defaultValue(of type: DataType) throws -> Value {
        guard case .aggregateFunction(let signature) = type else { return type.defaultValue }
        return .string(try emptyState(signature))
    }

    /// Reads one serialized state of `function` from `reader` (checked: bytes that are not a state throw), leaving
    /// the reader after it; used to find where each row's state ends in a part's column stream.
    public static func skipState(of function: StoredAggregateFunction, in reader: inout ByteReader) throws {
        var state = function.makeState()
        try state.deserialize(from: &reader)
    }

    /// The state of `function` in row `row` of an `AggregateFunction` column; a fresh state for a row without bytes
    /// (a default), and an error for bytes that are not one whole state.
    public static func state(in column: Column, row: Int, of function: StoredAggregateFunction) throws
        -> any StoredAggregateState
    {
        var state = function.makeState()
        let bytes = Array(column.data[column.bounds(of: row)])
        guard !bytes.isEmpty else { return state }
        var reader = ByteReader(bytes)
        try state.deserialize(from: &reader)
        guard reader.isAtEnd else {
            throw DatabaseError(
                .cannotParseInputAssertionFailed,
                "Cannot read aggregate function state: \(reader.remaining) bytes are left after the state of \(function.name)"
            )
        }
        return state
    }
}

import SHCodecs
import SHColumns
import SHCore

extension StoredAggregateRegistry {
    /// The functions whose states are a value or two (`argMax`, `min`, `sum`, `any`, ...), and those over arrays
    /// and maps (`collectionStoredAggregates`).
    static let basicStoredAggregates: [String: StoredAggregateResolver] = valueStoredAggregates.merging(
        collectionStoredAggregates, uniquingKeysWith: { first, _ in first })

    /// The functions whose states are a value or two.
    static let valueStoredAggregates: [String: StoredAggregateResolver] = [
        "min": extremeResolver("min", .min),
        "max": extremeResolver("max", .max),
        "any": extremeResolver("any", .any),
        "anyLast": extremeResolver("anyLast", .anyLast),
        "argMin": argExtremeResolver("argMin", less: true),
        "argMax": argExtremeResolver("argMax", less: false),
        "sum": { _, types in
            try withNullableArguments(types) { types in
                let type = try StoredSumState.sumType("sum", types)
                return StoredAggregateFunction(name: "sum", parameters: [], argumentTypes: types, returnType: type) {
                    StoredSumState(type: type)
                }
            }
        },
        "avg": { _, types in
            try withNullableArguments(types) { types in
                let sum = try StoredSumState.sumType("avg", types)
                let scale: Int = if case .decimal(_, let scale) = types[0].withoutLowCardinality { scale } else { 0 }
                return StoredAggregateFunction(name: "avg", parameters: [], argumentTypes: types, returnType: .float64)
                {
                    StoredAvgState(sum: StoredSumState(type: sum), scale: scale)
                }
            }
        },
        "count": { _, types in
            StoredAggregateFunction(name: "count", parameters: [], argumentTypes: types, returnType: .uint64) {
                StoredCountState()
            }
        },
    ]

    /// The names ClickHouse matches in any case (`SUM`, `Min`), lower-cased: a type names them canonically.
    static let caseInsensitiveStoredAggregates: Set<String> = ["min", "max", "any", "sum", "avg", "count"]

    private static func extremeResolver(_ name: String, _ kind: StoredExtremeState.Kind) -> StoredAggregateResolver {
        { _, types in
            try expectArguments(name, types, 1)
            return try withNullableArguments(types) { types in
                StoredAggregateFunction(name: name, parameters: [], argumentTypes: types, returnType: types[0]) {
                    StoredExtremeState(kind: kind, value: SingleValue(type: types[0]))
                }
            }
        }
    }

    private static func argExtremeResolver(_ name: String, less: Bool) -> StoredAggregateResolver {
        { _, types in
            try expectArguments(name, types, 2)
            return try withNullableArguments(types) { types in
                StoredAggregateFunction(name: name, parameters: [], argumentTypes: types, returnType: types[0]) {
                    StoredArgExtremeState(
                        less: less, chosen: SingleValue(type: types[0]), key: SingleValue(type: types[1]))
                }
            }
        }
    }

    /// NUMBER_OF_ARGUMENTS_DOESNT_MATCH unless there are `count` argument types, worded as ClickHouse words it.
    static func expectArguments(_ name: String, _ types: [DataType], _ count: Int) throws {
        guard types.count == count else {
            let wanted = count == 1 ? "single argument" : count == 2 ? "two arguments" : "\(count) arguments"
            throw DatabaseError(.numberOfArgumentsDoesntMatch, "Aggregate function \(name) requires \(wanted)")
        }
    }

    /// ClickHouse's `-Null` combinator, which it applies to a function any of whose arguments is Nullable: the
    /// function is bound to the arguments without Nullable, rows with a NULL argument are skipped, and the state
    /// starts with a byte saying whether any row was added. The result is Nullable (NULL when no row was added)
    /// when the nested result can be.
    static func withNullableArguments(
        _ types: [DataType], bind: ([DataType]) throws -> StoredAggregateFunction
    ) throws -> StoredAggregateFunction {
        guard types.contains(where: \.isNullable) else { return try bind(types) }
        let inner = try bind(types.map { $0.withoutLowCardinality.removingNullable })
        let returnType: DataType =
            switch inner.returnType {
            case .array, .map, .tuple, .nullable, .lowCardinality, .aggregateFunction: inner.returnType
            default: .nullable(inner.returnType)
            }
        let nullable = types.map(\.isNullable)
        return StoredAggregateFunction(
            name: inner.name, parameters: inner.parameters, argumentTypes: types, returnType: returnType
        ) {
            NullableArgumentsState(nullable: nullable, nested: inner.makeState())
        }
    }
}

/// `min`, `max`, `any`, `anyLast`: one `SingleValue`.
struct StoredExtremeState: StoredAggregateState {
    enum Kind: Sendable { case min, max, any, anyLast }
    let kind: Kind
    var value: SingleValue

    mutating func add(_ arguments: [Column], row: Int) { offer(arguments[0].value(at: row)) }

    private mutating func offer(_ candidate: Value) {
        switch kind {
        case .min: if value.isBetter(candidate, less: true) { value.value = candidate }
        case .max: if value.isBetter(candidate, less: false) { value.value = candidate }
        case .any: if value.value == nil { value.value = candidate }
        case .anyLast: value.value = candidate
        }
    }

    mutating func merge(_ other: StoredExtremeState) {
        if let candidate = other.value.value { offer(candidate) }
    }

    func serialize(into bytes: inout [UInt8]) { value.serialize(into: &bytes) }
    mutating func deserialize(from reader: inout ByteReader) throws { try value.deserialize(from: &reader) }
    func result() -> Value { value.value ?? value.type.defaultValue }
}

/// `argMin(result, key)` / `argMax(result, key)`: the result of the row with the least / greatest key (the first
/// such row on ties); written as the result's `SingleValue`, then the key's.
struct StoredArgExtremeState: StoredAggregateState {
    let less: Bool
    var chosen: SingleValue
    var key: SingleValue

    mutating func add(_ arguments: [Column], row: Int) {
        let candidate = arguments[1].value(at: row)
        guard key.isBetter(candidate, less: less) else { return }
        key.value = candidate
        chosen.value = arguments[0].value(at: row)
    }

    mutating func merge(_ other: StoredArgExtremeState) {
        guard let candidate = other.key.value, key.isBetter(candidate, less: less) else { return }
        key.value = candidate
        chosen.value = other.chosen.value
    }

    func serialize(into bytes: inout [UInt8]) {
        chosen.serialize(into: &bytes)
        key.serialize(into: &bytes)
    }

    mutating func deserialize(from reader: inout ByteReader) throws {
        try chosen.deserialize(from: &reader)
        try key.deserialize(from: &reader)
    }

    func result() -> Value { chosen.value ?? chosen.type.defaultValue }
}

/// `sum`: the running sum in the sum's type (Int64, UInt64, Float64, a 128- or 256-bit integer or a Decimal),
/// written as that type's bytes.
struct StoredSumState: StoredAggregateState {
    let type: DataType
    var sum: Value

    init(type: DataType) {
        self.type = type
        sum = type.defaultValue
    }

    /// The type `sum` of `types` (one number or Decimal) returns; ILLEGAL_TYPE_OF_ARGUMENT for other types.
    static func sumType(_ name: String, _ types: [DataType]) throws -> DataType {
        try StoredAggregateRegistry.expectArguments(name, types, 1)
        let base = types[0].withoutLowCardinality.removingNullable
        guard base.isNumber || base.isDecimal else {
            throw DatabaseError(
                .illegalTypeOfArgument, "Illegal type \(types[0]) of argument for aggregate function \(name)")
        }
        return sumResultType(of: base)
    }

    /// ClickHouse's sum type of a number or Decimal: Float64 for floats; Int64 or UInt64 for integers up to 64
    /// bits, 128- and 256-bit integers keep their type; Decimal(38, S) up to Decimal128 and Decimal(76, S) above.
    static func sumResultType(of base: DataType) -> DataType {
        if case .decimal(let precision, let scale) = base {
            return .decimal(precision: DataType.decimalWidth(precision) == 32 ? 76 : 38, scale: scale)
        }
        if (base.fixedWidth ?? 0) >= 16 { return base }
        return base.isFloat ? .float64 : base.isSignedInteger ? .int64 : .uint64
    }

    mutating func add(_ arguments: [Column], row: Int) { accumulate(arguments[0].value(at: row)) }

    mutating func accumulate(_ value: Value) {
        switch (sum, value) {
        case (.float(let total), _): sum = .float(total + (value.double ?? 0))
        case (.int128(let total), _):
            let add =
                value.int128 ?? Int128(truncatingIfNeeded: Int64(bitPattern: value.wideInteger?.truncatedBits ?? 0))
            sum = .int128(total &+ add)
        case (.wide(let total), _):
            let width = type.fixedWidth ?? 32
            sum = .wide((total + (value.wideInteger ?? .zero)).wrapped(toBytes: width, signed: !type.isUnsignedInteger))
        case (.int(let total), _): sum = .int(total &+ (value.int64 ?? 0))
        case (.uint(let total), .uint(let add)): sum = .uint(total &+ add)
        case (.uint(let total), _): sum = .uint(total &+ UInt64(bitPattern: value.int64 ?? 0))
        default: break
        }
    }

    mutating func merge(_ other: StoredSumState) { accumulate(other.sum) }
    func serialize(into bytes: inout [UInt8]) { StateValueCodec.write(sum, type: type, into: &bytes) }
    mutating func deserialize(from reader: inout ByteReader) throws {
        sum = try StateValueCodec.read(type: type, from: &reader)
    }
    func result() -> Value { sum }
}

/// `avg`: the sum (as `sum` keeps it) then the row count as a VarUInt; the result is their Float64 quotient.
struct StoredAvgState: StoredAggregateState {
    var sum: StoredSumState
    /// The Decimal argument's scale (its sum is in units of 10^-scale).
    let scale: Int
    var count: UInt64 = 0

    mutating func add(_ arguments: [Column], row: Int) {
        sum.add(arguments, row: row)
        count &+= 1
    }

    mutating func merge(_ other: StoredAvgState) {
        sum.merge(other.sum)
        count &+= other.count
    }

    func serialize(into bytes: inout [UInt8]) {
        sum.serialize(into: &bytes)
        VarUInt.write(count, to: &bytes)
    }

    mutating func deserialize(from reader: inout ByteReader) throws {
        try sum.deserialize(from: &reader)
        count = try reader.readVarUInt()
    }

    func result() -> Value {
        let total = sum.sum.double ?? 0
        return .float(total / WideInteger.powerOfTen(scale).double / Double(count))
    }
}

/// `count`: the number of rows (without a NULL first argument), as a VarUInt.
struct StoredCountState: StoredAggregateState {
    var count: UInt64 = 0

    mutating func add(_ arguments: [Column], row: Int) {
        if let first = arguments.first, first.type.isNullable, first.value(at: row).isNull { return }
        count &+= 1
    }

    mutating func merge(_ other: StoredCountState) { count &+= other.count }
    func serialize(into bytes: inout [UInt8]) { VarUInt.write(count, to: &bytes) }
    mutating func deserialize(from reader: inout ByteReader) throws { count = try reader.readVarUInt() }
    func result() -> Value { .uint(count) }
}

/// The `-Null` combinator's state (see `withNullableArguments`): whether a row without NULL arguments was added,
/// then, when one was, the nested state.
struct NullableArgumentsState: StoredAggregateState {
    /// Which arguments are Nullable (their NULL rows are skipped, their values handed on without Nullable).
    let nullable: [Bool]
    var nested: any StoredAggregateState
    var hasValue = false

    mutating func add(_ arguments: [Column], row: Int) {
        var values: [Column] = []
        values.reserveCapacity(arguments.count)
        for (index, column) in arguments.enumerated() {
            guard index < nullable.count, nullable[index] else {
                values.append(column)
                continue
            }
            guard column.children.count == 1, column.nulls.count > row, column.nulls[row] == 0 else { return }
            values.append(column.children[0])
        }
        hasValue = true
        nested.add(values, row: row)
    }

    mutating func merge(_ other: NullableArgumentsState) {
        guard other.hasValue else { return }
        hasValue = true
        nested.merge(any: other.nested)
    }

    func serialize(into bytes: inout [UInt8]) {
        bytes.append(hasValue ? 1 : 0)
        if hasValue { nested.serialize(into: &bytes) }
    }

    mutating func deserialize(from reader: inout ByteReader) throws {
        hasValue = try reader.read(UInt8.self) != 0
        if hasValue { try nested.deserialize(from: &reader) }
    }

    func result() -> Value { hasValue ? nested.result() : .null }
}

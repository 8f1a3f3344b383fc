/// A ClickHouse column type.
///
/// `LowCardinality(T)` is kept in the type (it changes the on-disk format) but its values are held
/// in memory exactly like `T`.
public indirect enum DataType: Hashable, Sendable {
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    /// The wide integers: `Int128` values are `Value.int128`; `UInt128`, `Int256` and `UInt256` values are `Value.wide`.
    case int128, uint128, int256, uint256
    case float32, float64
    case bool
    case string
    case fixedString(Int)
    case date
    /// `Date32`: Int32 days since 1970-01-01 (ClickHouse 26.9 converts into 0000-01-01 … 9999-12-31).
    case date32
    /// `DateTime[('zone')]`: UInt32 seconds since 1970 (UTC). With a zone its text is the zone's wall-clock time
    /// and its calendar functions (toDate, toYYYYMM…) use the zone's dates; without one, the session's (UTC).
    case dateTime(timeZone: String?)
    /// `DateTime64(P[, 'zone'])`: Int64 ticks of 10^-P seconds since 1970 (P is 0…9); its text is the zone's
    /// wall-clock time (UTC without a zone).
    case dateTime64(Int, timeZone: String?)
    case uuid
    /// `IPv4`: a UInt32 (`1.2.3.4` is 0x01020304).
    case ipv4
    /// `IPv6`: 16 bytes in network order, held as a 16-byte string value; they sort byte-wise.
    case ipv6
    /// `Decimal(P, S)`: an integer of 10^-S units, held in 4, 8 or 16 bytes for P up to 9, 18 or 38.
    case decimal(precision: Int, scale: Int)
    /// `Enum8('a' = 1, …)` / `Enum16(…)`: Int8 / Int16 codes with names; elements sorted by value.
    case enum8([EnumElement])
    case enum16([EnumElement])
    case nullable(DataType)
    case array(DataType)
    /// Element names are empty for an unnamed tuple.
    case tuple([DataType], names: [String])
    case lowCardinality(DataType)
    /// `Map(K, V)`: held and stored exactly as `Array(Tuple(keys K, values V))` (see `mapEntries`).
    case map(DataType, DataType)
    /// The type of a bare `NULL` literal.
    case nothing
    /// `AggregateFunction(f(parameters), T...)`: each row is a state of `f`, held as its serialized bytes (as a
    /// `String` is held), stored one state after another in parts.
    case aggregateFunction(AggregateFunctionSignature)
    /// `SimpleAggregateFunction(f, T)`: values of `T` (held, stored and read as `T`: ClickHouse's custom name on
    /// `T`), which AggregatingMergeTree combines with `f` when it merges rows.
    case simpleAggregateFunction(String, DataType)

    /// `DateTime` without a time zone (the session's, UTC). As a pattern, `case .dateTime:` matches every zone;
    /// `== .dateTime` holds only for the zone-less type.
    public static var dateTime: DataType { .dateTime(timeZone: nil) }

    /// The time zone of a `DateTime('zone')` or `DateTime64(P, 'zone')` (nil for other types and no zone).
    public var timeZone: String? {
        switch self {
        case .dateTime(let zone), .dateTime64(_, let zone): zone
        default: nil
        }
    }

    /// Whether the type is a `DateTime64`, of any precision and zone.
    public var isDateTime64: Bool {
        if case .dateTime64 = self { true } else { false }
    }

    /// Whether the type is a `DateTime`, with or without a zone.
    public var isDateTime: Bool {
        if case .dateTime = self { true } else { false }
    }

    /// The in-memory width of one value for fixed-width types, `nil` for the others.
    public var fixedWidth: Int? {
        switch self {
        case .int8, .uint8, .bool, .enum8: 1
        case .int16, .uint16, .date, .enum16: 2
        case .int32, .uint32, .float32, .dateTime, .date32, .ipv4: 4
        case .int64, .uint64, .float64, .dateTime64: 8
        case .uuid, .ipv6, .int128, .uint128: 16
        case .int256, .uint256: 32
        case .fixedString(let n): n
        case .decimal(let precision, _): DataType.decimalWidth(precision)
        case .nothing: 1
        case .lowCardinality(let inner), .simpleAggregateFunction(_, let inner): inner.fixedWidth
        default: nil
        }
    }

    /// The type without `LowCardinality` wrappers, at every level, and without `SimpleAggregateFunction` custom
    /// names (a `SimpleAggregateFunction(f, T)` value is a value of `T`): the type its values are handled as.
    public var withoutLowCardinality: DataType {
        switch self {
        case .lowCardinality(let inner): inner.withoutLowCardinality
        case .nullable(let inner): .nullable(inner.withoutLowCardinality)
        case .array(let inner): .array(inner.withoutLowCardinality)
        case .tuple(let items, let names): .tuple(items.map(\.withoutLowCardinality), names: names)
        case .map(let key, let value): .map(key.withoutLowCardinality, value.withoutLowCardinality)
        case .simpleAggregateFunction(_, let inner): inner.withoutLowCardinality
        default: self
        }
    }

    /// The type without an outer `Nullable` (and `LowCardinality`) wrapper.
    public var removingNullable: DataType {
        switch self {
        case .nullable(let inner): inner
        case .lowCardinality(let inner), .simpleAggregateFunction(_, let inner): inner.removingNullable
        default: self
        }
    }

    public var isNullable: Bool {
        switch self {
        case .nullable, .nothing: true
        case .lowCardinality(let inner), .simpleAggregateFunction(_, let inner): inner.isNullable
        default: false
        }
    }

    public var isSignedInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .int128, .int256: true
        default: false
        }
    }

    public var isUnsignedInteger: Bool {
        switch self {
        case .uint8, .uint16, .uint32, .uint64, .uint128, .uint256, .bool: true
        default: false
        }
    }

    public var isInteger: Bool { isSignedInteger || isUnsignedInteger }
    public var isDecimal: Bool {
        if case .decimal = self { true } else { false }
    }

    /// The `Array(Tuple(keys K, values V))` a `Map(K, V)` is held and stored as (`nil` for other types).
    public var mapEntries: DataType? {
        guard case .map(let key, let value) = self else { return nil }
        return .array(.tuple([key, value], names: ["keys", "values"]))
    }

    /// Whether a Map appears anywhere in the type.
    public var containsMap: Bool {
        switch self {
        case .map: true
        case .nullable(let inner), .array(let inner), .lowCardinality(let inner),
            .simpleAggregateFunction(_, let inner):
            inner.containsMap
        case .tuple(let items, _): items.contains { $0.containsMap }
        default: false
        }
    }

    /// Whether a 128- or 256-bit integer appears anywhere in the type (`Array(Nullable(UInt256))`).
    public var containsWideInteger: Bool {
        switch self {
        case .int128, .uint128, .int256, .uint256: true
        case .nullable(let inner), .array(let inner), .lowCardinality(let inner),
            .simpleAggregateFunction(_, let inner):
            inner.containsWideInteger
        case .tuple(let items, _): items.contains { $0.containsWideInteger }
        case .map(let key, let value): key.containsWideInteger || value.containsWideInteger
        default: false
        }
    }

    /// Whether a Decimal appears anywhere in the type (`Array(Nullable(Decimal(9, 2)))`).
    public var containsDecimal: Bool {
        switch self {
        case .decimal: true
        case .nullable(let inner), .array(let inner), .lowCardinality(let inner),
            .simpleAggregateFunction(_, let inner):
            inner.containsDecimal
        case .tuple(let items, _): items.contains { $0.containsDecimal }
        case .map(let key, let value): key.containsDecimal || value.containsDecimal
        default: false
        }
    }
    public var isFloat: Bool { self == .float32 || self == .float64 }
    public var isNumber: Bool { isInteger || isFloat }

    public var isTuple: Bool {
        if case .tuple = self { return true }
        return false
    }

    public var isArray: Bool {
        if case .array = self { return true }
        return false
    }

    /// `String` or `FixedString(N)`.
    public var isString: Bool {
        switch self {
        case .string, .fixedString: true
        default: false
        }
    }
}

extension DataType {
    /// Types whose values are held as `Value.int` but are not numbers in SQL (dates, times…): they print as
    /// text and sort as signed integers.
    public var isSignedStorage: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .dateTime64, .date32, .enum8, .enum16: true
        case .decimal(let precision, _): DataType.decimalWidth(precision) <= 8
        default: false
        }
    }

    /// The bytes a `Decimal(precision, …)` takes: 4, 8, 16 or 32.
    public static func decimalWidth(_ precision: Int) -> Int {
        precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32
    }

    /// The `Value` a `Decimal` column holds for an unscaled integer (`.int` up to 8 bytes, `.int128` for 16,
    /// `.wide` for 32), or `nil` when it does not fit the type's storage.
    public func decimalValue(_ unscaled: Int128) -> Value? {
        guard case .decimal(let precision, _) = self else { return nil }
        switch DataType.decimalWidth(precision) {
        case 4: return Int32(exactly: unscaled).map { .int(Int64($0)) }
        case 8: return Int64(exactly: unscaled).map { .int($0) }
        case 16: return .int128(unscaled)
        default: return .wide(WideInteger(unscaled))
        }
    }

    /// As `decimalValue(_:)` for an unscaled integer of any width.
    public func decimalValue(_ unscaled: WideInteger) -> Value? {
        guard case .decimal(let precision, _) = self else { return nil }
        if DataType.decimalWidth(precision) == 32 {
            return unscaled.fits(bytes: 32, signed: true) ? .wide(unscaled) : nil
        }
        return unscaled.int128.flatMap(decimalValue)
    }

    /// The `Value` of an integer of a wide type (`Int128` → `.int128`, the others → `.wide`), or of any
    /// narrower integer type; `nil` when it does not fit the type.
    public func wideIntegerValue(_ integer: WideInteger) -> Value? {
        let type = removingNullable.withoutLowCardinality
        guard type.isInteger, let width = type.fixedWidth, integer.fits(bytes: width, signed: type.isSignedInteger)
        else { return nil }
        if width == 32 || type == .uint128 { return .wide(integer) }
        if width == 16 { return integer.int128.map(Value.int128) }
        return type.isSignedInteger ? integer.int64.map(Value.int) : integer.uint64.map(Value.uint)
    }

    /// Whether values of the type are `Value.wide` (UInt128, Int256, UInt256, Decimal256).
    public var holdsWideValues: Bool {
        switch removingNullable.withoutLowCardinality {
        case .uint128, .int256, .uint256: true
        case .decimal(let precision, _): DataType.decimalWidth(precision) == 32
        default: false
        }
    }

    /// `10^exponent` (exponent 0…38: the scales of decimals up to 16 bytes; `WideInteger.powerOfTen` for
    /// Decimal256's), saturated to Int128's maximum beyond 38.
    public static func powerOfTen(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<min(exponent, 38) { result *= 10 }
        return exponent > 38 ? Int128.max : result
    }

    /// `10^precision`, the ticks per second of a `DateTime64(precision)`.
    public static func ticksPerSecond(_ precision: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<precision { result *= 10 }
        return result
    }

    /// A string literal as ClickHouse quotes it in type names (`'a\'b'`).
    public static func quoted(_ text: String) -> String {
        var out = "'"
        for character in text {
            if character == "\\" || character == "'" { out.append("\\") }
            out.append(character)
        }
        return out + "'"
    }
}

extension DataType: CustomStringConvertible {
    /// The canonical name ClickHouse prints (`Int32`, `Array(Nullable(String))`, `Tuple(a Int32, b String)`).
    public var description: String {
        switch self {
        case .int8: "Int8"
        case .int16: "Int16"
        case .int32: "Int32"
        case .int64: "Int64"
        case .uint8: "UInt8"
        case .uint16: "UInt16"
        case .uint32: "UInt32"
        case .uint64: "UInt64"
        case .int128: "Int128"
        case .uint128: "UInt128"
        case .int256: "Int256"
        case .uint256: "UInt256"
        case .float32: "Float32"
        case .float64: "Float64"
        case .bool: "Bool"
        case .string: "String"
        case .fixedString(let n): "FixedString(\(n))"
        case .date: "Date"
        case .date32: "Date32"
        case .dateTime(let zone): zone.map { "DateTime(\(DataType.quoted($0)))" } ?? "DateTime"
        case .dateTime64(let precision, let zone):
            "DateTime64(\(precision)\(zone.map { ", " + DataType.quoted($0) } ?? ""))"
        case .uuid: "UUID"
        case .ipv4: "IPv4"
        case .ipv6: "IPv6"
        case .decimal(let precision, let scale): "Decimal(\(precision), \(scale))"
        case .enum8(let elements): "Enum8(\(elements.map(\.description).joined(separator: ", ")))"
        case .enum16(let elements): "Enum16(\(elements.map(\.description).joined(separator: ", ")))"
        case .nullable(let inner): "Nullable(\(inner))"
        case .array(let inner): "Array(\(inner))"
        case .lowCardinality(let inner): "LowCardinality(\(inner))"
        case .map(let key, let value): "Map(\(key), \(value))"
        case .nothing: "Nothing"
        case .aggregateFunction(let signature):
            "AggregateFunction("
                + ((signature.version.map { ["\($0)"] } ?? []) + [signature.functionText]
                + signature.argumentTypes.map(\.description)).joined(separator: ", ") + ")"
        case .simpleAggregateFunction(let name, let inner): "SimpleAggregateFunction(\(name), \(inner))"
        case .tuple(let items, let names):
            "Tuple("
                + zip(items.indices, items).map { index, item in
                    names.indices.contains(index) && !names[index].isEmpty ? "\(names[index]) \(item)" : "\(item)"
                }.joined(separator: ", ") + ")"
        }
    }
}

import SHCore

/// ClickHouse's result-type rules for numbers.
enum NumericTypes {
    static func size(_ type: DataType) -> Int { type.removingNullable.withoutLowCardinality.fixedWidth ?? 8 }

    /// The integer type of `bytes` bytes: 16 and 32 are the wide integers, other widths over 8 are 8 bytes.
    static func integer(bytes: Int, signed: Bool) -> DataType {
        if bytes == 16 { return signed ? .int128 : .uint128 }
        if bytes == 32 { return signed ? .int256 : .uint256 }
        return switch (min(bytes, 8), signed) {
        case (1, true): .int8
        case (2, true): .int16
        case (4, true): .int32
        case (8, true): .int64
        case (1, false): .uint8
        case (2, false): .uint16
        case (4, false): .uint32
        default: signed ? .int64 : .uint64
        }
    }

    /// The type of `plus`/`minus`/`multiply`: the next wider integer up to 8 bytes, the wider of two wide
    /// integers, Float64 when a float is involved (`nil` for a float and a wide integer, as ClickHouse refuses them).
    static func arithmetic(_ a: DataType, _ b: DataType, subtract: Bool = false) -> DataType? {
        let x = a.removingNullable.withoutLowCardinality
        let y = b.removingNullable.withoutLowCardinality
        guard x.isNumber || x == .date || x.isDateTime, y.isNumber || y == .date || y.isDateTime else { return nil }
        let bytes = max(size(x), size(y))
        if x.isFloat || y.isFloat { return bytes >= 16 ? nil : .float64 }
        let signed = x.isSignedInteger || y.isSignedInteger || subtract
        return integer(bytes: bytes >= 16 ? bytes : min(bytes * 2, 8), signed: signed)
    }

    /// The smallest common type of two types (for `if`, arrays, comparisons of results): numbers widened, arrays
    /// and tuples element by element, Nullable when either is. Throws NO_COMMON_TYPE where ClickHouse has none
    /// (an array and a non-array, a string and a number).
    static func common(_ a: DataType, _ b: DataType) throws -> DataType {
        if a == b { return a }
        if a == .nothing { return b }
        if b == .nothing { return a }
        let x = a.removingNullable
        let y = b.removingNullable
        if x.isArray != y.isArray { throw noCommonType(a, b, "Array") }
        if (x.isString && y.isNumber) || (x.isNumber && y.isString) {
            throw noCommonType(a, b, "String/FixedString/Enum")
        }
        let base: DataType
        if x == .nothing {
            base = y
        } else if y == .nothing {
            base = x
        } else if x == y {
            base = x
        } else if case .array(let p) = x, case .array(let q) = y {
            base = .array(try common(p, q))
        } else if case .tuple(let p, let pNames) = x, case .tuple(let q, let qNames) = y, p.count == q.count {
            base = .tuple(try zip(p, q).map { try common($0, $1) }, names: pNames == qNames ? pNames : [])
        } else if let parameterized = commonParameterized(x, y) {
            base = parameterized
        } else if x.isNumber, y.isNumber {
            if x.isFloat || y.isFloat {
                base = .float64
            } else if x.isSignedInteger == y.isSignedInteger {
                base = integer(bytes: max(size(x), size(y)), signed: x.isSignedInteger)
            } else {
                let unsigned = x.isSignedInteger ? y : x
                let signed = x.isSignedInteger ? x : y
                base = integer(bytes: max(size(signed), size(unsigned) * 2), signed: true)
            }
        } else if x.isString, y.isString {
            base = .string
        } else {
            base = x
        }
        return (a.isNullable || b.isNullable) ? base.makeNullable : base
    }

    private static func noCommonType(_ a: DataType, _ b: DataType, _ kind: String) -> DatabaseError {
        DatabaseError(
            .noCommonType,
            "There is no supertype for types \(a), \(b) because some of them are \(kind) and some of them are not")
    }

    /// The common type when a Decimal or a DateTime64 is involved: the widest decimal storage with the largest
    /// scale (integers count as decimals of their width), the finest DateTime64 precision.
    static func commonParameterized(_ x: DataType, _ y: DataType) -> DataType? {
        switch (x, y) {
        case (.dateTime64(let p, let zone), .dateTime64(let q, _)): return .dateTime64(max(p, q), timeZone: zone)
        case (.dateTime64, .dateTime), (.dateTime64, .date): return x
        case (.dateTime, .dateTime64), (.date, .dateTime64): return y
        case (.date32, .date), (.dateTime, .date): return x
        case (.date, .date32), (.date, .dateTime): return y
        case (.decimal, _), (_, .decimal):
            func storage(_ type: DataType) -> (width: Int, scale: Int)? {
                if case .decimal(let precision, let scale) = type { return (DataType.decimalWidth(precision), scale) }
                guard type.isInteger else { return nil }
                return (min(16, max(4, size(type) * 2)), 0)
            }
            if x.isFloat || y.isFloat { return .float64 }
            guard let a = storage(x), let b = storage(y) else { return nil }
            let width = max(a.width, b.width)
            return .decimal(precision: width == 4 ? 9 : width == 8 ? 18 : 38, scale: max(a.scale, b.scale))
        default: return nil
        }
    }

    /// A value of `source` as a value of `target` when their representations differ (decimals of another
    /// scale, DateTime64 of another precision); other values are returned as they are.
    static func adapt(_ value: Value, from source: DataType, to target: DataType) throws -> Value {
        let (x, y) = (source.removingNullable.withoutLowCardinality, target.removingNullable.withoutLowCardinality)
        switch (value, x, y) {
        case (.array(let items), .array(let p), .array(let q)) where p != q:
            return .array(try items.map { try adapt($0, from: p, to: q) })
        case (.tuple(let items), .tuple(let p, _), .tuple(let q, _)) where p != q && p.count == items.count:
            return .tuple(try items.indices.map { try adapt(items[$0], from: p[$0], to: q[$0]) })
        default: break
        }
        guard !value.isNull, x != y, commonParameterized(x, y) != nil || x.isDecimal && y.isFloat else { return value }
        return try Conversion.convert(value, from: x, to: y)
    }

    /// The type of an integer literal: the smallest type that holds it.
    static func literalType(_ value: Int64) -> DataType {
        if value >= 0 { return literalType(UInt64(value)) }
        if value >= Int64(Int8.min) { return .int8 }
        if value >= Int64(Int16.min) { return .int16 }
        if value >= Int64(Int32.min) { return .int32 }
        return .int64
    }

    static func literalType(_ value: UInt64) -> DataType {
        if value <= UInt64(UInt8.max) { return .uint8 }
        if value <= UInt64(UInt16.max) { return .uint16 }
        if value <= UInt64(UInt32.max) { return .uint32 }
        return .uint64
    }
}

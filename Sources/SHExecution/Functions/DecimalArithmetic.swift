import SHCore

/// ClickHouse's `plus`, `minus`, `multiply`, `divide` and `modulo` where an operand is a Decimal (`DecimalBinaryOperation`).
///
/// Result types: with a float, Float64; Decimal with Decimal, the wider storage at its largest precision
/// (Decimal(12, 2) + Decimal(12, 2) is Decimal(18, 2)) with scale max(s1, s2) for `plus`/`minus`, s1 + s2 for
/// `multiply` and s1 for `divide` and `modulo` (which refuse s1 < s2); Decimal with an integer, the Decimal's own type. An
/// integer operand is first brought to the result's storage integer, wrapping as a C++ cast does
/// (`toDecimal32(5, 2) + toUInt64(18446744073709551615)` is 4). A result, or an operand scaled to the result's
/// scale, beyond the storage integer (not beyond the precision) is DECIMAL_OVERFLOW, as in ClickHouse.
enum DecimalArithmetic {
    enum Operation: Sendable {
        case plus, minus, multiply, divide
        /// ClickHouse's `modulo` of Decimals: the remainder of the unscaled integers, not rescaled to a common
        /// scale (`toDecimal32(7.25, 2) % 2` is 0.01, `toDecimal64(7.25, 4) % toDecimal32(2, 2)` is 0.01).
        case modulo
    }

    /// Whether the operation involves a Decimal operand.
    static func applies(_ a: DataType, _ b: DataType) -> Bool { a.decimalBase.isDecimal || b.decimalBase.isDecimal }

    /// The result type (nil when an operand is not a number or a Decimal).
    static func resultType(_ operation: Operation, _ a: DataType, _ b: DataType) throws -> DataType? {
        let (x, y) = (a.decimalBase, b.decimalBase)
        guard x.isNumber || x.isDecimal, y.isNumber || y.isDecimal else { return nil }
        if x.isFloat || y.isFloat { return .float64 }
        guard case .decimal(let p1, let s1) = x else { return y }
        guard case .decimal(let p2, let s2) = y else { return x }
        let width = max(DataType.decimalWidth(p1), DataType.decimalWidth(p2))
        let precision = maximumPrecision(width: width)
        let scale: Int
        switch operation {
        case .plus, .minus: scale = max(s1, s2)
        case .multiply: scale = s1 + s2
        case .divide, .modulo:
            guard s1 >= s2 else {
                throw DatabaseError(.argumentOutOfBound, "Decimal result's scale is less than argument's one")
            }
            scale = s1
        }
        guard scale <= precision else {
            throw DatabaseError(.argumentOutOfBound, "Scale \(scale) is out of bounds (max scale: \(precision))")
        }
        return .decimal(precision: precision, scale: scale)
    }

    /// The operation on one row: `a` of type `x`, `b` of type `y` (NULLs are handled by the caller).
    static func apply(
        _ operation: Operation, _ a: Value, _ x: DataType, _ b: Value, _ y: DataType, result: DataType
    ) throws -> Value {
        let (x, y) = (x.decimalBase, y.decimalBase)
        guard case .decimal(let precision, let scale) = result else {
            // A float is involved: the Decimal's value as a Float64.
            let (p, q) = (double(a, x), double(b, y))
            switch operation {
            case .plus: return .float(p + q)
            case .minus: return .float(p - q)
            case .multiply: return .float(p * q)
            case .divide: return .float(p / q)
            case .modulo: return .float(p.truncatingRemainder(dividingBy: q))
            }
        }
        let width = DataType.decimalWidth(precision)
        let left = operand(a, x, width: width)
        let right = operand(b, y, width: width)
        let value: WideInteger
        switch operation {
        case .plus, .minus:
            let p = try scaled(left.units, by: scale - left.scale, width: width)
            let q = try scaled(right.units, by: scale - right.scale, width: width)
            value = operation == .plus ? p + q : p - q
        case .multiply:
            value = left.units * right.units
        case .divide:
            // The dividend at the result's scale, times the divisor's scale; the quotient toward zero.
            let dividend = try scaled(left.units, by: scale - left.scale + right.scale, width: width)
            guard let (quotient, _) = dividend.quotientAndRemainder(dividingBy: right.units) else {
                throw DatabaseError(.illegalDivision, "Division by zero")
            }
            value = quotient
        case .modulo:
            guard let (_, remainder) = left.units.quotientAndRemainder(dividingBy: right.units) else {
                throw DatabaseError(.illegalDivision, "Division by zero")
            }
            value = remainder
        }
        guard value.fits(bytes: width, signed: true), let result = result.decimalValue(value) else {
            throw overflow
        }
        return result
    }

    private static let overflow = DatabaseError(.decimalOverflow, "Decimal math overflow")

    /// The largest precision of a Decimal storage width (9, 18, 38, 76).
    static func maximumPrecision(width: Int) -> Int { [4: 9, 8: 18, 16: 38][width] ?? 76 }

    /// An operand's unscaled integer and scale; an integer wrapped to the result's storage width, scale 0.
    private static func operand(_ value: Value, _ type: DataType, width: Int) -> (units: WideInteger, scale: Int) {
        let integer = value.wideInteger ?? .zero
        if case .decimal(_, let scale) = type { return (integer, scale) }
        return (integer.wrapped(toBytes: width, signed: true), 0)
    }

    /// `units × 10^exponent`, DECIMAL_OVERFLOW beyond the storage width.
    private static func scaled(_ units: WideInteger, by exponent: Int, width: Int) throws -> WideInteger {
        guard exponent > 0 else { return units }
        let result = units * WideInteger.powerOfTen(exponent)
        guard result.fits(bytes: width, signed: true) else { throw overflow }
        return result
    }

    private static func double(_ value: Value, _ type: DataType) -> Double {
        guard case .decimal(_, let scale) = type else { return value.double ?? 0 }
        return (value.wideInteger ?? .zero).double / WideInteger.powerOfTen(scale).double
    }
}

extension DataType {
    /// The type without Nullable and LowCardinality, as arithmetic sees it.
    fileprivate var decimalBase: DataType { removingNullable.withoutLowCardinality }
}

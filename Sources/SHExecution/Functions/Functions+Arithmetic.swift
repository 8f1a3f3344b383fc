import SHColumns
import SHCore

extension FunctionRegistry {
    mutating func registerArithmetic() {
        registerBinaryArithmetic("plus", subtract: false, decimal: .plus) { a, b in
            a &+ b
        } unsigned: { a, b in
            a &+ b
        } wide: {
            $0 + $1
        } float: {
            $0 + $1
        }
        registerBinaryArithmetic("minus", subtract: true, decimal: .minus) { a, b in
            a &- b
        } unsigned: { a, b in
            a &- b
        } wide: {
            $0 - $1
        } float: {
            $0 - $1
        }
        registerBinaryArithmetic("multiply", subtract: false, decimal: .multiply) { a, b in
            a &* b
        } unsigned: { a, b in
            a &* b
        } wide: {
            $0 * $1
        } float: {
            $0 * $1
        }
        register("divide") { types, _, _ in
            try expectArguments("divide", types, 2...2)
            if let decimal = try decimalOperation(.divide, "divide", types) { return decimal }
            return .rowwise(DataType.float64.nullable(if: types)) { args in
                .float((args[0].double ?? 0) / (args[1].double ?? 0))
            }
        }
        register("intDiv") { types, _, _ in
            try expectArguments("intDiv", types, 2...2)
            if DecimalArithmetic.applies(types[0], types[1]) { return try decimalQuotient(types) }
            let type = NumericTypes.integer(
                bytes: NumericTypes.size(types[0]), signed: types[0].isSignedInteger || types[1].isSignedInteger)
            let leftMinimum = signedMinimum(types[0])
            if (type.fixedWidth ?? 0) >= 16 { return .rowwise(type.nullable(if: types)) { try wideQuotient($0, type) } }
            return .rowwise(type.nullable(if: types)) { args in
                if args[0].isFloatValue || args[1].isFloatValue {
                    // A float operand: the quotient must be a finite number in Int64's range.
                    let a = args[0].double ?? 0
                    let b = args[1].double ?? 0
                    guard b != 0 else { throw DatabaseError(.illegalDivision, "Division by zero") }
                    let quotient = (a / b).rounded(.towardZero)
                    guard let result = Int64(exactly: quotient) else {
                        throw DatabaseError(
                            .illegalDivision,
                            "Cannot perform integer division, because it will produce infinite or too large number")
                    }
                    return .int(result)
                }
                let (a, b) = try integerOperands(args[0], args[1], leftMinimum: leftMinimum)
                return .int(a / b)
            }
        }
        register("modulo") { types, _, _ in
            try expectArguments("modulo", types, 2...2)
            if let decimal = try decimalOperation(.modulo, "modulo", types) { return decimal }
            if types.contains(where: \.removingNullable.isFloat) {
                return .rowwise(DataType.float64.nullable(if: types)) { args in
                    .float((args[0].double ?? 0).truncatingRemainder(dividingBy: args[1].double ?? 0))
                }
            }
            // ClickHouse's ResultOfModulo: the divisor's width, doubled (at most 8 bytes) when the dividend is signed,
            // since a negative remainder of a narrow divisor may not fit it (toInt32(-199) % toUInt8(200) = -199).
            // Wide divisors keep their width.
            let signed = types[0].isSignedInteger
            let divisorBytes = NumericTypes.size(types[1])
            let type = NumericTypes.integer(
                bytes: signed && divisorBytes < 16 ? min(divisorBytes * 2, 8) : divisorBytes, signed: signed)
            let leftMinimum = signedMinimum(types[0])
            if NumericTypes.size(types[0]) >= 16 || divisorBytes >= 16 {
                return .rowwise(type.nullable(if: types)) { try wideRemainder($0, type) }
            }
            return .rowwise(type.nullable(if: types)) { args in
                // Unsigned operands stay unsigned (a UInt64 over Int64.max, e.g. a hash, keeps its value).
                if case .uint(let a) = args[0], case .uint(let b) = args[1] {
                    guard b != 0 else { throw DatabaseError(.illegalDivision, "Division by zero") }
                    return .uint(a % b)
                }
                let (a, b) = try integerOperands(args[0], args[1], leftMinimum: leftMinimum)
                return .int(a % b)
            }
        }
        register("negate") { types, _, _ in
            try expectArguments("negate", types, 1...1)
            let base = types[0].removingNullable
            let type: DataType =
                base.isFloat || base.isDecimal
                ? base : NumericTypes.integer(bytes: NumericTypes.size(base), signed: true)
            guard base.isNumber || base.isDecimal || base == .nothing else {
                throw illegalType(types[0], argument: 1, of: "negate")
            }
            return .rowwise(type.nullable(if: types)) { args in
                switch args[0] {
                case .float(let v): .float(-v)
                case .wide(let v) where !base.isDecimal:
                    type.wideIntegerValue((-v).wrapped(toBytes: type.fixedWidth ?? 32, signed: true)) ?? .null
                case .wide(let v): .wide(-v)
                case .int128(let v) where base == .uint128 || base == .int128:
                    .int128(v == Int128.min ? v : 0 &- v)
                case .int128(let v): .int128(0 &- v)
                case .int(let v): .int(0 &- v)
                case .uint(let v): .int(0 &- Int64(bitPattern: v))
                default: throw illegalType(types[0], argument: 1, of: "negate")
                }
            }
        }
        register("abs") { types, _, _ in
            try expectArguments("abs", types, 1...1)
            let base = types[0].removingNullable
            let type: DataType =
                base.isSignedInteger ? NumericTypes.integer(bytes: NumericTypes.size(base), signed: false) : base
            return .rowwise(type.nullable(if: types)) { args in
                switch args[0] {
                case .float(let v): .float(Swift.abs(v))
                case .int128(let v) where base == .int128: .wide(WideInteger(v).magnitude)
                case .wide(let v) where !base.isDecimal: type.wideIntegerValue(v.magnitude) ?? .null
                case .wide(let v): .wide(v.magnitude)
                case .int128(let v): .int128(v < 0 ? 0 &- v : v)
                case .int(let v): .uint(v.magnitude)
                default: args[0]
                }
            }
        }
    }

    private mutating func registerBinaryArithmetic(
        _ name: String, subtract: Bool, decimal: DecimalArithmetic.Operation,
        signed: @escaping @Sendable (Int64, Int64) -> Int64,
        unsigned: @escaping @Sendable (UInt64, UInt64) -> UInt64,
        wide: @escaping @Sendable (WideInteger, WideInteger) -> WideInteger,
        float: @escaping @Sendable (Double, Double) -> Double
    ) {
        register(name) { types, _, _ in
            try expectArguments(name, types, 2...2)
            if let decimal = try decimalOperation(decimal, name, types) { return decimal }
            guard let type = NumericTypes.arithmetic(types[0], types[1], subtract: subtract) else {
                throw DatabaseError(
                    .illegalTypeOfArgument,
                    "Illegal types \(types[0]) and \(types[1]) of arguments of function \(name)")
            }
            let resultType = type.nullable(if: types)
            if let width = type.fixedWidth, width >= 16 {
                // Wide integers: exact, then wrapped to the result's width, as ClickHouse's wrapping arithmetic.
                return .rowwise(resultType) { args in
                    let result = wide(args[0].wideInteger ?? .zero, args[1].wideInteger ?? .zero)
                    return type.wideIntegerValue(result.wrapped(toBytes: width, signed: type.isSignedInteger)) ?? .null
                }
            }
            return .rowwise(resultType) { args in
                if type.isFloat { return .float(float(args[0].double ?? 0, args[1].double ?? 0)) }
                if type.isSignedInteger {
                    return .int(signed(args[0].int64 ?? 0, args[1].int64 ?? 0))
                }
                let a: UInt64 = if case .uint(let v) = args[0] { v } else { UInt64(bitPattern: args[0].int64 ?? 0) }
                let b: UInt64 = if case .uint(let v) = args[1] { v } else { UInt64(bitPattern: args[1].int64 ?? 0) }
                return .uint(unsigned(a, b))
            }
        }
    }
}

/// The function of a Decimal `operation` when an operand is a Decimal (nil otherwise).
private func decimalOperation(_ operation: DecimalArithmetic.Operation, _ name: String, _ types: [DataType]) throws
    -> ScalarOverload?
{
    guard DecimalArithmetic.applies(types[0], types[1]) else { return nil }
    guard let type = try DecimalArithmetic.resultType(operation, types[0], types[1]) else {
        throw DatabaseError(
            .illegalTypeOfArgument, "Illegal types \(types[0]) and \(types[1]) of arguments of function \(name)")
    }
    return .rowwise(type.nullable(if: types)) { args in
        try DecimalArithmetic.apply(operation, args[0], types[0], args[1], types[1], result: type)
    }
}

/// `intDiv` with a Decimal operand: the quotient of the values toward zero, as a signed integer of the left
/// operand's width (Decimal(9, 2) gives Int32, Int8 gives Int8). Decimals divide as `divide` does (its scale
/// rules and DECIMAL_OVERFLOW), then a quotient beyond the result type is "Convert overflow"; with a float, the
/// values divide as Float64 and a quotient beyond the result type is ILLEGAL_DIVISION, as in ClickHouse.
private func decimalQuotient(_ types: [DataType]) throws -> ScalarOverload {
    let (x, y) = (types[0].removingNullable.withoutLowCardinality, types[1].removingNullable.withoutLowCardinality)
    guard let division = try DecimalArithmetic.resultType(.divide, x, y) else {
        throw DatabaseError(
            .illegalTypeOfArgument, "Illegal types \(types[0]) and \(types[1]) of arguments of function intDiv")
    }
    let type = NumericTypes.integer(bytes: x.isFloat ? 8 : NumericTypes.size(x), signed: true)
    let width = type.fixedWidth ?? 8
    return .rowwise(type.nullable(if: types)) { args in
        let quotient: WideInteger
        if x.isFloat || y.isFloat {
            let value = { (v: Value, t: DataType) -> Double in
                (v.double ?? 0) / WideInteger.powerOfTen(scale(t)).double
            }
            let b = value(args[1], y)
            guard b != 0 else { throw DatabaseError(.illegalDivision, "Division by zero") }
            guard let whole = WideInteger(clickHouseConverting: (value(args[0], x) / b).rounded(.towardZero)),
                whole.fits(bytes: width, signed: true)
            else {
                throw DatabaseError(
                    .illegalDivision,
                    "Cannot perform integer division, because it will produce infinite or too large number")
            }
            quotient = whole
        } else {
            let exact = try DecimalArithmetic.apply(.divide, args[0], x, args[1], y, result: division)
            guard
                let (whole, _) = (exact.wideInteger ?? .zero).quotientAndRemainder(
                    dividingBy: WideInteger.powerOfTen(scale(division))),
                whole.fits(bytes: width, signed: true)
            else { throw DatabaseError(.decimalOverflow, "Convert overflow") }
            quotient = whole
        }
        return type.wideIntegerValue(quotient) ?? .null
    }
}

/// The scale of a Decimal type, 0 for other types.
private func scale(_ type: DataType) -> Int {
    if case .decimal(_, let s) = type { s } else { 0 }
}

/// `intDiv` of wide integers: the quotient toward zero, wrapped to `type` (a float operand is truncated first).
private func wideQuotient(_ args: [Value], _ type: DataType) throws -> Value {
    guard let a = wideOperand(args[0]), let b = wideOperand(args[1]),
        let (quotient, _) = a.quotientAndRemainder(dividingBy: b)
    else { throw DatabaseError(.illegalDivision, "Division by zero") }
    return type.wideIntegerValue(quotient.wrapped(toBytes: type.fixedWidth ?? 32, signed: type.isSignedInteger))
        ?? .null
}

/// `modulo` where an operand is a wide integer: the remainder with the dividend's sign, in `type`.
private func wideRemainder(_ args: [Value], _ type: DataType) throws -> Value {
    guard let a = wideOperand(args[0]), let b = wideOperand(args[1]),
        let (_, remainder) = a.quotientAndRemainder(dividingBy: b)
    else { throw DatabaseError(.illegalDivision, "Division by zero") }
    if type.isFloat { return .float(remainder.double) }
    return type.wideIntegerValue(remainder.wrapped(toBytes: type.fixedWidth ?? 8, signed: type.isSignedInteger))
        ?? .null
}

private func wideOperand(_ value: Value) -> WideInteger? {
    if case .float(let v) = value { return WideInteger(clickHouseConverting: v) }
    return value.wideInteger
}

/// The smallest value of a signed integer type (`nil` for other types): dividing it by -1 overflows.
private func signedMinimum(_ type: DataType) -> Int64? {
    switch type.removingNullable.withoutLowCardinality {
    case .int8: Int64(Int8.min)
    case .int16: Int64(Int16.min)
    case .int32: Int64(Int32.min)
    case .int64: Int64.min
    default: nil
    }
}

/// The operands of an integer division, checked as ClickHouse checks them: no division by zero, no
/// minimal signed number divided by -1 (its quotient does not fit the type; in Swift it traps).
private func integerOperands(_ left: Value, _ right: Value, leftMinimum: Int64?) throws -> (Int64, Int64) {
    guard let a = left.int64, let b = right.int64, b != 0 else {
        throw DatabaseError(.illegalDivision, "Division by zero")
    }
    if b == -1, a == Int64.min || a == leftMinimum {
        throw DatabaseError(.illegalDivision, "Division of minimal signed number by minus one")
    }
    return (a, b)
}

extension Value {
    /// Whether the value is a float.
    fileprivate var isFloatValue: Bool {
        if case .float = self { true } else { false }
    }
}

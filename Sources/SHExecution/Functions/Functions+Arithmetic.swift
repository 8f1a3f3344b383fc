import SHColumns
import SHCore

extension FunctionRegistry {
    mutating func registerArithmetic() {
        registerBinaryArithmetic("plus", subtract: false) { a, b in
            a &+ b
        } unsigned: { a, b in
            a &+ b
        } float: {
            $0 + $1
        }
        registerBinaryArithmetic("minus", subtract: true) { a, b in
            a &- b
        } unsigned: { a, b in
            a &- b
        } float: {
            $0 - $1
        }
        registerBinaryArithmetic("multiply", subtract: false) { a, b in
            a &* b
        } unsigned: { a, b in
            a &* b
        } float: {
            $0 * $1
        }
        register("divide") { types, _, _ in
            try expectArguments("divide", types, 2...2)
            return .rowwise(DataType.float64.nullable(if: types)) { args in
                .float((args[0].double ?? 0) / (args[1].double ?? 0))
            }
        }
        register("intDiv") { types, _, _ in
            try expectArguments("intDiv", types, 2...2)
            let type = NumericTypes.integer(
                bytes: NumericTypes.size(types[0]), signed: types[0].isSignedInteger || types[1].isSignedInteger)
            let leftMinimum = signedMinimum(types[0])
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
            if types.contains(where: \.removingNullable.isFloat) {
                return .rowwise(DataType.float64.nullable(if: types)) { args in
                    .float((args[0].double ?? 0).truncatingRemainder(dividingBy: args[1].double ?? 0))
                }
            }
            // ClickHouse's ResultOfModulo: the divisor's width, doubled (at most 8 bytes) when the dividend is signed,
            // since a negative remainder of a narrow divisor may not fit it (toInt32(-199) % toUInt8(200) = -199).
            let signed = types[0].isSignedInteger
            let divisorBytes = NumericTypes.size(types[1])
            let type = NumericTypes.integer(bytes: signed ? min(divisorBytes * 2, 8) : divisorBytes, signed: signed)
            let leftMinimum = signedMinimum(types[0])
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
                case .int128(let v): .int128(v < 0 ? 0 &- v : v)
                case .int(let v): .uint(v.magnitude)
                default: args[0]
                }
            }
        }
    }

    private mutating func registerBinaryArithmetic(
        _ name: String, subtract: Bool,
        signed: @escaping @Sendable (Int64, Int64) -> Int64,
        unsigned: @escaping @Sendable (UInt64, UInt64) -> UInt64,
        float: @escaping @Sendable (Double, Double) -> Double
    ) {
        register(name) { types, _, _ in
            try expectArguments(name, types, 2...2)
            guard let type = NumericTypes.arithmetic(types[0], types[1], subtract: subtract) else {
                throw DatabaseError(
                    .illegalTypeOfArgument,
                    "Illegal types \(types[0]) and \(types[1]) of arguments of function \(name)")
            }
            let resultType = type.nullable(if: types)
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

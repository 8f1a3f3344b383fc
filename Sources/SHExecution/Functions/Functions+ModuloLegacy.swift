import SHColumns
import SHCore

/// `moduloLegacy`: the modulo ClickHouse evaluates in partition keys (`k % 3` there is rewritten to it, so partition
/// values keep the types older versions gave them): the result has the divisor's width, signed when either operand
/// is, and the remainder wraps into it.
extension FunctionRegistry {
    mutating func registerModuloLegacy() {
        register("moduloLegacy") { types, _, _ in
            try expectArguments("moduloLegacy", types, 2...2)
            let (left, right) = (types[0].removingNullable, types[1].removingNullable)
            guard left.isInteger || left == .nothing, right.isInteger || right == .nothing else {
                throw DatabaseError(
                    .illegalTypeOfArgument,
                    "Illegal types \(types[0]) and \(types[1]) of arguments of function moduloLegacy")
            }
            let signed = left.isSignedInteger || right.isSignedInteger
            let bytes = NumericTypes.size(right)
            let type = NumericTypes.integer(bytes: bytes, signed: signed)
            return .rowwise(type.nullable(if: types)) { args in
                let remainder: Int128
                switch (args[0], args[1]) {
                case (.uint(let a), .uint(let b)):
                    guard b != 0 else { throw DatabaseError(.illegalDivision, "Division by zero") }
                    remainder = Int128(a % b)
                default:
                    guard let a = args[0].int128, let b = args[1].int128, b != 0 else {
                        throw DatabaseError(.illegalDivision, "Division by zero")
                    }
                    remainder = a % b
                }
                // Wrapped into the result's width.
                let bits = UInt64(truncatingIfNeeded: remainder)
                let shift = UInt64(64 - bytes * 8)
                return signed
                    ? .int(Int64(bitPattern: bits << shift) >> Int64(shift)) : .uint((bits << shift) >> shift)
            }
        }
    }
}

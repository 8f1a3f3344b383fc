import SHColumns
import SHCore

/// `mortonEncode(x1, …, xN)` (simple mode, 1 to 8 unsigned integers): the Z-order code, bit i of argument k at bit
/// `i·N + k`, each argument keeping its low `64 / N` bits. The expanded mode (a range mask tuple first) is not done.
extension FunctionRegistry {
    mutating func registerSpaceFillingCurves() {
        register("mortonEncode") { types, _, _ in
            guard (1...8).contains(types.count) else {
                throw DatabaseError(
                    .numberOfArgumentsDoesntMatch,
                    "Number of arguments for function mortonEncode doesn't match: passed \(types.count), should be 1 to 8"
                )
            }
            for type in types {
                switch type.removingNullable.withoutLowCardinality {
                case .uint8, .uint16, .uint32, .uint64: continue
                case .tuple:
                    throw DatabaseError(
                        .notImplemented, "mortonEncode with a range mask (expanded mode) is not supported yet")
                default:
                    throw DatabaseError(
                        .illegalTypeOfArgument,
                        "Illegal type \(type) of argument for function mortonEncode, should be a native UInt")
                }
            }
            let count = types.count
            return .rowwise(DataType.uint64.nullable(if: types)) { args in
                .uint(Morton.encode(args.map { $0.int128.map { UInt64(truncatingIfNeeded: $0) } ?? 0 }, count: count))
            }
        }
    }
}

enum Morton {
    /// Interleaves the low `64 / count` bits of each value.
    static func encode(_ values: [UInt64], count: Int) -> UInt64 {
        let bits = 64 / count
        var code: UInt64 = 0
        for (k, value) in values.enumerated() {
            for i in 0..<bits where value >> UInt64(i) & 1 == 1 {
                code |= 1 << UInt64(i * count + k)
            }
        }
        return code
    }
}

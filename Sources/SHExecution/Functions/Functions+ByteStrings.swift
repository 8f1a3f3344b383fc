import SHColumns
import SHCore

/// Small functions the key tests need beside the hashes: `hex` (of strings and unsigned integers), `repeat`,
/// `toNullable`.
extension FunctionRegistry {
    mutating func registerByteStrings() {
        register("hex") { types, _, _ in
            try expectArguments("hex", types, 1...1)
            let source = types[0].removingNullable.withoutLowCardinality
            switch source {
            case .string, .fixedString, .uint8, .uint16, .uint32, .uint64, .aggregateFunction: break
            default:
                throw DatabaseError(.notImplemented, "hex of \(source) is not supported yet")
            }
            return .rowwise(DataType.string.nullable(if: types)) { args in
                let digits = Array("0123456789ABCDEF".utf8)
                var bytes: [UInt8]
                switch args[0] {
                case .string(let value): bytes = value
                case .uint(let value):
                    // Big-endian without leading zero bytes (at least one byte), as ClickHouse prints integers.
                    bytes = (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
                    while bytes.count > 1, bytes[0] == 0 { bytes.removeFirst() }
                default: return .null
                }
                var text: [UInt8] = []
                text.reserveCapacity(bytes.count * 2)
                for byte in bytes {
                    text.append(digits[Int(byte >> 4)])
                    text.append(digits[Int(byte & 0xF)])
                }
                return .string(text)
            }
        }
        register("repeat") { types, _, _ in
            try expectArguments("repeat", types, 2...2)
            guard types[1].removingNullable.withoutLowCardinality.isInteger else {
                throw DatabaseError(
                    .illegalTypeOfArgument, "Illegal type \(types[1]) of argument 2 of function repeat")
            }
            return .rowwise(DataType.string.nullable(if: types)) { args in
                guard case .string(let bytes) = args[0], let count = args[1].int64 else { return .null }
                guard count > 0 else { return .string([]) }
                let (total, overflow) = bytes.count.multipliedReportingOverflow(by: Int(count))
                guard !overflow, total <= 1 << 30 else {
                    throw DatabaseError(.tooLargeStringSize, "Too large string size in function repeat")
                }
                return .string(Array([[UInt8]](repeating: bytes, count: Int(count)).joined()))
            }
        }
        register("toNullable") { types, _, _ in
            try expectArguments("toNullable", types, 1...1)
            return .rowwise(types[0].makeNullable, nullPropagating: false) { args in args[0] }
        }
    }
}

import SHColumns
import SHCore

extension FunctionRegistry {
    mutating func registerStrings() {
        register("length", caseInsensitive: true) { types, _, _ in
            try expectArguments("length", types, 1...1)
            return .rowwise(DataType.uint64.nullable(if: types)) { args in
                switch args[0] {
                case .string(let bytes): .uint(UInt64(bytes.count))
                case .array(let items): .uint(UInt64(items.count))
                default: throw illegalType(types[0], argument: 1, of: "length")
                }
            }
        }
        register("empty") { types, _, _ in
            try expectArguments("empty", types, 1...1)
            return .rowwise(.uint8) { args in .uint(isEmpty(args[0]) ? 1 : 0) }
        }
        register("notEmpty") { types, _, _ in
            try expectArguments("notEmpty", types, 1...1)
            return .rowwise(.uint8) { args in .uint(isEmpty(args[0]) ? 0 : 1) }
        }
        register("concat", caseInsensitive: true) { types, _, context in
            try expectArguments("concat", types, 1...Int.max)
            let argumentTypes = types
            return .rowwise(DataType.string.nullable(if: types)) { args in
                var bytes: [UInt8] = []
                for (value, type) in zip(args, argumentTypes) {
                    if case .string(let b) = value { bytes += b } else { bytes += ValueRendering.text(value, type) }
                }
                return .string(bytes)
            }
        }
        register("lower", caseInsensitive: true) { types, _, _ in
            try expectArguments("lower", types, 1...1)
            return .rowwise(types[0]) { args in mapASCII(args[0]) { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 } }
        }
        register("upper", caseInsensitive: true) { types, _, _ in
            try expectArguments("upper", types, 1...1)
            return .rowwise(types[0]) { args in mapASCII(args[0]) { $0 >= 0x61 && $0 <= 0x7A ? $0 - 32 : $0 } }
        }
        register("substring", caseInsensitive: true) { types, _, _ in
            try expectArguments("substring", types, 2...3)
            return .rowwise(DataType.string.nullable(if: types)) { args in
                guard case .string(let bytes) = args[0], let offset = args[1].int64, offset != 0 else {
                    return .string([])
                }
                // Positions in Int128, so that no offset or length overflows: a negative offset counts from
                // the end, a negative length stops that many bytes before the end (UInt64 arguments are read
                // as their Int64 bit pattern, as ClickHouse does).
                let count = Int128(bytes.count)
                let start = offset > 0 ? Int128(offset) - 1 : count + Int128(offset)
                var end = count
                if args.count > 2, let length = args[2].int64 {
                    guard length != Int64.min else {
                        throw DatabaseError(
                            .argumentOutOfBound, "Overflow in length argument of substring-like function: \(length)")
                    }
                    end = length >= 0 ? start + Int128(length) : count + Int128(length)
                }
                let from = Int(max(0, min(count, start)))
                let to = Int(max(0, min(count, end)))
                return .string(from < to ? Array(bytes[from..<to]) : [])
            }
        }
        register("like") { types, _, _ in
            try expectArguments("like", types, 2...2)
            return .rowwise(DataType.uint8.nullable(if: types)) { args in
                guard case .string(let text) = args[0], case .string(let pattern) = args[1] else { return .uint(0) }
                return .uint(LikePattern.matches(text[...], pattern[...]) ? 1 : 0)
            }
        }
        register("notLike") { types, _, _ in
            try expectArguments("notLike", types, 2...2)
            return .rowwise(DataType.uint8.nullable(if: types)) { args in
                guard case .string(let text) = args[0], case .string(let pattern) = args[1] else { return .uint(0) }
                return .uint(LikePattern.matches(text[...], pattern[...]) ? 0 : 1)
            }
        }
    }
}

private func isEmpty(_ value: Value) -> Bool {
    switch value {
    case .string(let b): b.isEmpty
    case .array(let items): items.isEmpty
    default: false
    }
}

private func mapASCII(_ value: Value, _ transform: (UInt8) -> UInt8) -> Value {
    guard case .string(let bytes) = value else { return value }
    return .string(bytes.map(transform))
}

/// SQL `LIKE` matching over bytes: `%` any run, `_` one byte, `\` escapes.
enum LikePattern {
    static func matches(_ text: ArraySlice<UInt8>, _ pattern: ArraySlice<UInt8>) -> Bool {
        var t = text.startIndex
        var p = pattern.startIndex
        var starP = -1
        var starT = -1
        while t < text.endIndex {
            if p < pattern.endIndex, pattern[p] == UInt8(ascii: "\\"), p + 1 < pattern.endIndex,
                pattern[p + 1] == text[t]
            {
                p += 2
                t += 1
            } else if p < pattern.endIndex,
                pattern[p] == UInt8(ascii: "_") || (pattern[p] == text[t] && pattern[p] != UInt8(ascii: "%"))
            {
                p += 1
                t += 1
            } else if p < pattern.endIndex, pattern[p] == UInt8(ascii: "%") {
                starP = p
                starT = t
                p += 1
            } else if starP >= 0 {
                p = starP + 1
                starT += 1
                t = starT
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "%") { p += 1 }
        return p == pattern.endIndex
    }
}

import SHCore

/// ClickHouse's VarUInt: unsigned LEB128 (7 bits per byte, low group first, 0x80 = more bytes follow).
public enum VarUInt {
    /// The longest encoding of a UInt64 (10 bytes; the last may only hold the top bit).
    public static let maxLength = 10

    /// Appends the encoding of `value` to `out`.
    @inline(__always)
    public static func write(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// The encoding of `value`.
    public static func encode(_ value: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        write(value, to: &out)
        return out
    }

    /// The number of bytes `value` takes.
    public static func size(of value: UInt64) -> Int {
        var v = value
        var n = 1
        while v >= 0x80 {
            v >>= 7
            n += 1
        }
        return n
    }

    /// Decodes one VarUInt at `offset` in `bytes`, advancing `offset`; throws on truncated input and on an
    /// encoding longer than 10 bytes or holding more than 64 bits.
    @inline(__always)
    public static func read(_ bytes: UnsafeRawBufferPointer, at offset: inout Int) throws -> UInt64 {
        guard let (value, length) = try decode(bytes, at: offset) else {
            throw DatabaseError(
                .cannotReadAllData,
                "Cannot read all data. Bytes read: \(max(0, bytes.count - offset)). Bytes expected: 1 (while reading a VarUInt)"
            )
        }
        offset += length
        return value
    }

    /// Decodes one VarUInt at `offset` without advancing: the value and its length, or nil when `bytes` ends
    /// before the encoding does (more bytes may complete it). Throws on an encoding that is too long.
    @inline(__always)
    public static func decode(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws -> (UInt64, Int)? {
        var result: UInt64 = 0
        var position = offset
        for index in 0..<maxLength {
            guard position >= 0, position < bytes.count else { return nil }
            let byte = bytes[position]
            position += 1
            if index == maxLength - 1, byte > 1 {
                throw DatabaseError(.corruptedData, "Too large VarUInt: more than 64 bits")
            }
            result |= UInt64(byte & 0x7f) << UInt64(7 * index)
            if byte & 0x80 == 0 { return (result, position - offset) }
        }
        throw DatabaseError(.corruptedData, "Too long VarUInt: more than \(maxLength) bytes")
    }
}

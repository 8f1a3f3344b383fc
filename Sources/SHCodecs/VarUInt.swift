import SHCore

/// ClickHouse's VarUInt: unsigned LEB128 (7 bits per byte, low group first, 0x80 = more bytes follow).
public enum VarUInt {
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

    /// Decodes one VarUInt at `offset` in `bytes`, advancing `offset`; throws on truncated input.
    @inline(__always)
    public static func read(_ bytes: UnsafeRawBufferPointer, at offset: inout Int) throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while shift < 64 {
            guard offset < bytes.count else {
                throw DatabaseError(
                    .cannotReadAllData,
                    "Cannot read all data. Bytes read: 0. Bytes expected: 1 (while reading a VarUInt)")
            }
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        return result
    }
}

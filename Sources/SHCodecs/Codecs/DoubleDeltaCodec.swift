import SHCore

/// ClickHouse's `DoubleDelta` (method byte 0x94), after the width header: the UInt32 value count, the first value,
/// the first delta, then per further value its delta's change as a bit code (`0`; `10`, `110`, `1110`, `11110`,
/// `11111` followed by a sign bit and |change| − 1 in 6, 8, 11, 31 or 63 bits).
enum DoubleDeltaCodec {
    static let methodByte: UInt8 = 0x94
    static let widths = [1, 2, 4, 8]

    /// (prefix bit count, prefix, value bits including the sign bit) for a nonzero change.
    private static func spec(_ change: Int64) -> (prefixBits: Int, prefix: UInt64, dataBits: Int) {
        if change > -63 && change < 64 { return (2, 0b10, 7) }
        if change > -255 && change < 256 { return (3, 0b110, 9) }
        if change > -2047 && change < 2048 { return (4, 0b1110, 12) }
        if change > Int64(Int32.min) && change < Int64(Int32.max) { return (5, 0b11110, 32) }
        return (5, 0b11111, 64)
    }

    static func encode(_ data: UnsafeRawBufferPointer, width: Int, to out: inout [UInt8]) throws {
        guard widths.contains(width) else {
            throw DatabaseError(.cannotCompress, "Cannot compress with DoubleDelta: wrong data width \(width)")
        }
        let skipped = WidthHeader.append(width: width, of: data, to: &out)
        let values = UnsafeRawBufferPointer(rebasing: data[skipped...])
        switch width {
        case 1: encode(values, UInt8.self, Int8.self, to: &out)
        case 2: encode(values, UInt16.self, Int16.self, to: &out)
        case 4: encode(values, UInt32.self, Int32.self, to: &out)
        default: encode(values, UInt64.self, Int64.self, to: &out)
        }
    }

    private static func encode<T: FixedWidthInteger & UnsignedInteger, S: FixedWidthInteger & SignedInteger>(
        _ values: UnsafeRawBufferPointer, _: T.Type, _: S.Type, to out: inout [UInt8]
    ) {
        let size = MemoryLayout<T>.size
        let count = values.count / size
        out.appendLittleEndian(UInt32(truncatingIfNeeded: count))
        guard count > 0 else { return }
        var previous = values.littleEndian(at: 0, as: T.self)
        out.appendLittleEndian(previous)
        guard count > 1 else { return }
        let second = values.littleEndian(at: size, as: T.self)
        var previousDelta = second &- previous
        out.appendLittleEndian(previousDelta)
        previous = second
        var writer = BitWriter(reservingCapacity: count / 8 + 8)
        for offset in stride(from: 2 * size, to: values.count, by: size) {
            let value = values.littleEndian(at: offset, as: T.self)
            let delta = value &- previous
            let change = delta &- previousDelta
            previousDelta = delta
            previous = value
            if change == 0 {
                writer.write(1, 0)
                continue
            }
            let signed = Int64(S(truncatingIfNeeded: change))
            let spec = spec(signed)
            writer.write(spec.prefixBits, spec.prefix)
            writer.write(1, signed < 0 ? 1 : 0)
            writer.write(spec.dataBits - 1, UInt64(T(truncatingIfNeeded: signed.magnitude &- 1)))
        }
        out += writer.finish()
    }

    static func decode(_ payload: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        let (width, leading, values) = try WidthHeader.parse(
            payload, uncompressedSize: uncompressedSize, widths: widths)
        try WidthHeader.checkValueCount(values, bytes: uncompressedSize - leading.count, width: width)
        return try decodedBytes(uncompressedSize) { out in
            out.copyMemory(from: leading)
            let target = UnsafeMutableRawBufferPointer(rebasing: out[leading.count...])
            switch width {
            case 1: try decode(values, UInt8.self, into: target)
            case 2: try decode(values, UInt16.self, into: target)
            case 4: try decode(values, UInt32.self, into: target)
            default: try decode(values, UInt64.self, into: target)
            }
        }
    }

    private static func decode<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeRawBufferPointer, _: T.Type, into out: UnsafeMutableRawBufferPointer
    ) throws {
        let size = MemoryLayout<T>.size
        guard values.count >= 4 else {
            if out.isEmpty { return }
            throw WidthHeader.cannotDecompress
        }
        let count = Int(values.littleEndian(at: 0, as: UInt32.self))
        guard count * size == out.count else { throw WidthHeader.cannotDecompress }
        guard count > 0 else { return }
        guard values.count >= 4 + size * min(count, 2) else { throw WidthHeader.cannotDecompress }
        var previous = values.littleEndian(at: 4, as: T.self)
        out.storeLittleEndian(previous, at: 0)
        guard count > 1 else { return }
        var previousDelta = values.littleEndian(at: 4 + size, as: T.self)
        previous &+= previousDelta
        out.storeLittleEndian(previous, at: size)
        var reader = BitReader(UnsafeRawBufferPointer(rebasing: values[(4 + 2 * size)...]), codecName: "DoubleDelta")
        for item in 2..<count {
            var change: T = 0
            let prefix = reader.peek(5)
            let (prefixBits, dataBits): (Int, Int) =
                switch prefix {
                case 0b00000...0b01111: (1, 0)
                case 0b10000...0b10111: (2, 7)
                case 0b11000...0b11011: (3, 9)
                case 0b11100...0b11101: (4, 12)
                case 0b11110: (5, 32)
                default: (5, 64)
                }
            _ = try reader.read(prefixBits)
            if dataBits != 0 {
                let negative = try reader.read(1) == 1
                change = T(truncatingIfNeeded: try reader.read(dataBits - 1) &+ 1)
                if negative { change = 0 &- change }
            }
            let value = previous &+ (change &+ previousDelta)
            out.storeLittleEndian(value, at: item * size)
            previousDelta = value &- previous
            previous = value
        }
    }
}

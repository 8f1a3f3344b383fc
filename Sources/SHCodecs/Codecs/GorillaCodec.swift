import SHCore

/// ClickHouse's `Gorilla` (method byte 0x95), after the width header: the UInt32 value count, the first value, then
/// per further value the XOR with the previous one as a bit code: `0` (equal), `10` + the meaningful bits in the
/// previous window, or `11` + leading zero count + meaningful bit count + the meaningful bits.
enum GorillaCodec {
    static let methodByte: UInt8 = 0x95
    static let widths = [1, 2, 4, 8]

    /// Bits that hold a meaningful-bit count for values of `size` bytes (8 → 4, 16 → 5, 32 → 6, 64 → 7); a leading
    /// zero count takes one bit less.
    private static func lengthBits(_ size: Int) -> Int {
        switch size {
        case 1: 4
        case 2: 5
        case 4: 6
        default: 7
        }
    }

    static func encode(_ data: UnsafeRawBufferPointer, width: Int, to out: inout [UInt8]) throws {
        guard widths.contains(width) else {
            throw DatabaseError(.cannotCompress, "Cannot compress with Gorilla: wrong data width \(width)")
        }
        let skipped = WidthHeader.append(width: width, of: data, to: &out)
        let values = UnsafeRawBufferPointer(rebasing: data[skipped...])
        switch width {
        case 1: encode(values, UInt8.self, to: &out)
        case 2: encode(values, UInt16.self, to: &out)
        case 4: encode(values, UInt32.self, to: &out)
        default: encode(values, UInt64.self, to: &out)
        }
    }

    private static func encode<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeRawBufferPointer, _: T.Type, to out: inout [UInt8]
    ) {
        let size = MemoryLayout<T>.size
        let dataLengthBits = lengthBits(size)
        let count = values.count / size
        out.appendLittleEndian(UInt32(truncatingIfNeeded: count))
        guard count > 0 else { return }
        var previous = values.littleEndian(at: 0, as: T.self)
        out.appendLittleEndian(previous)
        var window = (leading: 0, data: 0, trailing: 0)
        var writer = BitWriter(reservingCapacity: values.count)
        for offset in stride(from: size, to: values.count, by: size) {
            let value = values.littleEndian(at: offset, as: T.self)
            let xored = value ^ previous
            previous = value
            if xored == 0 {
                writer.write(1, 0)
                continue
            }
            let leading = xored.leadingZeroBitCount
            let trailing = xored.trailingZeroBitCount
            let data = size * 8 - leading - trailing
            if window.data != 0 && window.leading <= leading && window.trailing <= trailing {
                writer.write(2, 0b10)
                writer.write(window.data, UInt64(truncatingIfNeeded: xored >> window.trailing))
            } else {
                writer.write(2, 0b11)
                writer.write(dataLengthBits - 1, UInt64(leading))
                writer.write(dataLengthBits, UInt64(data))
                writer.write(data, UInt64(truncatingIfNeeded: xored >> trailing))
                window = (leading, data, trailing)
            }
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

    private static var corrupted: DatabaseError {
        DatabaseError(.cannotDecompress, "Cannot decompress gorilla-encoded data: corrupted input data.")
    }

    private static func decode<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeRawBufferPointer, _: T.Type, into out: UnsafeMutableRawBufferPointer
    ) throws {
        let size = MemoryLayout<T>.size
        let dataLengthBits = lengthBits(size)
        guard values.count >= 4 else {
            if out.isEmpty { return }
            throw WidthHeader.cannotDecompress
        }
        let count = Int(values.littleEndian(at: 0, as: UInt32.self))
        guard count * size == out.count else { throw WidthHeader.cannotDecompress }
        guard count > 0 else { return }
        guard values.count >= 4 + size else { throw WidthHeader.cannotDecompress }
        var previous = values.littleEndian(at: 4, as: T.self)
        out.storeLittleEndian(previous, at: 0)
        var reader = BitReader(UnsafeRawBufferPointer(rebasing: values[(4 + size)...]), codecName: "Gorilla")
        var window = (leading: 0, data: 0, trailing: 0)
        for item in 1..<count {
            var value = previous
            if try reader.read(1) == 1 {
                if try reader.read(1) == 1 {
                    let leading = Int(try reader.read(dataLengthBits - 1))
                    let data = Int(try reader.read(dataLengthBits))
                    guard data > 0, leading + data <= size * 8 else { throw corrupted }
                    window = (leading, data, size * 8 - leading - data)
                }
                guard window.data > 0 else { throw corrupted }
                let xored = T(truncatingIfNeeded: try reader.read(window.data)) << window.trailing
                value = previous ^ xored
            }
            out.storeLittleEndian(value, at: item * size)
            previous = value
        }
    }
}

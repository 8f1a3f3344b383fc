import SHCore

/// ClickHouse's `Delta(n)` (method byte 0x92): each value of `n` bytes replaced by its difference from the previous
/// one (wrapping), after the width header.
enum DeltaCodec {
    static let methodByte: UInt8 = 0x92
    static let widths = [1, 2, 4, 8]

    static func encode(_ data: UnsafeRawBufferPointer, width: Int, to out: inout [UInt8]) throws {
        guard widths.contains(width) else {
            throw DatabaseError(.cannotCompress, "Cannot compress with Delta: wrong data width \(width)")
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

    private static func encode<T: FixedWidthInteger>(_ values: UnsafeRawBufferPointer, _: T.Type, to out: inout [UInt8])
    {
        let size = MemoryLayout<T>.size
        var previous: T = 0
        out.reserveCapacity(out.count + values.count)
        for offset in stride(from: 0, to: values.count, by: size) {
            let value = values.littleEndian(at: offset, as: T.self)
            out.appendLittleEndian(value &- previous)
            previous = value
        }
    }

    static func decode(_ payload: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        let (width, leading, values) = try WidthHeader.parse(
            payload, uncompressedSize: uncompressedSize, widths: widths)
        guard values.count % width == 0 else {
            throw DatabaseError(
                .cannotDecompress, "Cannot delta decompress, data size \(values.count)  is not aligned to \(width)")
        }
        guard values.count == uncompressedSize - leading.count else { throw WidthHeader.cannotDecompress }
        return decodedBytes(uncompressedSize) { out in
            out.copyMemory(from: leading)
            let target = UnsafeMutableRawBufferPointer(rebasing: out[leading.count...])
            switch width {
            case 1: decode(values, UInt8.self, into: target)
            case 2: decode(values, UInt16.self, into: target)
            case 4: decode(values, UInt32.self, into: target)
            default: decode(values, UInt64.self, into: target)
            }
        }
    }

    private static func decode<T: FixedWidthInteger>(
        _ values: UnsafeRawBufferPointer, _: T.Type, into out: UnsafeMutableRawBufferPointer
    ) {
        var accumulator: T = 0
        for offset in stride(from: 0, to: values.count, by: MemoryLayout<T>.size) {
            accumulator &+= values.littleEndian(at: offset, as: T.self)
            out.storeLittleEndian(accumulator, at: offset)
        }
    }
}

import SHCore

/// ClickHouse's `GCD` (method byte 0x9A): after the width header, the greatest common divisor of the values (0 when
/// they are all 0; for signed types the first value itself when it is the only one), then each value divided by it
/// (signed division for signed types). Reading multiplies back, which is the same for both.
enum GCDCodec {
    static let methodByte: UInt8 = 0x9A
    /// ClickHouse's widths; SwiftHouse writes all but 32 (UInt256), which it only reads.
    static let widths = [1, 2, 4, 8, 16, 32]

    static func encode(_ data: UnsafeRawBufferPointer, width: Int, signed: Bool, to out: inout [UInt8]) throws {
        guard widths.contains(width) else {
            throw DatabaseError(.cannotCompress, "Cannot compress with GCD: wrong data width \(width)")
        }
        let skipped = WidthHeader.append(width: width, of: data, to: &out)
        let values = UnsafeRawBufferPointer(rebasing: data[skipped...])
        switch (width, signed) {
        case (1, false): encode(values, UInt8.self, to: &out)
        case (2, false): encode(values, UInt16.self, to: &out)
        case (4, false): encode(values, UInt32.self, to: &out)
        case (8, false): encode(values, UInt64.self, to: &out)
        case (16, false): encode(values, UInt128.self, to: &out)
        case (1, true): encode(values, Int8.self, to: &out)
        case (2, true): encode(values, Int16.self, to: &out)
        case (4, true): encode(values, Int32.self, to: &out)
        case (8, true): encode(values, Int64.self, to: &out)
        case (16, true): encode(values, Int128.self, to: &out)
        default:
            throw DatabaseError(.notImplemented, "Writing the GCD codec for \(width)-byte values is not implemented")
        }
    }

    private static func encode<T: FixedWidthInteger>(_ values: UnsafeRawBufferPointer, _: T.Type, to out: inout [UInt8])
    {
        let size = MemoryLayout<T>.size
        var divisor: T = 0
        var offset = 0
        while divisor != 1 && offset < values.count {
            let value = values.littleEndian(at: offset, as: T.self)
            divisor = offset == 0 ? value : greatestCommonDivisor(divisor, value)
            offset += size
        }
        out.appendLittleEndian(divisor)
        out.reserveCapacity(out.count + values.count)
        for offset in stride(from: 0, to: values.count, by: size) {
            let value = values.littleEndian(at: offset, as: T.self)
            // Negative values are divided as magnitudes and negated back, in T's wrapping arithmetic, as ClickHouse
            // does (so Int8 -128 / 4 is 32, which multiplies back to -128 all the same).
            let quotient: T =
                divisor == 0
                ? 0
                : value < 0
                    ? 0 &- (0 &- value).dividedReportingOverflow(by: divisor).partialValue
                    : value.dividedReportingOverflow(by: divisor).partialValue
            out.appendLittleEndian(quotient)
        }
    }

    /// The non-negative greatest common divisor (computed on magnitudes, so Int.min cannot overflow).
    private static func greatestCommonDivisor<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
        var (a, b) = (a.magnitude, b.magnitude)
        while b != 0 { (a, b) = (b, a % b) }
        return T(truncatingIfNeeded: a)
    }

    static func decode(_ payload: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        guard payload.count >= 2 else { throw WidthHeader.wrongHeader }
        if uncompressedSize == 0 { return [] }
        let (width, leading, values) = try WidthHeader.parse(
            payload, uncompressedSize: uncompressedSize, widths: widths)
        guard values.count % width == 0 else {
            throw DatabaseError(
                .cannotDecompress, "Cannot GCD decompress, data size \(values.count)  is not aligned to \(width)")
        }
        guard values.count >= width else {
            throw DatabaseError(
                .cannotDecompress, "Cannot GCD decompress, data size \(values.count) is less than \(width)")
        }
        guard values.count - width == uncompressedSize - leading.count else { throw WidthHeader.cannotDecompress }
        return decodedBytes(uncompressedSize) { out in
            out.copyMemory(from: leading)
            let target = UnsafeMutableRawBufferPointer(rebasing: out[leading.count...])
            switch width {
            case 1: decode(values, UInt8.self, into: target)
            case 2: decode(values, UInt16.self, into: target)
            case 4: decode(values, UInt32.self, into: target)
            case 8: decode(values, UInt64.self, into: target)
            case 16: decode(values, UInt128.self, into: target)
            default: decodeWords(values, words: width / 8, into: target)
            }
        }
    }

    private static func decode<T: FixedWidthInteger>(
        _ values: UnsafeRawBufferPointer, _: T.Type, into out: UnsafeMutableRawBufferPointer
    ) {
        let size = MemoryLayout<T>.size
        let multiplier = values.littleEndian(at: 0, as: T.self)
        for offset in stride(from: size, to: values.count, by: size) {
            out.storeLittleEndian(values.littleEndian(at: offset, as: T.self) &* multiplier, at: offset - size)
        }
    }

    /// Values of `words` little-endian 64-bit words (UInt256), multiplied modulo 2^(64·words).
    private static func decodeWords(
        _ values: UnsafeRawBufferPointer, words: Int, into out: UnsafeMutableRawBufferPointer
    ) {
        let size = words * 8
        let multiplier = (0..<words).map { values.littleEndian(at: $0 * 8, as: UInt64.self) }
        var product = [UInt64](repeating: 0, count: words)
        for offset in stride(from: size, to: values.count, by: size) {
            for index in 0..<words { product[index] = 0 }
            for i in 0..<words {
                let a = values.littleEndian(at: offset + i * 8, as: UInt64.self)
                var carry: UInt64 = 0
                for j in 0..<(words - i) {
                    let (high, low) = a.multipliedFullWidth(by: multiplier[j])
                    let (sum1, overflow1) = product[i + j].addingReportingOverflow(low)
                    let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
                    product[i + j] = sum2
                    carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
                }
            }
            for index in 0..<words { out.storeLittleEndian(product[index], at: offset - size + index * 8) }
        }
    }
}

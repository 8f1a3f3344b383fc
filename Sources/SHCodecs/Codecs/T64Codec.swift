import SHCore

/// ClickHouse's `T64` (method byte 0x93): a type byte (the column type's T64 number, bit 7 set for the `bit`
/// variant), the bytes that do not fill a whole value (when a chain's earlier stage left some), the minimum and
/// maximum as 64-bit integers, then per 64 values (the last group may be shorter) the
/// bit matrix of their low significant bits, transposed by bytes (or by bits), cropped to the bits that differ.
public enum T64Codec {
    static let methodByte: UInt8 = 0x93
    static let matrixSize = 64

    /// The types T64 encodes, by the numbers ClickHouse stores in the type byte.
    public enum ValueType: UInt8, Sendable, Hashable, CaseIterable {
        case uint8 = 1
        case uint16 = 2
        case uint32 = 3
        case uint64 = 4
        case int8 = 6
        case int16 = 7
        case int32 = 8
        case int64 = 9
        case date = 13
        case dateTime = 14
        case dateTime64 = 15
        case enum8 = 17
        case enum16 = 18
        case decimal32 = 19
        case decimal64 = 20
        case ipv4 = 21
        case date32 = 22
        case time = 23
        case time64 = 24

        /// The integer the values are stored as: its width in bytes and whether it is signed.
        var base: (width: Int, signed: Bool) {
            switch self {
            case .int8: (1, true)
            case .int16: (2, true)
            case .int32, .time, .decimal32, .date32: (4, true)
            case .int64, .decimal64, .time64, .dateTime64: (8, true)
            case .uint8, .enum8: (1, false)
            case .uint16, .enum16, .date: (2, false)
            case .uint32, .dateTime, .ipv4: (4, false)
            case .uint64: (8, false)
            }
        }
    }

    /// Transposing by bytes (the default) or fully by bits (`T64('bit')`).
    public enum Variant: Sendable, Hashable {
        case byte, bit
    }

    static func encode(_ data: UnsafeRawBufferPointer, type: ValueType, variant: Variant, to out: inout [UInt8]) throws
    {
        out.append(type.rawValue | (variant == .bit ? 0x80 : 0))
        // Bytes that do not fill a whole value (a chain's earlier stage may leave some) lead, as they are.
        let skipped = data.count % type.base.width
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[0..<skipped]))
        let values = UnsafeRawBufferPointer(rebasing: data[skipped...])
        guard !values.isEmpty else { return }
        switch type.base {
        case (1, true): try encode(values, Int8.self, variant: variant, to: &out)
        case (2, true): try encode(values, Int16.self, variant: variant, to: &out)
        case (4, true): try encode(values, Int32.self, variant: variant, to: &out)
        case (8, true): try encode(values, Int64.self, variant: variant, to: &out)
        case (1, false): try encode(values, UInt8.self, variant: variant, to: &out)
        case (2, false): try encode(values, UInt16.self, variant: variant, to: &out)
        case (4, false): try encode(values, UInt32.self, variant: variant, to: &out)
        default: try encode(values, UInt64.self, variant: variant, to: &out)
        }
    }

    /// Bits needed to tell apart every value between `min` and `max` (ClickHouse's `getValuableBitsNumber`), one more
    /// for a signed range that crosses zero.
    static func significantBits(min: UInt64, max: UInt64, signed: Bool) -> Int {
        func bits(_ a: UInt64, _ b: UInt64) -> Int { 64 - (a ^ b).leadingZeroBitCount }
        if signed {
            let low = Int64(bitPattern: min)
            let high = Int64(bitPattern: max)
            if low < 0 && high >= 0 {
                return low &+ high >= 0 ? bits(0, UInt64(high)) + 1 : bits(0, UInt64(bitPattern: ~low)) + 1
            }
        }
        return bits(min, max)
    }

    private static func encode<T: FixedWidthInteger>(
        _ data: UnsafeRawBufferPointer, _: T.Type, variant: Variant, to out: inout [UInt8]
    ) throws {
        let size = MemoryLayout<T>.size
        guard data.count % size == 0 else {
            throw DatabaseError(
                .cannotCompress,
                "Cannot compress with T64 codec, data size \(data.count) is not multiplier of \(size)")
        }
        let count = data.count / size
        var minimum: T = count > 0 ? data.littleEndian(at: 0, as: T.self) : 0
        var maximum = minimum
        for offset in stride(from: 0, to: data.count, by: size) {
            let value = data.littleEndian(at: offset, as: T.self)
            if value < minimum { minimum = value }
            if value > maximum { maximum = value }
        }
        let low = widened(minimum)
        let high = widened(maximum)
        out.appendLittleEndian(low)
        out.appendLittleEndian(high)
        let bits = significantBits(min: low, max: high, signed: T.isSigned)
        guard bits > 0 else { return }
        var matrix = [UInt64](repeating: 0, count: matrixSize)
        for group in stride(from: 0, to: count, by: matrixSize) {
            let columns = Swift.min(matrixSize, count - group)
            for index in 0..<matrixSize { matrix[index] = 0 }
            matrix.withUnsafeMutableBytes { rows in
                for column in 0..<columns {
                    let value = UInt64(truncatingIfNeeded: data.littleEndian(at: (group + column) * size, as: T.self))
                    for byte in 0..<size { rows[64 * byte + column] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
                }
            }
            let fullBytes = bits / 8
            let partBits = bits % 8
            if variant == .bit {
                for byte in 0..<fullBytes { transposeBits(&matrix, row: byte) }
            }
            if partBits > 0 { transposeBits(&matrix, row: fullBytes) }
            for index in 0..<bits { out.appendLittleEndian(matrix[index]) }
        }
    }

    /// A value as ClickHouse's 64-bit minimum/maximum: sign-extended for signed types.
    private static func widened<T: FixedWidthInteger>(_ value: T) -> UInt64 {
        T.isSigned ? UInt64(bitPattern: Int64(truncatingIfNeeded: value)) : UInt64(truncatingIfNeeded: value)
    }

    /// Turns the 64 bytes of byte row `row` (8 words) into 8 bit planes: bit `i` of plane `k` is bit `k` of byte `i`.
    private static func transposeBits(_ matrix: inout [UInt64], row: Int) {
        var planes = [UInt64](repeating: 0, count: 8)
        matrix.withUnsafeBytes { rows in
            for column in 0..<64 {
                let value = UInt64(rows[64 * row + column])
                for bit in 0..<8 { planes[bit] |= ((value >> UInt64(bit)) & 1) << UInt64(column) }
            }
        }
        for bit in 0..<8 { matrix[row * 8 + bit] = planes[bit] }
    }

    /// The inverse of `transposeBits`.
    private static func reverseTransposeBits(_ matrix: inout [UInt64], row: Int) {
        var bytes = [UInt8](repeating: 0, count: 64)
        for column in 0..<64 {
            var value: UInt8 = 0
            for bit in 0..<8 { value |= UInt8((matrix[row * 8 + bit] >> UInt64(column)) & 1) << UInt8(bit) }
            bytes[column] = value
        }
        matrix.withUnsafeMutableBytes { rows in
            for column in 0..<64 { rows[64 * row + column] = bytes[column] }
        }
    }

    static func decode(_ payload: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        guard payload.count >= 1 else {
            throw DatabaseError(.cannotDecompress, "Cannot decompress T64-encoded data")
        }
        let cookie = payload[0]
        guard cookie & 0x40 == 0 else {
            throw DatabaseError(
                .notImplemented, "T64 with frame of reference (type byte \(cookie)) is not supported by SwiftHouse yet")
        }
        guard let type = ValueType(rawValue: cookie & 0x3F) else {
            throw DatabaseError(.incorrectData, "Bad magic number in T64 codec: \(cookie & 0x3F)")
        }
        let variant: Variant = cookie & 0x80 != 0 ? .bit : .byte
        let skipped = uncompressedSize % type.base.width
        guard skipped <= payload.count - 1 else {
            throw DatabaseError(
                .cannotDecompress,
                "Cannot decompress T64-encoded data: compressed size (\(payload.count - 1)) is smaller than the trailing unaligned bytes (\(skipped))"
            )
        }
        let leading = UnsafeRawBufferPointer(rebasing: payload[1..<(1 + skipped)])
        let body = UnsafeRawBufferPointer(rebasing: payload[(1 + skipped)...])
        return try decodedBytes(uncompressedSize) { whole in
            whole.copyMemory(from: leading)
            let out = UnsafeMutableRawBufferPointer(rebasing: whole[skipped...])
            guard !out.isEmpty else { return }
            switch type.base {
            case (1, true): try decode(body, Int8.self, variant: variant, into: out)
            case (2, true): try decode(body, Int16.self, variant: variant, into: out)
            case (4, true): try decode(body, Int32.self, variant: variant, into: out)
            case (8, true): try decode(body, Int64.self, variant: variant, into: out)
            case (1, false): try decode(body, UInt8.self, variant: variant, into: out)
            case (2, false): try decode(body, UInt16.self, variant: variant, into: out)
            case (4, false): try decode(body, UInt32.self, variant: variant, into: out)
            default: try decode(body, UInt64.self, variant: variant, into: out)
            }
        }
    }

    private static func decode<T: FixedWidthInteger>(
        _ body: UnsafeRawBufferPointer, _: T.Type, variant: Variant, into out: UnsafeMutableRawBufferPointer
    ) throws {
        let size = MemoryLayout<T>.size
        let headerSize = 16
        guard body.count >= headerSize else {
            throw DatabaseError(
                .cannotDecompress,
                "Cannot decompress T64-encoded data: compressed size (\(body.count)) is too small to contain the min/max header (16 bytes)"
            )
        }
        guard out.count % size == 0 else {
            throw DatabaseError(
                .cannotDecompress,
                "Cannot decompress T64-encoded data, unexpected uncompressed size (\(out.count)) isn't a multiple of the data type size (\(size))"
            )
        }
        let count = out.count / size
        let minimum = body.littleEndian(at: 0, as: UInt64.self)
        let maximum = body.littleEndian(at: 8, as: UInt64.self)
        let bits = significantBits(min: minimum, max: maximum, signed: T.isSigned)
        guard bits > 0 else {
            let value = T(truncatingIfNeeded: minimum)
            for index in 0..<count { out.storeLittleEndian(value, at: index * size) }
            return
        }
        let groupSize = 8 * bits
        let data = body.count - headerSize
        guard data > 0, data % groupSize == 0 else {
            throw DatabaseError(
                .cannotDecompress,
                "Cannot decompress T64-encoded data, data size (\(data)) is not a multiplier of \(groupSize)")
        }
        var full = data / groupSize
        let tail = count % matrixSize
        if tail > 0 { full -= 1 }
        guard full * matrixSize + tail == count else {
            throw DatabaseError(
                .cannotDecompress,
                "Cannot decompress, the number of elements in the compressed data (\(full * matrixSize + tail)) is not equal to the expected number of elements in the decompressed data (\(count))"
            )
        }
        var upperMin: T = 0
        var upperMax: T = 0
        var signBit: T = 0
        if bits < 64 {
            upperMin = T(truncatingIfNeeded: (minimum >> UInt64(bits)) << UInt64(bits))
            if T.isSigned && Int64(bitPattern: minimum) < 0 && Int64(bitPattern: maximum) >= 0 {
                signBit = T(truncatingIfNeeded: UInt64(1) << UInt64(bits - 1))
                upperMax = T(truncatingIfNeeded: (maximum >> UInt64(bits)) << UInt64(bits))
            }
        }
        var matrix = [UInt64](repeating: 0, count: matrixSize)
        let fullBytes = bits / 8
        let partBits = bits % 8
        for group in 0..<(full + (tail > 0 ? 1 : 0)) {
            let columns = group < full ? matrixSize : tail
            for index in 0..<matrixSize {
                matrix[index] =
                    index < bits
                    ? body.littleEndian(at: headerSize + group * groupSize + index * 8, as: UInt64.self) : 0
            }
            if variant == .bit {
                for byte in 0..<fullBytes { reverseTransposeBits(&matrix, row: byte) }
            }
            if partBits > 0 { reverseTransposeBits(&matrix, row: fullBytes) }
            matrix.withUnsafeBytes { rows in
                for column in 0..<columns {
                    var raw: UInt64 = 0
                    for byte in 0..<size { raw |= UInt64(rows[64 * byte + column]) << UInt64(8 * byte) }
                    var value = T(truncatingIfNeeded: raw)
                    if signBit != 0 {
                        value |= value & signBit != 0 ? upperMin : upperMax
                    } else {
                        value |= upperMin
                    }
                    out.storeLittleEndian(value, at: (group * matrixSize + column) * size)
                }
            }
        }
    }
}

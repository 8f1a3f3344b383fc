import SHCore

/// The codec header shared by Delta, DoubleDelta, Gorilla and GCD: the data width in bytes, the count of leading
/// bytes that do not fill a whole value (unused when reading: ClickHouse recomputes it from the block's size), and
/// those bytes as they are. The values follow.
enum WidthHeader {
    /// Appends the header for `data` encoded with values of `width` bytes; returns the count of copied bytes.
    static func append(width: Int, of data: UnsafeRawBufferPointer, to out: inout [UInt8]) -> Int {
        let skipped = data.count % width
        out.append(UInt8(width))
        out.append(UInt8(skipped))
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[0..<skipped]))
        return skipped
    }

    /// Parses the header of a payload that decodes to `uncompressedSize` bytes: the width (one of `widths`), the
    /// unaligned leading bytes and the encoded values. Throws `CANNOT_DECOMPRESS` on a short or wrong header.
    static func parse(_ payload: UnsafeRawBufferPointer, uncompressedSize: Int, widths: [Int]) throws -> (
        width: Int, leading: UnsafeRawBufferPointer, values: UnsafeRawBufferPointer
    ) {
        guard payload.count >= 2, widths.contains(Int(payload[0])) else { throw wrongHeader }
        let width = Int(payload[0])
        let skipped = uncompressedSize % width
        guard 2 + skipped <= payload.count else { throw wrongHeader }
        return (
            width, UnsafeRawBufferPointer(rebasing: payload[2..<(2 + skipped)]),
            UnsafeRawBufferPointer(rebasing: payload[(2 + skipped)...])
        )
    }

    /// Checks, before anything is allocated, that the UInt32 value count that starts `values` (DoubleDelta,
    /// Gorilla) is that of `bytes` bytes of `width`-byte values.
    static func checkValueCount(_ values: UnsafeRawBufferPointer, bytes: Int, width: Int) throws {
        guard values.count >= 4 else {
            if bytes == 0 { return }
            throw cannotDecompress
        }
        guard Int(values.littleEndian(at: 0, as: UInt32.self)) * width == bytes else { throw cannotDecompress }
    }

    static var wrongHeader: DatabaseError {
        DatabaseError(.cannotDecompress, "Cannot decompress. File has wrong header")
    }

    static var cannotDecompress: DatabaseError { DatabaseError(.cannotDecompress, "Cannot decompress the data") }
}

extension UnsafeRawBufferPointer {
    /// The little-endian integer at `offset` (the caller has checked the bounds).
    @inline(__always)
    func littleEndian<T: FixedWidthInteger>(at offset: Int, as _: T.Type) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}

extension UnsafeMutableRawBufferPointer {
    /// Stores `value` little-endian at `offset` (the caller has checked the bounds).
    @inline(__always)
    func storeLittleEndian<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
    }
}

/// Decoded bytes of `size`, filled by `body` (which must not write past `size`).
func decodedBytes(_ size: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows -> [UInt8] {
    var out = [UInt8](repeating: 0, count: size)
    try out.withUnsafeMutableBytes { try body($0) }
    return out
}

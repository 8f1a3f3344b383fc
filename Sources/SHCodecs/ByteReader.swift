import SHCore

/// A bounds-checked cursor over bytes: little-endian integers, VarUInt, strings. Every read that would run
/// past the end throws `CANNOT_READ_ALL_DATA` instead of crashing.
public struct ByteReader: Sendable {
    public let bytes: [UInt8]
    public var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public var remaining: Int { bytes.count - offset }
    public var isAtEnd: Bool { offset >= bytes.count }

    /// Throws unless `count` more bytes are available.
    @inline(__always)
    public func require(_ count: Int) throws {
        guard count >= 0, count <= bytes.count - offset else {
            throw DatabaseError(
                .cannotReadAllData, "Cannot read all data. Bytes read: \(max(0, remaining)). Bytes expected: \(count)")
        }
    }

    /// A little-endian fixed-width integer.
    @inline(__always)
    public mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        try require(size)
        let value = bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
        offset += size
        return value
    }

    public mutating func readVarUInt() throws -> UInt64 {
        var position = offset
        let value = try bytes.withUnsafeBytes { try VarUInt.read($0, at: &position) }
        offset = position
        return value
    }

    /// `count` raw bytes.
    public mutating func readBytes(_ count: Int) throws -> ArraySlice<UInt8> {
        try require(count)
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// A VarUInt length followed by that many bytes (ClickHouse `readStringBinary`).
    public mutating func readStringBinary() throws -> ArraySlice<UInt8> {
        let length = try readVarUInt()
        guard length <= UInt64(remaining) else {
            throw DatabaseError(
                .cannotReadAllData, "Cannot read all data. Bytes read: \(remaining). Bytes expected: \(length)")
        }
        return try readBytes(Int(length))
    }
}

extension Array where Element == UInt8 {
    /// Appends a fixed-width integer little-endian.
    @inline(__always)
    public mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends VarUInt(length) + the bytes (ClickHouse `writeStringBinary`).
    public mutating func appendStringBinary<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        VarUInt.write(UInt64(bytes.count), to: &self)
        append(contentsOf: bytes)
    }
}

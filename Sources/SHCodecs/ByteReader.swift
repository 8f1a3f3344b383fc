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

    /// A VarUInt (ClickHouse `readVarUInt`); throws past the end and on an over-long encoding.
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

    /// A VarUInt length followed by that many bytes (ClickHouse `readStringBinary`); a length over 1 GiB
    /// is `TOO_LARGE_STRING_SIZE`, one past the end `CANNOT_READ_ALL_DATA`.
    public mutating func readStringBinary() throws -> ArraySlice<UInt8> {
        let length = try readVarUInt()
        guard length <= UInt64(SizeLimits.maxStringSize) else {
            throw DatabaseError(.tooLargeStringSize, "Too large string size: \(length). The maximum is: 1 GiB")
        }
        guard length <= UInt64(remaining) else {
            throw DatabaseError(
                .cannotReadAllData, "Cannot read all data. Bytes read: \(remaining). Bytes expected: \(length)")
        }
        return try readBytes(Int(length))
    }

    /// A VarUInt count of elements of `elementSize` bytes each that must all fit in the remaining bytes
    /// (so allocating `count` elements is bounded by the input's size).
    public mutating func readCount(elementSize: Int, what: String) throws -> Int {
        let count = try readVarUInt()
        return try SizeLimits.count(count, elementSize: elementSize, available: remaining, what: what)
    }
}

/// Limits and checked arithmetic for every size, count and offset read from a file: nothing read from
/// untrusted bytes is used in arithmetic or allocation before it has passed through here.
public enum SizeLimits {
    /// ClickHouse's `DEFAULT_MAX_STRING_SIZE`: 1 GiB.
    public static let maxStringSize = 1 << 30
    /// ClickHouse's `MAX_ARRAYS_SIZE` for the total number of elements in the arrays read at once: 2^40.
    public static let maxArraysSize = 1 << 40
    /// ClickHouse's `DBMS_MAX_COMPRESSED_SIZE`: the bound on a compressed block, compressed or not.
    public static let maxBlockSize = 1 << 30

    /// `value` as an Int, or `CORRUPTED_DATA` naming `what` when it does not fit.
    @inline(__always)
    public static func int(_ value: UInt64, what: @autoclosure () -> String) throws -> Int {
        guard let result = Int(exactly: value) else {
            throw DatabaseError(.corruptedData, "Too large \(what()): \(value)")
        }
        return result
    }

    /// `a + b`, or `CORRUPTED_DATA` on overflow.
    @inline(__always)
    public static func add(_ a: Int, _ b: Int, what: @autoclosure () -> String) throws -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw DatabaseError(.corruptedData, "Too large \(what()): \(a) + \(b) overflows") }
        return sum
    }

    /// `a * b`, or `CORRUPTED_DATA` on overflow.
    @inline(__always)
    public static func multiply(_ a: Int, _ b: Int, what: @autoclosure () -> String) throws -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else {
            throw DatabaseError(.corruptedData, "Too large \(what()): \(a) * \(b) overflows")
        }
        return product
    }

    /// A count of `elementSize`-byte elements read from a file, checked to fit in `available` bytes
    /// (`CANNOT_READ_ALL_DATA` otherwise, as ClickHouse reports a read past the end).
    public static func count(_ value: UInt64, elementSize: Int, available: Int, what: @autoclosure () -> String)
        throws -> Int
    {
        let size = max(1, elementSize)
        guard value <= UInt64(max(0, available) / size) else {
            throw DatabaseError(
                .cannotReadAllData,
                "Cannot read all data. Bytes read: \(max(0, available)). Bytes expected: at least \(value) elements of \(size) bytes (\(what()))"
            )
        }
        return Int(value)
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

import SHCore

/// Writes bits most significant first, as ClickHouse's `BitWriter`: each value's low `count` bits go after the
/// previous ones, bytes fill from their high bit, and the last byte is padded with zero bits.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    /// Bits not yet in `bytes`, right-aligned (fewer than 8 between calls).
    private var pending: UInt64 = 0
    private var pendingCount = 0

    init(reservingCapacity capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Appends the low `count` bits of `value` (`count` is 1…64).
    mutating func write(_ count: Int, _ value: UInt64) {
        if count > 32 {
            write(count - 32, value >> 32)
            write(32, value & 0xFFFF_FFFF)
            return
        }
        let masked = value & ((1 << UInt64(count)) &- 1)
        pending = (pending << UInt64(count)) | masked
        pendingCount += count
        while pendingCount >= 8 {
            pendingCount -= 8
            bytes.append(UInt8(truncatingIfNeeded: pending >> UInt64(pendingCount)))
        }
        pending &= (1 << UInt64(pendingCount)) &- 1
    }

    /// The written bytes, the last one padded with zero bits.
    mutating func finish() -> [UInt8] {
        if pendingCount > 0 {
            bytes.append(UInt8(truncatingIfNeeded: pending << UInt64(8 - pendingCount)))
            pending = 0
            pendingCount = 0
        }
        return bytes
    }
}

/// Reads bits most significant first (ClickHouse's `BitReader`), bounded: reading past the end is
/// `CANNOT_DECOMPRESS`, never a read outside `bytes`.
struct BitReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var position = 0
    let codecName: String

    init(_ bytes: UnsafeRawBufferPointer, codecName: String) {
        self.bytes = bytes
        self.codecName = codecName
    }

    var remainingBits: Int { bytes.count * 8 - position }
    var isAtEnd: Bool { remainingBits <= 0 }

    /// The next `count` bits (at most 8) without consuming them; bits past the end read as zeros.
    func peek(_ count: Int) -> UInt64 {
        var result: UInt64 = 0
        for index in 0..<count {
            let bit = position + index
            let value: UInt64 = bit < bytes.count * 8 ? UInt64(bytes[bit >> 3] >> (7 - UInt8(bit & 7))) & 1 : 0
            result = (result << 1) | value
        }
        return result
    }

    /// Consumes `count` bits (0…64) and returns them right-aligned.
    mutating func read(_ count: Int) throws -> UInt64 {
        guard count >= 0, count <= 64, count <= remainingBits else {
            throw DatabaseError(
                .cannotDecompress, "Cannot decompress \(codecName)-encoded data: unexpected end of data")
        }
        var result: UInt64 = 0
        var left = count
        while left > 0 {
            let offset = position & 7
            let available = 8 - offset
            let take = min(available, left)
            let byte = UInt64(bytes[position >> 3])
            let bits = (byte >> UInt64(available - take)) & ((1 << UInt64(take)) - 1)
            result = (result << UInt64(take)) | bits
            left -= take
            position += take
        }
        return result
    }
}

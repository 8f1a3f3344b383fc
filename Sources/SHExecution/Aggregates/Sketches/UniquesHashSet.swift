import Foundation
import SHCodecs
import SHCore

/// ClickHouse's `UniquesHashSet`, the state of `uniq`: an open-addressing table of 32-bit hashes (zero kept as a
/// flag) that doubles when half full and, past 2^16 elements, keeps only the hashes divisible by 2^skipDegree
/// (BJKST sampling). Its iteration order is its serialization order, so every step follows ClickHouse exactly.
struct UniquesHashSet: Sendable, Equatable {
    /// The largest table is 2^17 cells; past 2^16 elements the set thins out instead of growing.
    static let maxSizeDegree: UInt8 = 17
    static let maxSize: UInt32 = 1 << (maxSizeDegree - 1)
    /// The low bits used for thinning; a hash's place in the table comes from the bits above them.
    static let bitsForSkip: UInt32 = 32 - UInt32(maxSizeDegree)
    static let initialSizeDegree: UInt8 = 4
    /// The largest skip degree thinning can produce (and a read accepts).
    static let maxSkipDegree: UInt8 = UInt8(bitsForSkip) + 1

    /// Number of elements held (the zero hash included).
    private(set) var count: UInt32 = 0
    private(set) var sizeDegree: UInt8 = initialSizeDegree
    /// Only hashes divisible by 2^skipDegree are kept.
    private(set) var skipDegree: UInt8 = 0
    private(set) var hasZero = false
    private var cells = [UInt32](repeating: 0, count: 1 << Int(initialSizeDegree))

    private var mask: Int { cells.count - 1 }
    private var maxFill: Int { cells.count / 2 }

    private func place(_ hash: UInt32) -> Int { Int(hash >> Self.bitsForSkip) & mask }

    private func isKept(_ hash: UInt32) -> Bool { hash == (hash >> UInt32(skipDegree)) << UInt32(skipDegree) }

    /// Adds a hash (what ClickHouse's `insert` does after hashing the value).
    mutating func insert(hash: UInt32) {
        guard isKept(hash) else { return }
        insertKept(hash)
        shrinkIfNeeded()
    }

    private mutating func insertKept(_ hash: UInt32) {
        if hash == 0 {
            if !hasZero { count += 1 }
            hasZero = true
            return
        }
        var position = place(hash)
        while cells[position] != 0 && cells[position] != hash { position = (position + 1) & mask }
        if cells[position] == hash { return }
        cells[position] = hash
        count += 1
    }

    /// Puts a hash known to be absent into the first free cell from its place.
    private mutating func reinsert(_ hash: UInt32) {
        var position = place(hash)
        while cells[position] != 0 { position = (position + 1) & mask }
        cells[position] = hash
    }

    /// Grows the table past half full, or thins out past `maxSize` elements. At the largest skip degree at most
    /// `maxSize` distinct hashes remain, so thinning stops there (only a state read with duplicate hashes reaches it,
    /// where ClickHouse throws INCORRECT_DATA; adding and merging cannot fail here).
    private mutating func shrinkIfNeeded() {
        guard count > UInt32(maxFill) else { return }
        guard count > Self.maxSize else { return grow() }
        while count > Self.maxSize && skipDegree < Self.maxSkipDegree {
            skipDegree += 1
            thinOut()
        }
    }

    /// Drops the hashes not divisible by 2^skipDegree and moves the others back towards their places.
    private mutating func thinOut() {
        for index in 0..<cells.count where cells[index] != 0 {
            let hash = cells[index]
            if !isKept(hash) {
                cells[index] = 0
                count -= 1
            } else if index != place(hash) {
                cells[index] = 0
                reinsert(hash)
            }
        }
        // The chain that wrapped around the end is processed once more.
        var index = 0
        while index < cells.count && cells[index] != 0 {
            let hash = cells[index]
            if index != place(hash) {
                cells[index] = 0
                reinsert(hash)
            }
            index += 1
        }
    }

    /// Doubles the table and moves every hash that is no longer in its place, as ClickHouse's `resize` does.
    private mutating func grow() {
        let oldSize = cells.count
        cells.append(contentsOf: repeatElement(0, count: oldSize))
        sizeDegree += 1
        var index = 0
        while index < oldSize || cells[index] != 0 {
            defer { index += 1 }
            let hash = cells[index]
            guard hash != 0 else { continue }
            var position = place(hash)
            if position == index { continue }
            while cells[position] != 0 && cells[position] != hash { position = (position + 1) & mask }
            if cells[position] == hash { continue }
            cells[position] = hash
            cells[index] = 0
        }
    }

    /// Merges another set (ClickHouse's `UniquesHashSet::merge`).
    mutating func merge(_ other: UniquesHashSet) {
        if other.skipDegree > skipDegree {
            skipDegree = other.skipDegree
            thinOut()
        }
        if !hasZero && other.hasZero {
            hasZero = true
            count += 1
            shrinkIfNeeded()
        }
        for hash in other.cells where hash != 0 && isKept(hash) {
            insertKept(hash)
            shrinkIfNeeded()
        }
    }

    /// The estimated number of distinct values (`uniq`'s result).
    var estimate: UInt64 {
        guard skipDegree != 0 else { return UInt64(count) }
        let scale = UInt64(1) << UInt64(skipDegree)
        var estimate = UInt64(count) * scale
        // A pseudo-random remainder hides that the count is a multiple of a power of two.
        estimate += UInt64(Self.crc32c(UInt64(count))) & (scale - 1)
        let hashSpace = UInt64(1) << 32
        estimate = min(estimate, hashSpace - 1)
        // Corrects for collisions among the 2^32 hash values.
        let corrected = (Double(hashSpace) * (log(Double(hashSpace)) - log(Double(hashSpace - estimate)))).rounded()
        return UInt64(corrected)
    }

    /// `intHashCRC32`: the CRC-32C step of the eight bytes of `value` from an all-ones register, not inverted.
    static func crc32c(_ value: UInt64) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        var remaining = value
        for _ in 0..<8 {
            crc ^= UInt32(remaining & 0xFF)
            remaining >>= 8
            for _ in 0..<8 { crc = (crc >> 1) ^ (0x82F6_3B78 & (0 &- (crc & 1))) }
        }
        return crc
    }

    /// ClickHouse's `write`: the skip degree, VarUInt count, the zero hash if held, then the hashes in table order.
    func serialize(into bytes: inout [UInt8]) {
        bytes.append(skipDegree)
        VarUInt.write(UInt64(count), to: &bytes)
        if hasZero { bytes.appendLittleEndian(UInt32(0)) }
        for hash in cells where hash != 0 { bytes.appendLittleEndian(hash) }
    }

    /// ClickHouse's `read`: the table is sized for the count and the hashes are put back in the order read.
    static func deserialize(from reader: inout ByteReader) throws -> UniquesHashSet {
        var set = UniquesHashSet()
        set.skipDegree = try reader.read(UInt8.self)
        guard set.skipDegree <= maxSkipDegree else {
            throw DatabaseError(
                .incorrectData,
                "Cannot read UniquesHashSet: skip degree is \(set.skipDegree), which exceeds the maximum value of \(maxSkipDegree)"
            )
        }
        let count = try reader.readVarUInt()
        guard count <= UInt64(maxSize) else {
            throw DatabaseError(.pocoException, "Exception: Cannot read UniquesHashSet: too large size_degree")
        }
        try reader.require(Int(count) * 4)
        set.count = UInt32(count)
        if count > 1 {
            let degree = Int(log2(Double(count - 1))) + 2
            set.sizeDegree = UInt8(max(Int(initialSizeDegree), degree))
            set.cells = [UInt32](repeating: 0, count: 1 << Int(set.sizeDegree))
        }
        for _ in 0..<count {
            let hash = try reader.read(UInt32.self)
            if hash == 0 {
                set.hasZero = true
            } else {
                set.reinsert(hash)
            }
        }
        return set
    }
}

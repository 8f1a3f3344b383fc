import SHCodecs

/// A set of keys (as bytes) that iterates in the order ClickHouse's open-addressing `HashSet` does, so that
/// `groupUniqArray`'s elements come out in ClickHouse's order: the "zero" key first (ClickHouse keeps it apart: the
/// empty string, or the integer 0), then the table's cells in order. Cells are placed by the key's hash with linear
/// probing; the table starts with 2^`initialDegree` cells and grows 4-fold (2-fold from 2^23) when more than half
/// full, moving cells as ClickHouse's `resize` does. Strings use `HashSetWithSavedHashWithStackMemory<string_view,
/// StringViewHash, 3>` (`strings()`), integers `HashSetWithStackMemory<T, DefaultHash<T>, 4>` (`integers()`).
struct ClickHouseHashSet: Sendable {
    private struct Cell: Sendable {
        var hash: UInt64
        var key: [UInt8]
    }

    private var cells: [Cell?]
    private var degree: Int
    private let hashOf: @Sendable ([UInt8]) -> UInt64
    /// Whether a key is ClickHouse's zero value (kept apart from the cells).
    private let isZero: @Sendable ([UInt8]) -> Bool
    private var hasZero = false
    /// The number of elements, the zero key included.
    private(set) var count = 0

    private init(
        initialDegree: Int, hash: @escaping @Sendable ([UInt8]) -> UInt64, isZero: @escaping @Sendable ([UInt8]) -> Bool
    ) {
        degree = initialDegree
        cells = Array(repeating: nil, count: 1 << initialDegree)
        hashOf = hash
        self.isZero = isZero
    }

    /// The set `groupUniqArray` of strings keeps (keys: the strings' bytes; zero: the empty string).
    static func strings() -> ClickHouseHashSet {
        ClickHouseHashSet(initialDegree: 3, hash: { UInt64(stringHash($0)) }, isZero: { $0.isEmpty })
    }

    /// The set `groupUniqArray` of integers keeps (keys: each value's little-endian bytes, 1 to 8 of them; zero: 0).
    /// One-byte values come out in the order of their unsigned byte (a table of 256 cells indexed by the byte).
    static func integers(width: Int) -> ClickHouseHashSet {
        width == 1
            ? ClickHouseHashSet(
                initialDegree: 8, hash: { UInt64($0.first ?? 0) }, isZero: { $0.allSatisfy { $0 == 0 } })
            : ClickHouseHashSet(initialDegree: 4, hash: integerHash, isZero: { $0.allSatisfy { $0 == 0 } })
    }

    /// The set `uniqExact` of numbers keeps (`HashSetWithStackMemory<T, HashCRC32<T>, 4>`: keys are each value's
    /// little-endian bytes, hashed as the zero-extended 64-bit word, whatever their width).
    static func exactNumbers() -> ClickHouseHashSet {
        ClickHouseHashSet(initialDegree: 4, hash: integerHash, isZero: { $0.allSatisfy { $0 == 0 } })
    }

    /// The set `uniqExact` of strings keeps (`HashSetWithSavedHashWithStackMemory<UInt128, UInt128TrivialHash, 3>`:
    /// keys are the strings' 16-byte SipHash128, placed by their low 64 bits).
    static func exactHashes() -> ClickHouseHashSet {
        ClickHouseHashSet(
            initialDegree: 3,
            hash: { key in key.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } },
            isZero: { $0.allSatisfy { $0 == 0 } })
    }

    private var mask: Int { (1 << degree) - 1 }

    /// The elements in ClickHouse's iteration order.
    var elements: [[UInt8]] { (zeroKey.map { [$0] } ?? []) + cells.compactMap { $0?.key } }

    private var zeroKey: [UInt8]?

    mutating func insert(_ key: [UInt8]) {
        guard !isZero(key) else {
            if !hasZero {
                hasZero = true
                zeroKey = key
                count += 1
            }
            return
        }
        let hash = hashOf(key)
        let place = findCell(key, hash: hash, from: Int(truncatingIfNeeded: hash) & mask)
        guard cells[place] == nil else { return }
        cells[place] = Cell(hash: hash, key: key)
        count += 1
        if count > 1 << (degree - 1) { resize() }
    }

    /// Sizes an empty set for `count` elements as ClickHouse's `HashTable::read` does before inserting a serialized
    /// set's elements (`HashTableGrower::set`: 2^(⌊log2(count − 1)⌋ + 2) cells, at least the initial size), so that
    /// the elements then inserted come out in ClickHouse's order.
    mutating func reserve(forReading count: Int) {
        guard count > 1, self.count == 0 else { return }
        let wanted = (Int.bitWidth - (count - 1).leadingZeroBitCount - 1) + 2
        guard wanted > degree, wanted <= 40 else { return }
        degree = wanted
        cells = Array(repeating: nil, count: 1 << degree)
    }

    /// The cell holding `key`, or the first empty one after `start` in probing order.
    private func findCell(_ key: [UInt8], hash: UInt64, from start: Int) -> Int {
        var place = start
        while let cell = cells[place], cell.hash != hash || cell.key != key { place = (place + 1) & mask }
        return place
    }

    private mutating func resize() {
        let oldSize = cells.count
        degree += degree >= 23 ? 1 : 2
        cells += Array(repeating: nil, count: (1 << degree) - oldSize)
        for index in 0..<oldSize where cells[index] != nil { reinsert(at: index) }
        var index = oldSize
        while index < cells.count, cells[index] != nil {
            reinsert(at: index)
            index += 1
        }
    }

    /// Moves the cell at `index` to where it belongs in the grown table (ClickHouse's `reinsert`).
    private mutating func reinsert(at index: Int) {
        guard let cell = cells[index] else { return }
        let home = Int(truncatingIfNeeded: cell.hash) & mask
        guard home != index else { return }
        let place = findCell(cell.key, hash: cell.hash, from: home)
        guard cells[place] == nil else { return }
        cells[place] = cell
        cells[index] = nil
    }

    /// ClickHouse's `intHashCRC32` (its `DefaultHash` of integers on x86-64): the SSE4.2 CRC32-C of the 64-bit word.
    static func integerHash(_ key: [UInt8]) -> UInt64 {
        var word: UInt64 = 0
        for byte in key.prefix(8).reversed() { word = word << 8 | UInt64(byte) }
        return UInt64(crc32c(0xFFFF_FFFF, word))
    }

    /// ClickHouse's `StringRefHash` on x86-64 (`CRC32Hash`): CRC32-C of the 8-byte words (the last one ending at the
    /// string's end) for 8 bytes and more, CityHash's `hashLessThan8` below, truncated to 32 bits.
    static func stringHash(_ key: [UInt8]) -> UInt32 {
        let size = key.count
        guard size >= 8 else { return UInt32(truncatingIfNeeded: hashLessThan8(key)) }
        var crc: UInt32 = 0xFFFF_FFFF
        var position = 0
        repeat {
            crc = crc32c(crc, word(key, at: position))
            position += 8
        } while position + 8 < size
        return crc32c(crc, word(key, at: size - 8))
    }

    private static func word(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return value
    }

    private static func word32(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in (0..<4).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return value
    }

    private static func hashLessThan8(_ key: [UInt8]) -> UInt64 {
        let k2: UInt64 = 0x9ae1_6a3b_2f90_404f
        let k3: UInt64 = 0xc949_d7c7_509e_6557
        let size = key.count
        if size >= 4 {
            let a = word32(key, at: 0)
            return CityHash64.hash16(UInt64(size) &+ (a << 3), word32(key, at: size - 4))
        }
        guard size > 0 else { return k2 }
        let y = UInt32(key[0]) &+ (UInt32(key[size >> 1]) << 8)
        let z = UInt32(size) &+ (UInt32(key[size - 1]) << 2)
        let mixed = UInt64(y) &* k2 ^ UInt64(z) &* k3
        return (mixed ^ (mixed >> 47)) &* k2
    }

    /// The SSE4.2 `crc32` instruction on a 64-bit word: CRC32-C (reflected 0x82F63B78), without inversions.
    private static func crc32c(_ crc: UInt32, _ word: UInt64) -> UInt32 {
        var value = crc
        var data = word
        for _ in 0..<8 {
            value = crcTable[Int((value ^ UInt32(truncatingIfNeeded: data)) & 0xFF)] ^ (value >> 8)
            data >>= 8
        }
        return value
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 != 0 ? (value >> 1) ^ 0x82F6_3B78 : value >> 1 }
        return value
    }
}

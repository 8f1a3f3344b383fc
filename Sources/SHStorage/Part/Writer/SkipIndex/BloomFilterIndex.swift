import SHCodecs
import SHColumns
import SHCore

/// `TYPE bloom_filter[(false_positive)]`: per index granule one Bloom filter per expression element, sized for the
/// granule's distinct value hashes, as ClickHouse's MergeTreeIndexBloomFilter writes it (`.idx`, version 1): the
/// number of distinct hashes of the element with the most (VarUInt), then each filter's bytes.
struct BloomFilterIndexKind: SkipIndexKind {
    let bitsPerRow: Int
    let hashFunctions: Int
    let types: [DataType]

    var fileExtension: String { ".idx" }

    func makeAggregator() -> any SkipIndexAggregator {
        BloomFilterAggregator(kind: self)
    }

    /// `bloom_filter` takes an optional false-positive rate (0.025 by default, clamped to [0, 1]); the element types
    /// are the ones ClickHouse hashes (numbers, dates, enums, strings, UUID, IPv4, inside Array, Nullable or
    /// LowCardinality), less the ones SwiftHouse does not hash yet (128- and 256-bit numbers, IPv6).
    static func make(_ arguments: [Value], _ types: [DataType]) throws -> any SkipIndexKind {
        guard arguments.count <= 1 else {
            throw DatabaseError(.numberOfArgumentsDoesntMatch, "BloomFilter index cannot have more than one parameter.")
        }
        let rate = min(1, max(arguments.first?.double ?? 0.025, 0))
        for type in types where BloomFilterHash.primitiveType(type).flatMap(BloomFilterHash.valueHasher) == nil {
            throw DatabaseError(.notImplemented, "bloom_filter index on \(type) is not built by SwiftHouse")
        }
        let (bits, hashes) = BloomFilterHash.bestPractices(rate)
        return BloomFilterIndexKind(bitsPerRow: bits, hashFunctions: hashes, types: types)
    }
}

/// The distinct value hashes of each element over one index granule.
struct BloomFilterAggregator: SkipIndexAggregator {
    let kind: BloomFilterIndexKind
    private var hashes: [Set<UInt64>]
    private var rows = 0

    init(kind: BloomFilterIndexKind) {
        self.kind = kind
        hashes = Array(repeating: [], count: kind.types.count)
    }

    var isEmpty: Bool { rows == 0 }

    mutating func update(_ values: [Column]) throws {
        guard let count = values.first?.count, count > 0 else { return }
        for (slot, column) in values.enumerated() where slot < hashes.count {
            hashes[slot].formUnion(try BloomFilterHash.hashes(of: column, type: kind.types[slot]))
        }
        rows += count
    }

    func serialized() throws -> [UInt8] {
        let total = hashes.map(\.count).max() ?? 0
        var out: [UInt8] = []
        VarUInt.write(UInt64(total), to: &out)
        let (bits, overflow) = kind.bitsPerRow.multipliedReportingOverflow(by: total)
        guard !overflow else { throw DatabaseError(.tooLargeArraySize, "Bloom filter of \(total) rows is too large") }
        let bytes = (bits + 7) / 8
        for set in hashes {
            var words = [UInt64](repeating: 0, count: (bytes + 7) / 8)
            let modulus = UInt64(8 * bytes)
            if modulus > 0 {
                for hash in set {
                    for seed in BloomFilterHash.seeds.prefix(kind.hashFunctions) {
                        let position = CityHash64.hash16(hash, seed) % modulus
                        words[Int(position / 64)] |= 1 << (position % 64)
                    }
                }
            }
            var filter: [UInt8] = []
            filter.reserveCapacity(words.count * 8)
            for word in words { ColumnSerializer.appendLE(word, to: &filter) }
            out += filter.prefix(bytes)
        }
        return out
    }
}

/// ClickHouse's BloomFilterHash: how values are hashed for `bloom_filter` indexes and its sizing rule.
enum BloomFilterHash {
    /// The seeds of the hash functions (`bf_hash_seed`).
    static let seeds: [UInt64] = [
        13_635_471_485_423_070_496, 10_336_109_063_487_487_899, 17_779_957_404_565_211_594, 8_988_612_159_822_229_247,
        4_954_614_162_757_618_085, 12_980_113_590_177_089_081, 9_263_883_436_177_860_930, 3_656_772_712_723_269_762,
        10_362_091_744_962_961_274, 7_582_936_617_938_287_249, 15_033_938_188_484_401_405, 18_286_745_649_494_826_751,
        6_852_245_486_148_412_312, 8_886_056_245_089_344_681, 10_151_472_371_158_292_780,
    ]

    /// The type whose values are hashed: Array, Nullable and LowCardinality removed (an Array of Arrays or of
    /// Nullable has none: ClickHouse refuses them).
    static func primitiveType(_ type: DataType) -> DataType? {
        switch type {
        case .array(let inner):
            if case .array = inner.withoutLowCardinality.removingNullable { return nil }
            if inner.isNullable { return nil }
            return primitiveType(inner)
        case .nullable(let inner), .lowCardinality(let inner): return primitiveType(inner)
        default: return type
        }
    }

    /// How one value of a primitive type is hashed, from its bytes in the column: numbers by ClickHouse's
    /// `DefaultHash64` (intHash64 of the zero-extended bits; Float32 widened to Float64 first), strings by CityHash64.
    static func valueHasher(_ type: DataType) -> ((Column, Int) -> UInt64)? {
        switch type {
        case .string, .fixedString:
            return { column, row in
                let bounds: Range<Int>
                if case .fixedString(let width) = column.type.withoutLowCardinality {
                    bounds = (row * width)..<((row + 1) * width)
                } else {
                    bounds = column.bounds(of: row)
                }
                return column.data[bounds].withUnsafeBytes { CityHash64.hash($0) }
            }
        case .float32:
            return { column, row in
                intHash64(Double(Float(bitPattern: UInt32(column.rawBits(at: row, width: 4)))).bitPattern)
            }
        case .uuid:
            return { column, row in
                intHash64(column.rawBits(at: 2 * row, width: 8) ^ column.rawBits(at: 2 * row + 1, width: 8))
            }
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .bool, .float64, .date, .date32,
            .dateTime, .dateTime64, .enum8, .enum16, .ipv4:
            guard let width = type.fixedWidth else { return nil }
            return { column, row in intHash64(column.rawBits(at: row, width: width)) }
        default:
            return nil
        }
    }

    /// The hashes of a granule's values of one element: every value of a scalar column (a NULL hashes the value
    /// its nested column holds), every element of an Array column (one hash 0 when the arrays hold none).
    static func hashes(of column: Column, type: DataType) throws -> Set<UInt64> {
        guard let primitive = primitiveType(type), let hasher = valueHasher(primitive) else {
            throw DatabaseError(.notImplemented, "bloom_filter index on \(type) is not built by SwiftHouse")
        }
        var values = column
        if case .array = type.withoutLowCardinality {
            values = column.children[0]
            if values.count == 0 { return [0] }
        }
        while case .nullable = values.type.withoutLowCardinality { values = values.children[0] }
        var result = Set<UInt64>()
        for row in 0..<values.count { result.insert(hasher(values, row)) }
        return result
    }

    static func intHash64(_ value: UInt64) -> UInt64 { IntHash64.hash(value) }

    /// False-positive probabilities by bits per row and number of hash functions (ClickHouse's lookup table).
    private static let probabilities: [[Double]] = [
        [1.0],
        [1.0, 1.0],
        [1.0, 0.393, 0.400],
        [1.0, 0.283, 0.237, 0.253],
        [1.0, 0.221, 0.155, 0.147, 0.160],
        [1.0, 0.181, 0.109, 0.092, 0.092, 0.101],
        [1.0, 0.154, 0.0804, 0.0609, 0.0561, 0.0578, 0.0638],
        [1.0, 0.133, 0.0618, 0.0423, 0.0359, 0.0347, 0.0364],
        [1.0, 0.118, 0.0489, 0.0306, 0.024, 0.0217, 0.0216, 0.0229],
        [1.0, 0.105, 0.0397, 0.0228, 0.0166, 0.0141, 0.0133, 0.0135, 0.0145],
        [1.0, 0.0952, 0.0329, 0.0174, 0.0118, 0.00943, 0.00844, 0.00819, 0.00846],
        [1.0, 0.0869, 0.0276, 0.0136, 0.00864, 0.0065, 0.00552, 0.00513, 0.00509],
        [1.0, 0.08, 0.0236, 0.0108, 0.00646, 0.00459, 0.00371, 0.00329, 0.00314],
        [1.0, 0.074, 0.0203, 0.00875, 0.00492, 0.00332, 0.00255, 0.00217, 0.00199, 0.00194],
        [1.0, 0.0689, 0.0177, 0.00718, 0.00381, 0.00244, 0.00179, 0.00146, 0.00129, 0.00121, 0.0012],
        [1.0, 0.0645, 0.0156, 0.00596, 0.003, 0.00183, 0.00128, 0.001, 0.000852, 0.000775, 0.000744],
        [1.0, 0.0606, 0.0138, 0.005, 0.00239, 0.00139, 0.000935, 0.000702, 0.000574, 0.000505, 0.00047, 0.000459],
        [
            1.0, 0.0571, 0.0123, 0.00423, 0.00193, 0.00107, 0.000692, 0.000499, 0.000394, 0.000335, 0.000302, 0.000287,
            0.000284,
        ],
        [
            1.0, 0.054, 0.0111, 0.00362, 0.00158, 0.000839, 0.000519, 0.00036, 0.000275, 0.000226, 0.000198, 0.000183,
            0.000176,
        ],
        [
            1.0, 0.0513, 0.00998, 0.00312, 0.0013, 0.000663, 0.000394, 0.000264, 0.000194, 0.000155, 0.000132, 0.000118,
            0.000111, 0.000109,
        ],
        [
            1.0, 0.0488, 0.00906, 0.0027, 0.00108, 0.00053, 0.000303, 0.000196, 0.00014, 0.000108, 8.89e-05, 7.77e-05,
            7.12e-05, 6.79e-05, 6.71e-05,
        ],
    ]

    /// For each number of bits per row, the number of hash functions with the least probability.
    private static let bestHashIndex = [0, 0, 1, 2, 3, 3, 4, 5, 6, 6, 7, 8, 8, 9, 10, 10, 11, 12, 12, 13, 14]

    /// ClickHouse's `calculationBestPractices`: the fewest bits per row whose best probability is within `rate`,
    /// with the fewest hash functions that still reach it.
    static func bestPractices(_ rate: Double) -> (bitsPerRow: Int, hashFunctions: Int) {
        if rate >= 0.283 { return (2, 2) }
        func probability(_ bits: Int, _ hashes: Int) -> Double {
            hashes < probabilities[bits].count ? probabilities[bits][hashes] : 0
        }
        for bits in 1..<20 where probability(bits, bestHashIndex[bits]) <= rate {
            var hashes = bestHashIndex[bits]
            while hashes > 0 {
                if probability(bits, hashes) > rate { return (bits, hashes + 1) }
                hashes -= 1
            }
        }
        return (19, bestHashIndex[19])
    }
}

import SHCodecs
import SHColumns
import SHCore

/// `TYPE tokenbf_v1(size, hashes, seed)` and `TYPE ngrambf_v1(n, size, hashes, seed)`: per index granule one Bloom
/// filter of `size` bytes per expression element holding the tokens (maximal runs of ASCII letters and digits and
/// non-ASCII bytes) or the n-grams (of UTF-8 code points) of every string, as ClickHouse's
/// MergeTreeIndexBloomFilterText writes it (`.idx`, version 1): each filter's `size` bytes.
struct TextBloomFilterIndexKind: SkipIndexKind {
    enum Tokenizer: Sendable {
        case splitByNonAlpha
        case ngrams(Int)
    }

    let tokenizer: Tokenizer
    let size: Int
    let hashes: Int
    let seed: UInt64
    let types: [DataType]

    var fileExtension: String { ".idx" }

    func makeAggregator() -> any SkipIndexAggregator { TextBloomFilterAggregator(kind: self) }

    /// `tokenbf_v1(size, hashes, seed)`.
    static func tokens(_ arguments: [Value], _ types: [DataType]) throws -> any SkipIndexKind {
        guard arguments.count == 3 else {
            throw DatabaseError(.incorrectQuery, "`tokenbf` index must have exactly 3 arguments.")
        }
        return try make(.splitByNonAlpha, parameters: arguments, types: types)
    }

    /// `ngrambf_v1(n, size, hashes, seed)`.
    static func ngrams(_ arguments: [Value], _ types: [DataType]) throws -> any SkipIndexKind {
        guard arguments.count == 4, let n = arguments[0].int64, n >= 1, n <= 1_000_000 else {
            throw DatabaseError(.incorrectQuery, "`ngrambf` index must have exactly 4 arguments.")
        }
        return try make(.ngrams(Int(n)), parameters: Array(arguments.dropFirst()), types: types)
    }

    private static func make(_ tokenizer: Tokenizer, parameters: [Value], types: [DataType]) throws -> any SkipIndexKind
    {
        guard let size = parameters[0].int64, let hashes = parameters[1].int64, let seed = parameters[2].int64,
            size >= 0, hashes >= 0
        else { throw DatabaseError(.incorrectQuery, "Bloom filter index parameters must be unsigned integers.") }
        guard size > 0 else { throw DatabaseError(.badArguments, "The size of bloom filter cannot be zero") }
        guard hashes > 0 else {
            throw DatabaseError(.badArguments, "The number of hash functions for bloom filter cannot be zero")
        }
        guard size <= 1 << 30 else {
            throw DatabaseError(.badArguments, "The size of bloom filter cannot be more than \(1 << 30)")
        }
        for type in types where stringElements(type) == nil {
            throw DatabaseError(.notImplemented, "Text bloom filter index on \(type) is not built by SwiftHouse")
        }
        return TextBloomFilterIndexKind(
            tokenizer: tokenizer, size: Int(size), hashes: Int(hashes), seed: UInt64(bitPattern: seed), types: types)
    }

    /// Whether values of `type` are strings SwiftHouse tokenizes: String, FixedString, their LowCardinality, and
    /// Arrays of those (each element tokenized). The bool is true for an Array.
    static func stringElements(_ type: DataType) -> Bool? {
        switch type.withoutLowCardinality {
        case .string, .fixedString: false
        case .array(let inner):
            switch inner.withoutLowCardinality {
            case .string, .fixedString: true
            default: nil
            }
        default: nil
        }
    }
}

/// The filters of one index granule.
struct TextBloomFilterAggregator: SkipIndexAggregator {
    let kind: TextBloomFilterIndexKind
    private var filters: [[UInt64]]
    private var hasElements = false

    /// ClickHouse's seed of the second hash of a token (`SEED_GEN_A * seed + SEED_GEN_B`).
    private let secondSeed: UInt64

    init(kind: TextBloomFilterIndexKind) {
        self.kind = kind
        filters = Array(repeating: [UInt64](repeating: 0, count: (kind.size + 7) / 8), count: kind.types.count)
        secondSeed = 845_897_321 &* kind.seed &+ 217_728_422
    }

    var isEmpty: Bool { !hasElements }

    mutating func update(_ values: [Column]) throws {
        guard let count = values.first?.count, count > 0 else { return }
        for (slot, column) in values.enumerated() where slot < filters.count {
            let strings = TextBloomFilterIndexKind.stringElements(column.type) == true ? column.children[0] : column
            for row in 0..<strings.count {
                let bounds: Range<Int>
                if case .fixedString(let width) = strings.type.withoutLowCardinality {
                    bounds = (row * width)..<((row + 1) * width)
                } else {
                    bounds = strings.bounds(of: row)
                }
                strings.data[bounds].withUnsafeBytes { addTokens(of: $0, to: slot) }
            }
        }
        hasElements = true
    }

    private mutating func addTokens(of text: UnsafeRawBufferPointer, to slot: Int) {
        let length = text.count
        guard length > 0 else { return }
        switch kind.tokenizer {
        case .splitByNonAlpha:
            var start = 0
            for position in 0...length {
                let separator: Bool
                if position == length {
                    separator = true
                } else {
                    let byte = text[position]
                    let isAlphanumeric =
                        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                        || (byte >= 0x61 && byte <= 0x7A)
                    separator = byte < 0x80 && !isAlphanumeric
                }
                if separator {
                    if position > start { add(UnsafeRawBufferPointer(rebasing: text[start..<position]), to: slot) }
                    start = position + 1
                }
            }
        case .ngrams(let n):
            guard length >= n else { return }
            var position = 0
            while position < length {
                var tokenLength = 0
                var codePoints = 0
                while codePoints < n && position + tokenLength < length {
                    tokenLength += Self.sequenceLength(text[position + tokenLength])
                    codePoints += 1
                }
                if codePoints == n {
                    let end = min(length, position + tokenLength)
                    add(UnsafeRawBufferPointer(rebasing: text[position..<end]), to: slot)
                } else {
                    return
                }
                position += Self.sequenceLength(text[position])
            }
        }
    }

    /// ClickHouse's `UTF8::seqLength` of a leading byte.
    private static func sequenceLength(_ byte: UInt8) -> Int {
        if byte < 0x80 || byte >= 0xF8 { return 1 }
        return (~byte).leadingZeroBitCount
    }

    /// `BloomFilter::add`: positions `hash1 + i * hash2 + i²` modulo the filter's bits.
    private mutating func add(_ token: UnsafeRawBufferPointer, to slot: Int) {
        let hash = CityHash64.hash(token)
        let first = CityHash64.hash16(hash &- Self.k2, kind.seed)
        let second = CityHash64.hash16(hash &- Self.k2, secondSeed)
        let modulus = UInt64(8 * kind.size)
        var accumulator = first
        for index in 0..<UInt64(kind.hashes) {
            let position = (accumulator &+ index &* index) % modulus
            filters[slot][Int(position / 64)] |= 1 << (position % 64)
            accumulator = accumulator &+ second
        }
    }

    /// CityHash's `k2`, the first seed of `CityHash64WithSeed`.
    private static let k2: UInt64 = 0x9ae1_6a3b_2f90_404f

    func serialized() throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(filters.count * kind.size)
        for filter in filters {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(filter.count * 8)
            for word in filter { ColumnSerializer.appendLE(word, to: &bytes) }
            out += bytes.prefix(kind.size)
        }
        return out
    }
}

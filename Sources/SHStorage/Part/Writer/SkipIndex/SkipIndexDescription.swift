import SHColumns
import SHCore

/// One data-skipping index of a MergeTree table (`INDEX name expr TYPE kind GRANULARITY n`), as parts are written
/// with it: its expression's values for every data granule go to the kind's aggregator, and every `granularity`
/// data granules make one index granule of `skp_idx_<name>` (ClickHouse's MergeTreeDataPartWriterOnDisk).
public struct SkipIndexDescription: Sendable {
    /// The index's name as written (its files are named after the escaped name).
    public var name: String
    /// Data granules per index granule (`GRANULARITY n`, 1 when not written).
    public var granularity: Int
    /// The index expression's elements (`INDEX i (a, b)` has two), evaluated over the table's stored columns.
    public var expressions: any KeyExpressions
    /// How the index summarizes a granule (minmax, set, bloom_filter…).
    public var kind: any SkipIndexKind
    /// The stored-column indices the expression reads (only those are cut to each granule); nil when not known.
    public var columns: Set<Int>?

    public init(
        name: String, granularity: Int, expressions: any KeyExpressions, kind: any SkipIndexKind,
        columns: Set<Int>? = nil
    ) {
        self.name = name
        self.granularity = max(1, granularity)
        self.expressions = expressions
        self.kind = kind
        self.columns = columns
    }

    /// The stem of the index's files: `skp_idx_<escaped name>`.
    public var fileStem: String { "skp_idx_" + escapeForFileName(name) }
}

/// An index type bound to its parameters and to the types of its expression's elements.
public protocol SkipIndexKind: Sendable {
    /// The extension of the index's data file: `.idx2` for minmax (format version 2), `.idx` for the others.
    var fileExtension: String { get }
    /// A fresh aggregator for one index granule.
    func makeAggregator() -> any SkipIndexAggregator
}

/// Collects the values of one index granule (ClickHouse's IMergeTreeIndexAggregator).
public protocol SkipIndexAggregator {
    /// True until the first rows arrive (a new index granule then starts with a mark).
    var isEmpty: Bool { get }
    /// Adds one data granule: the values of each expression element for its rows.
    mutating func update(_ values: [Column]) throws
    /// The granule's bytes as ClickHouse's `serializeBinary` writes them.
    func serialized() throws -> [UInt8]
}

/// The index types SwiftHouse builds, by the name written after TYPE. A type not listed here (text,
/// vector_similarity, …) is not built: parts are written without its files, which ClickHouse treats as an index
/// not materialized in the part.
public enum SkipIndexTypes {
    /// Makes the kind of an index from its parameters (the literals of `set(100)`) and its elements' types.
    public typealias Factory = @Sendable (_ arguments: [Value], _ types: [DataType]) throws -> any SkipIndexKind

    /// Every type SwiftHouse builds.
    public static let registry = Registry<Factory>(
        [
            (["minmax"], { _, types in MinMaxIndexKind(types: types) }),
            (["set"], SetIndexKind.make),
            (["bloom_filter"], BloomFilterIndexKind.make),
            (["tokenbf_v1"], TextBloomFilterIndexKind.tokens),
            (["ngrambf_v1"], TextBloomFilterIndexKind.ngrams),
        ],
        unknown: { DatabaseError(.notImplemented, "Skip index type \($0) is not built by SwiftHouse") })
}

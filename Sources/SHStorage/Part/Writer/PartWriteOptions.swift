import SHCodecs
import SHCore

/// How a part is written.
public struct PartWriteOptions: Sendable {
    public enum Format: Sendable { case wide, compact }

    public var format = Format.wide
    public var codec = CompressionCodec.lz4
    /// Per-column codecs (`CODEC(ZSTD(3))` in the table definition), by column index; Wide parts only.
    public var columnCodecs: [Int: ColumnCodecs] = [:]
    /// Rows per granule (ClickHouse's `index_granularity`).
    public var indexGranularity = 8192
    /// The sorting key's expressions; the values of the leading `primaryKeyLength` of them at each granule start (and
    /// at the last row) go to primary.idx. None: no primary.idx.
    public var primaryKey: (any KeyExpressions)?
    public var primaryKeyLength = 0
    /// The partition expression's values for the whole part, and their types (partition.dat).
    public var partitionValues: [Value] = []
    public var partitionTypes: [DataType] = []
    /// Column indices the partition expression reads (their min/max go to minmax_<col>.idx).
    public var partitionColumns: [Int] = []
    /// The table's TTL: its times go to ttl.txt.
    public var ttl = MergeTreeTTL.none
    /// For a merge, the time (seconds) at which the TTL is applied to the rows written; nil for an INSERT.
    public var ttlTime: Int64?
    /// The table's skip indexes, built for every granule written.
    public var skipIndexes: [SkipIndexDescription] = []
    /// ClickHouse's `packed_skip_index_max_bytes`: index files up to this size go into `skp_idx.packed`; 0 writes
    /// each index's files on their own.
    public var packedSkipIndexMaxBytes = 1_048_576

    public init() {}
}

/// The codecs of one column's streams. As in ClickHouse, value-specific codecs (Delta, T64…) apply only to the
/// stream of the column's values (`x.bin` of a Nullable or Array column too); its other streams (null map, array
/// sizes) get the chain's generic codecs.
public struct ColumnCodecs: Sendable, Hashable {
    /// The codec of the stream named after the column.
    public var values: CompressionCodec
    /// The codec of its other streams; nil for the part's default codec.
    public var others: CompressionCodec?

    public init(values: CompressionCodec, others: CompressionCodec?) {
        self.values = values
        self.others = others
    }
}

/// What a finished part holds.
public struct WrittenPart: Sendable {
    public var rows: Int
    public var checksums: PartChecksums
    public var bytesOnDisk: Int
}

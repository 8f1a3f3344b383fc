import SHCodecs
import SHCore

/// How a part is written.
public struct PartWriteOptions: Sendable {
    public enum Format: Sendable { case wide, compact }

    public var format = Format.wide
    public var codec = CompressionCodec.lz4
    /// Per-column codecs (`CODEC(ZSTD(3))` in the table definition), by column index; Wide parts only.
    public var columnCodecs: [Int: CompressionCodec] = [:]
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

    public init() {}
}

/// What a finished part holds.
public struct WrittenPart: Sendable {
    public var rows: Int
    public var checksums: PartChecksums
    public var bytesOnDisk: Int
}

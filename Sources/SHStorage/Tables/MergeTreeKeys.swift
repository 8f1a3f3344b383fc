import SHColumns
import SHCore

/// A list of key expressions (a MergeTree's ORDER BY, PRIMARY KEY or PARTITION BY, one entry per element of its
/// top-level tuple) evaluated over chunks of the table's stored columns. SHStorage does not evaluate expressions:
/// the engine that creates the table implements this with its expression binder.
public protocol KeyExpressions: Sendable {
    /// The expressions' result types, in order.
    var types: [DataType] { get }
    /// The expressions' column names as ClickHouse prints them (`toDate(ts)`), for messages.
    var names: [String] { get }
    /// The values of every expression for every row of `chunk` (the table's stored columns, in table order): one
    /// column per expression, each with `chunk.rowCount` rows.
    func evaluate(_ chunk: Chunk) throws -> [Column]
}

/// The keys of a MergeTree table: the sorting key (ORDER BY), how many of its leading expressions are the primary
/// key (what primary.idx holds), and the partition key with the columns it reads (their `minmax_<col>.idx`).
public struct MergeTreeKeys: Sendable {
    /// ORDER BY's expressions; nil for `ORDER BY tuple()`.
    public var sorting: (any KeyExpressions)?
    /// The number of leading sorting key expressions that form the primary key (all of them without PRIMARY KEY).
    public var primaryKeyLength: Int
    /// PARTITION BY's expressions; nil without a partition key.
    public var partition: (any KeyExpressions)?
    /// The stored-column indices the partition key reads, in ClickHouse's order (first use in the expression).
    public var partitionColumns: [Int]
    /// The skip indexes parts are written with (those SwiftHouse builds), in the table's order.
    public var skipIndexes: [SkipIndexDescription]
    /// The projections parts are written with (those SwiftHouse builds), in the table's order.
    public var projections: [ProjectionDescription]

    public init(
        sorting: (any KeyExpressions)?, primaryKeyLength: Int, partition: (any KeyExpressions)?,
        partitionColumns: [Int], skipIndexes: [SkipIndexDescription] = [], projections: [ProjectionDescription] = []
    ) {
        self.sorting = sorting
        self.primaryKeyLength = sorting == nil ? 0 : primaryKeyLength
        self.partition = partition
        self.partitionColumns = partitionColumns
        self.skipIndexes = skipIndexes
        self.projections = projections
    }

    /// No sorting key, no partition key.
    public static let none = MergeTreeKeys(sorting: nil, primaryKeyLength: 0, partition: nil, partitionColumns: [])

    /// The primary key's types (the leading `primaryKeyLength` sorting key types).
    public var primaryKeyTypes: [DataType] { Array((sorting?.types ?? []).prefix(primaryKeyLength)) }

    /// The partition key's types (empty without one).
    public var partitionTypes: [DataType] { partition?.types ?? [] }
}

import SHColumns
import SHCore

/// What a projection stores, computed by the engine from the table's rows (ClickHouse's
/// `ProjectionDescription::calculate`): the storage layer writes the rows it is handed and knows nothing of
/// expressions or aggregate functions.
public protocol ProjectionQuery: Sendable {
    /// The projection part's columns, in ClickHouse's order: a normal projection's are the table columns it reads,
    /// in table order; an aggregate projection's are its GROUP BY keys, then its aggregate states.
    var columns: [ColumnDescription] { get }
    /// The projection part's sorting key over `columns` (its ORDER BY, or an aggregate projection's GROUP BY keys), the
    /// values primary.idx holds; nil when the projection is not sorted.
    var sorting: (any KeyExpressions)? { get }
    /// Whether the projection's rows are aggregate states (a GROUP BY or aggregate functions): merging two of its parts
    /// merges the states of equal keys.
    var isAggregate: Bool { get }
    /// The projection's rows for one block of the table's stored columns (table order), sorted by `sorting` with
    /// equal keys in block order, as ClickHouse sorts a projection block.
    func rows(of block: Chunk) throws -> Chunk
}

/// A projection parts are written with: its name (the part's `<name>.proj/` directory) and what it stores.
public struct ProjectionDescription: Sendable {
    public var name: String
    public var query: any ProjectionQuery

    public init(name: String, query: any ProjectionQuery) {
        self.name = name
        self.query = query
    }

    /// The projection's directory inside a part.
    public var directoryName: String { name + ".proj" }
}

/// The rows of one projection to write into a part being written: how large they are (which chooses Compact or Wide,
/// as for any part) and the producer that streams them, in the projection's order, to the projection part's writer.
public struct ProjectionRows {
    public var projection: ProjectionDescription
    public var estimatedBytes: Int
    public var produce: (PartWriter) throws -> Void

    public init(projection: ProjectionDescription, estimatedBytes: Int, produce: @escaping (PartWriter) throws -> Void)
    {
        self.projection = projection
        self.estimatedBytes = estimatedBytes
        self.produce = produce
    }
}

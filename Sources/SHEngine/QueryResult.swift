import SHColumns
import SHCore
import SHExecution

/// What a statement returns: a header and a lazy stream of chunks (empty for DDL).
public struct QueryResult {
    public var header: [ColumnDescription]
    public var source: AnySource?
    /// The statement's own `FORMAT` clause, which wins over the caller's default.
    public var format: String?
    /// The statement's counters, which go on while the rows are read.
    public var progress: QueryProgress?

    public init(header: [ColumnDescription], source: AnySource?, format: String? = nil) {
        self.header = header
        self.source = source
        self.format = format
    }

    /// A result with no rows and no columns (DDL, INSERT, SET…).
    public static var empty: QueryResult { QueryResult(header: [], source: nil) }

    /// A result from rows already computed.
    public static func rows(_ header: [ColumnDescription], _ chunk: Chunk) -> QueryResult {
        QueryResult(
            header: header, source: AnySource(ArraySource(header: header, chunks: chunk.rowCount > 0 ? [chunk] : [])))
    }

    /// Pulls every row (tests, small results).
    public mutating func collect() throws -> Chunk {
        guard var source else { return Chunk(columns: [], rowCount: 0) }
        defer { self.source = source }
        return try source.collect()
    }
}

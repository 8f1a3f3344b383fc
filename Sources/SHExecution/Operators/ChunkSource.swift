import SHColumns
import SHCore

/// A pull-based stream of chunks: each operator pulls from its input (like a cursor).
public protocol ChunkSource {
    var header: [ColumnDescription] { get }
    /// The next chunk, or nil at the end.
    mutating func next() throws -> Chunk?
}

/// A source over chunks already in memory.
public struct ArraySource: ChunkSource {
    public let header: [ColumnDescription]
    private var chunks: [Chunk]
    private var index = 0

    public init(header: [ColumnDescription], chunks: [Chunk]) {
        self.header = header
        self.chunks = chunks
    }

    public mutating func next() throws -> Chunk? {
        guard index < chunks.count else { return nil }
        defer { index += 1 }
        return chunks[index]
    }
}

/// A source built from a closure (adapts storage readers).
public struct ClosureSource: ChunkSource {
    public let header: [ColumnDescription]
    private let produce: () throws -> Chunk?

    public init(header: [ColumnDescription], produce: @escaping () throws -> Chunk?) {
        self.header = header
        self.produce = produce
    }

    public mutating func next() throws -> Chunk? { try produce() }
}

extension ChunkSource {
    /// Pulls every chunk and concatenates them into one (empty columns when there are none).
    public mutating func collect() throws -> Chunk {
        var columns = header.map { Column(type: $0.type) }
        while let chunk = try next() {
            for index in columns.indices { columns[index].append(contentsOf: chunk.columns[index]) }
        }
        return Chunk(columns: columns, rowCount: columns.first?.count ?? 0)
    }
}

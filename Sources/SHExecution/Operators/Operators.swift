import SHColumns
import SHCore

/// Keeps the rows for which `predicate` is true.
public struct FilterSource<Input: ChunkSource>: ChunkSource {
    var input: Input
    let predicate: BoundExpression
    public var header: [ColumnDescription] { input.header }

    public init(input: Input, predicate: BoundExpression) {
        self.input = input
        self.predicate = predicate
    }

    public mutating func next() throws -> Chunk? {
        while let chunk = try input.next() {
            let mask = try predicate.evaluate(chunk)
            var keep: [Int] = []
            keep.reserveCapacity(chunk.rowCount)
            for row in 0..<chunk.rowCount where mask.value(at: row).isTrue { keep.append(row) }
            if keep.count == chunk.rowCount { return chunk }
            if keep.isEmpty { continue }
            return Chunk(columns: chunk.columns.map { $0.gather(keep) }, rowCount: keep.count)
        }
        return nil
    }
}

/// Computes `expressions` over each input chunk.
public struct ProjectSource<Input: ChunkSource>: ChunkSource {
    var input: Input
    let expressions: [BoundExpression]
    public let header: [ColumnDescription]

    public init(input: Input, expressions: [BoundExpression], names: [String]) {
        self.input = input
        self.expressions = expressions
        self.header = zip(names, expressions).map { ColumnDescription(name: $0, type: $1.type) }
    }

    public mutating func next() throws -> Chunk? {
        guard let chunk = try input.next() else { return nil }
        return Chunk(columns: try expressions.map { try $0.evaluate(chunk) }, rowCount: chunk.rowCount)
    }
}

/// Skips `offset` rows, then passes at most `limit` rows; stops pulling once the limit is reached.
public struct LimitSource<Input: ChunkSource>: ChunkSource {
    var input: Input
    var remainingOffset: Int
    var remaining: Int
    public var header: [ColumnDescription] { input.header }

    public init(input: Input, limit: Int, offset: Int) {
        self.input = input
        self.remaining = limit
        self.remainingOffset = offset
    }

    public mutating func next() throws -> Chunk? {
        while remaining > 0, let chunk = try input.next() {
            var start = 0
            if remainingOffset > 0 {
                start = min(remainingOffset, chunk.rowCount)
                remainingOffset -= start
            }
            let end = min(chunk.rowCount, start + remaining)
            if end <= start { continue }
            remaining -= end - start
            if start == 0 && end == chunk.rowCount { return chunk }
            return Chunk(columns: chunk.columns.map { $0.slice(start..<end) }, rowCount: end - start)
        }
        return nil
    }
}

/// Type-erases a source.
public struct AnySource: ChunkSource {
    private var base: any ChunkSource
    public let header: [ColumnDescription]

    public init(_ base: some ChunkSource) {
        self.base = base
        self.header = base.header
    }

    public mutating func next() throws -> Chunk? { try base.next() }
}

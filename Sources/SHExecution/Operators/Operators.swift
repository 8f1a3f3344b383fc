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
            // `remaining` may be as large as Int.max (LIMIT 9223372036854775807): no `start + remaining`.
            let end = remaining >= chunk.rowCount - start ? chunk.rowCount : start + remaining
            if end <= start { continue }
            remaining -= end - start
            if start == 0 && end == chunk.rowCount { return chunk }
            return Chunk(columns: chunk.columns.map { $0.slice(start..<end) }, rowCount: end - start)
        }
        return nil
    }
}

/// A LIMIT or OFFSET value as ClickHouse reads it: a number of rows from the start, a number of rows from the
/// end (negative), or a fraction of all rows (a float in (0, 1)).
public enum LimitBound: Equatable, Sendable {
    case first(UInt64)
    case last(UInt64)
    case fraction(Double)

    /// Reads the constant of a LIMIT (`clause` "LIMIT") or OFFSET clause, with ClickHouse's errors.
    public init(_ value: Value, clause: String) throws {
        let invalid = DatabaseError(
            .invalidLimitExpression,
            "The value \(String(decoding: ValueRendering.text(value, .float64), as: UTF8.self)) of \(clause) expression is not representable as UInt64 or Int64 or Float64 in the range (0, 1)"
        )
        switch value {
        case .uint(let v): self = .first(v)
        case .int(let v): self = v < 0 ? .last(v.magnitude) : .first(UInt64(v))
        case .float(let v):
            if v > 0 && v < 1 {
                self = .fraction(v)
            } else if v >= 1, let whole = UInt64(exactly: v) {
                self = .first(whole)
            } else if v == 0 {
                self = .first(0)
            } else {
                throw invalid
            }
        default:
            throw DatabaseError(
                .invalidLimitExpression, "\(clause) expression must be constant with numeric type")
        }
    }

    /// The bound as a row count when it counts rows from the start (clamped to `Int.max`).
    public var leadingRows: Int? {
        if case .first(let v) = self { Int(clamping: v) } else { nil }
    }
}

/// `LIMIT`/`OFFSET` with a negative or fractional bound: every input row is needed first (the last rows, or
/// a share of all rows). The offset is applied first, then the limit, as ClickHouse does.
public struct BufferedLimitSource<Input: ChunkSource>: ChunkSource {
    var input: Input
    let limit: LimitBound?
    let offset: LimitBound?
    var pending: [Chunk]?
    public var header: [ColumnDescription] { input.header }

    /// Throws NOT_IMPLEMENTED for the combinations ClickHouse does not support (a fractional LIMIT with a
    /// negative OFFSET, a negative LIMIT with a fractional OFFSET).
    public init(input: Input, limit: LimitBound?, offset: LimitBound?) throws {
        switch (limit, offset) {
        case (.fraction?, .last?):
            throw DatabaseError(.notImplemented, "Fractional LIMIT is not supported with negative OFFSET yet")
        case (.last?, .fraction?):
            throw DatabaseError(.notImplemented, "Negative LIMIT is not supported with fractional OFFSET yet")
        default: break
        }
        self.input = input
        self.limit = limit
        self.offset = offset
    }

    public mutating func next() throws -> Chunk? {
        if pending == nil {
            var chunks: [Chunk] = []
            while let chunk = try input.next() {
                if chunk.rowCount > 0 { chunks.append(chunk) }
            }
            let total = chunks.reduce(0) { $0 + $1.rowCount }
            let (low, high) = Self.range(total: total, limit: limit, offset: offset)
            var result: [Chunk] = []
            var start = 0
            for chunk in chunks {
                let from = max(low, start) - start
                let to = min(high, start + chunk.rowCount) - start
                if from < to {
                    result.append(
                        from == 0 && to == chunk.rowCount
                            ? chunk : Chunk(columns: chunk.columns.map { $0.slice(from..<to) }, rowCount: to - from))
                }
                start += chunk.rowCount
            }
            pending = result.reversed()
        }
        return pending?.popLast()
    }

    /// The rows `low..<high` (of `total`) that remain after the offset and the limit.
    static func range(total: Int, limit: LimitBound?, offset: LimitBound?) -> (Int, Int) {
        func count(_ bound: UInt64) -> Int { Int(clamping: min(bound, UInt64(total))) }
        func share(_ fraction: Double) -> Int { min(total, Int((fraction * Double(total)).rounded(.up))) }
        var low = 0
        var high = total
        switch offset {
        case .first(let v)?: low = count(v)
        case .last(let v)?: high = total - count(v)
        case .fraction(let f)?: low = share(f)
        case nil: break
        }
        low = min(low, high)
        switch limit {
        case .first(let v)?: high = low + min(count(v), high - low)
        case .last(let v)?: low = high - min(count(v), high - low)
        case .fraction(let f)?: high = low + min(share(f), high - low)
        case nil: break
        }
        return (low, high)
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

import SHColumns
import SHCore
import SHStorage

/// Why rows are being merged: ClickHouse runs its merging algorithms slightly differently for each.
enum MergePurpose: Sendable {
    /// An INSERT's block (ClickHouse's `optimize_on_insert`), before it becomes a part.
    case insert
    /// A merge of parts (OPTIMIZE, the merges after an INSERT).
    case merge
    /// `SELECT … FINAL`: the merge done at read time over all parts of a partition. Collapsing keeps only positive
    /// rows, and Replacing with `is_deleted` drops deleted rows.
    case final
}

/// One row of a chunk, kept without copying it (the chunk's columns are shared).
struct RowReference {
    var chunk: Chunk
    var row: Int
}

/// A MergeTree family engine's rule for combining the rows of equal sorting key (ClickHouse's
/// `src/Processors/Merges/Algorithms/`). It is handed rows in sorting-key order, chunk by chunk, with where each
/// group of equal keys starts, and appends the surviving rows to `output`. It knows nothing of how the sorting key is
/// computed: the caller decides which rows share a key.
protocol MergeAlgorithm {
    /// Takes the rows of `chunk` (all of the table's stored columns); `groupStarts[row]` is true when that row's
    /// sorting key differs from the previous row's (the previous chunk's last row for row 0; true for the very first).
    mutating func consume(_ chunk: Chunk, groupStarts: [Bool], into output: inout MergedRows) throws
    /// Emits what the last group left.
    mutating func finish(into output: inout MergedRows) throws
}

/// The rows a merge emits, gathered into a chunk.
struct MergedRows {
    private(set) var columns: [Column]
    private(set) var rowCount = 0
    private let types: [DataType]

    init(types: [DataType]) {
        self.types = types
        columns = types.map { Column(type: $0) }
    }

    /// Appends a row of a chunk with the same columns.
    mutating func append(_ reference: RowReference) {
        for index in columns.indices {
            columns[index].append(
                contentsOf: reference.chunk.columns[index], range: reference.row..<(reference.row + 1))
        }
        rowCount += 1
    }

    /// Appends the one row of `row` (one single-row column per column).
    mutating func append(row: [Column]) {
        for index in columns.indices { columns[index].append(contentsOf: row[index]) }
        rowCount += 1
    }

    /// The rows gathered so far when there are at least `minimum` of them (and at least one); they leave the buffer.
    mutating func take(minimum: Int = 1) -> Chunk? {
        guard rowCount >= max(1, minimum) else { return nil }
        defer {
            columns = types.map { Column(type: $0) }
            rowCount = 0
        }
        return Chunk(columns: columns, rowCount: rowCount)
    }
}

/// Finds where groups of equal sorting key start in a stream of key-ordered chunks.
struct SortingKeyGroups {
    /// The key columns of the last row seen (single-row columns); nil before the first row.
    private var previous: [Column]?

    /// For each row of a chunk whose sorting key columns are `keys`: whether it starts a group.
    mutating func groupStarts(keys: [Column], rowCount: Int) -> [Bool] {
        guard rowCount > 0 else { return [] }
        var starts = [Bool](repeating: false, count: rowCount)
        if let previous {
            starts[0] = zip(keys, previous).contains { $0.compareRow(0, to: $1, row: 0) != 0 }
        } else {
            starts[0] = true
        }
        for row in 1..<rowCount {
            starts[row] = keys.contains { $0.compareRow(row, to: $0, row: row - 1) != 0 }
        }
        previous = keys.map { $0.slice((rowCount - 1)..<rowCount) }
        return starts
    }
}

/// Applies a merge algorithm to a stream of chunks in sorting-key order.
struct MergingStream {
    private var input: () throws -> Chunk?
    private var algorithm: any MergeAlgorithm
    /// The sorting key columns of a chunk (evaluated however the table's key is computed).
    private let keys: (Chunk) throws -> [Column]
    private var groups = SortingKeyGroups()
    private var output: MergedRows
    private var finished = false
    private let blockRows = 65_536

    init(
        types: [DataType], algorithm: any MergeAlgorithm, keys: @escaping (Chunk) throws -> [Column],
        input: @escaping () throws -> Chunk?
    ) {
        self.input = input
        self.algorithm = algorithm
        self.keys = keys
        output = MergedRows(types: types)
    }

    /// The next chunk of surviving rows; nil at the end.
    mutating func next() throws -> Chunk? {
        while true {
            if let ready = output.take(minimum: blockRows) { return ready }
            if finished { return output.take() }
            if let chunk = try input() {
                guard chunk.rowCount > 0 else { continue }
                let starts = groups.groupStarts(keys: try keys(chunk), rowCount: chunk.rowCount)
                try algorithm.consume(chunk, groupStarts: starts, into: &output)
            } else {
                try algorithm.finish(into: &output)
                finished = true
            }
        }
    }
}

extension Column {
    /// Row `row` of an Int8 column (a sign column).
    func int8(at row: Int) -> Int8 { Int8(truncatingIfNeeded: rawBits(at: row, width: 1)) }
}

extension MergingStream {
    /// A block sorted by `key` combined by `algorithm` (an INSERT's block, ClickHouse's `optimize_on_insert`).
    static func apply(_ algorithm: any MergeAlgorithm, to chunk: Chunk, key: (any KeyExpressions)?) throws -> Chunk {
        var pending: Chunk? = chunk
        var stream = MergingStream(
            types: chunk.columns.map(\.type), algorithm: algorithm, keys: { block in try key?.evaluate(block) ?? [] },
            input: {
                defer { pending = nil }
                return pending
            })
        var columns = chunk.columns.map { Column(type: $0.type) }
        var rows = 0
        while let output = try stream.next() {
            for index in columns.indices { columns[index].append(contentsOf: output.columns[index]) }
            rows += output.rowCount
        }
        return Chunk(columns: columns, rowCount: rows)
    }
}

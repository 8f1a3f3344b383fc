import SHColumns
import SHCore

/// AggregatingMergeTree's merge (ClickHouse's `AggregatingSortedAlgorithm`) for tables without aggregate-function
/// columns (SwiftHouse has no `AggregateFunction` or `SimpleAggregateFunction` types, so its tables have none): every
/// column keeps the value of the group's first row, so of each group of equal sorting key the first row survives.
struct FirstRowAlgorithm: MergeAlgorithm {
    mutating func consume(_ chunk: Chunk, groupStarts: [Bool], into output: inout MergedRows) throws {
        for row in 0..<chunk.rowCount where groupStarts[row] { output.append(RowReference(chunk: chunk, row: row)) }
    }

    mutating func finish(into output: inout MergedRows) throws {}
}

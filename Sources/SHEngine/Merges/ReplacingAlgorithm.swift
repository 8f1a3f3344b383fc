import SHColumns
import SHCore

/// ReplacingMergeTree's merge (ClickHouse's `ReplacingSortedAlgorithm`): of each group of equal sorting key one row
/// survives, the one with the greatest version (the last of those with it), or the last row without a version column.
/// An `is_deleted` value other than 0 or 1 fails with INCORRECT_DATA; with `cleanup` (SELECT … FINAL) a surviving row
/// whose `is_deleted` is 1 is dropped, otherwise merges keep it.
struct ReplacingAlgorithm: MergeAlgorithm {
    let versionColumn: Int?
    let isDeletedColumn: Int?
    let cleanup: Bool
    private var selected: RowReference?

    init(versionColumn: Int?, isDeletedColumn: Int?, cleanup: Bool) {
        self.versionColumn = versionColumn
        self.isDeletedColumn = isDeletedColumn
        self.cleanup = cleanup
    }

    mutating func consume(_ chunk: Chunk, groupStarts: [Bool], into output: inout MergedRows) throws {
        for row in 0..<chunk.rowCount {
            if groupStarts[row] { emit(into: &output) }
            if let isDeletedColumn {
                let value = chunk.columns[isDeletedColumn].rawBits(at: row, width: 1)
                if value > 1 {
                    throw DatabaseError(.incorrectData, "Incorrect data: is_deleted = \(value) (must be 1 or 0).")
                }
            }
            // A non-strict comparison: of equal versions the last row wins.
            if let versionColumn, let current = selected {
                let order = chunk.columns[versionColumn].compareRow(
                    row, to: current.chunk.columns[versionColumn], row: current.row)
                if order < 0 { continue }
            }
            selected = RowReference(chunk: chunk, row: row)
        }
    }

    mutating func finish(into output: inout MergedRows) throws { emit(into: &output) }

    private mutating func emit(into output: inout MergedRows) {
        guard let row = selected else { return }
        selected = nil
        if cleanup, let isDeletedColumn, row.chunk.columns[isDeletedColumn].rawBits(at: row.row, width: 1) == 1 {
            return
        }
        output.append(row)
    }
}

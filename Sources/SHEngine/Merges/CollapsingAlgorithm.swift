import SHColumns
import SHCore

/// CollapsingMergeTree's merge (ClickHouse's `CollapsingSortedAlgorithm`): in each group of equal sorting key, rows
/// with sign 1 and -1 cancel out. When the counts are equal and the last row is positive, the first negative and the
/// last positive row both stay; when they differ, the first negative row stays if negatives are at least as many
/// and the last positive row if positives are. A sign other than 1 or -1 fails with INCORRECT_DATA. With
/// `onlyPositive` (SELECT … FINAL) negative rows are never emitted.
struct CollapsingAlgorithm: MergeAlgorithm {
    let signColumn: Int
    let onlyPositive: Bool
    private var positives = 0
    private var negatives = 0
    private var lastIsPositive = false
    private var firstNegative: RowReference?
    private var lastPositive: RowReference?

    init(signColumn: Int, onlyPositive: Bool) {
        self.signColumn = signColumn
        self.onlyPositive = onlyPositive
    }

    mutating func consume(_ chunk: Chunk, groupStarts: [Bool], into output: inout MergedRows) throws {
        let signs = chunk.columns[signColumn]
        for row in 0..<chunk.rowCount {
            if groupStarts[row] { emit(into: &output) }
            switch signs.int8(at: row) {
            case 1:
                positives += 1
                lastIsPositive = true
                lastPositive = RowReference(chunk: chunk, row: row)
            case -1:
                if negatives == 0 { firstNegative = RowReference(chunk: chunk, row: row) }
                negatives += 1
                lastIsPositive = false
            case let sign:
                throw DatabaseError(.incorrectData, "Incorrect data: Sign = \(sign) (must be 1 or -1).")
            }
        }
    }

    mutating func finish(into output: inout MergedRows) throws { emit(into: &output) }

    private mutating func emit(into output: inout MergedRows) {
        defer {
            positives = 0
            negatives = 0
            firstNegative = nil
            lastPositive = nil
        }
        guard positives > 0 || negatives > 0 else { return }
        guard lastIsPositive || positives != negatives else { return }
        if positives <= negatives, !onlyPositive, let firstNegative { output.append(firstNegative) }
        if positives >= negatives, let lastPositive { output.append(lastPositive) }
    }
}

import SHColumns
import SHCore

/// VersionedCollapsingMergeTree's merge (ClickHouse's `VersionedCollapsingAlgorithm`). The sorting key here includes
/// the version column, so a group is one key and one version: its rows are queued while they have the queue's sign,
/// and a row of the other sign cancels the newest queued row. What is left of a group is emitted in order; a queue
/// longer than ClickHouse's limit (8191 rows) emits its oldest row early, as ClickHouse does.
struct VersionedCollapsingAlgorithm: MergeAlgorithm {
    let signColumn: Int
    /// ClickHouse's `max_rows_in_queue` for merges (`min(max(3, 8192), 8192) - 1`).
    static let maximumQueue = 8191
    private var queue: [RowReference] = []
    private var queueStart = 0
    private var queueSign: Int8 = 0

    init(signColumn: Int) { self.signColumn = signColumn }

    private var queued: Int { queue.count - queueStart }

    mutating func consume(_ chunk: Chunk, groupStarts: [Bool], into output: inout MergedRows) throws {
        let signs = chunk.columns[signColumn]
        for row in 0..<chunk.rowCount {
            let sign = signs.int8(at: row)
            if queued > 0 {
                if groupStarts[row] {
                    flush(into: &output)
                } else if queued >= Self.maximumQueue {
                    output.append(queue[queueStart])
                    queueStart += 1
                }
            }
            let current = RowReference(chunk: chunk, row: row)
            if queued == 0 {
                queue.removeAll(keepingCapacity: true)
                queueStart = 0
                queueSign = sign
                queue.append(current)
            } else if sign == queueSign {
                queue.append(current)
            } else {
                queue.removeLast()
            }
        }
    }

    mutating func finish(into output: inout MergedRows) throws { flush(into: &output) }

    private mutating func flush(into output: inout MergedRows) {
        for index in queueStart..<queue.count { output.append(queue[index]) }
        queue.removeAll(keepingCapacity: true)
        queueStart = 0
    }
}

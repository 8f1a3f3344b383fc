import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// Merges adjacent parts of one partition into one, streaming: rows are read part by part and written
/// granule by granule, so memory stays at one chunk per source part whatever the parts' size. Without a
/// sorting key the parts are concatenated in block order; with one, they are merged by the key, equal keys
/// keeping block order (as ClickHouse's merge does).
struct PartMerger {
    let table: MergeTreeTable
    let partitionKeyTypes: [DataType]

    /// Small parts (Compact ones, under `min_bytes_for_wide_part`) are merged after an INSERT in tiers of this
    /// many, like ClickHouse's background merges of fresh small parts, so many small INSERTs do not leave
    /// thousands of parts behind.
    static let tier = 10

    func merge(_ parts: [DataPart]) throws {
        guard parts.count > 1 else { return }
        var sources = try parts.map { try PartChunks(part: $0, columns: table.columns) }
        let partition =
            try table.createQuery.partitionBy == nil ? [] : sources[0].partitionValues(types: partitionKeyTypes)
        try table.merge(
            parts, partitionValues: partition, partitionTypes: partitionKeyTypes,
            estimatedBytes: parts.reduce(0) { $0 + $1.bytesOnDisk }
        ) { writer in
            if table.sortingKeyColumns.isEmpty {
                for index in sources.indices {
                    while let chunk = try sources[index].next() { try writer.write(chunk) }
                }
            } else {
                var merge = try SortedMerge(sources: sources, keys: table.sortingKeyColumns)
                while let chunk = try merge.next() { try writer.write(chunk) }
            }
        }
    }

    /// After an INSERT into `partitionID`: while the newest parts are `tier` small parts of one level, merge
    /// them (the result may take part in the next tier).
    func mergeSmallParts(partitionID: String) throws {
        while true {
            guard case .parts(let all) = table.snapshot() else { return }
            let parts = all.filter { $0.name.partitionID == partitionID }.sorted { $0.name.minBlock < $1.name.minBlock }
            guard let level = parts.last?.name.level else { return }
            let run = parts.reversed().prefix { $0.name.level == level && $0.partType == "Compact" }
            guard run.count >= Self.tier else { return }
            try merge(Array(run.reversed()))
        }
    }
}

/// A k-way merge of sorted part streams by the sorting key; emits runs of rows from one source at a time.
private struct SortedMerge {
    private var sources: [PartChunks]
    private var current: [Chunk?]
    private var positions: [Int]
    private let keys: [Int]
    private let header: [DataType]
    private let outputRows = 65_536

    init(sources: [PartChunks], keys: [Int]) throws {
        self.sources = sources
        self.keys = keys
        current = []
        positions = Array(repeating: 0, count: sources.count)
        for index in self.sources.indices { current.append(try self.sources[index].next()) }
        header = current.compactMap { $0 }.first?.columns.map(\.type) ?? []
    }

    /// Source `a`'s current row is before source `b`'s (ties go to the older part).
    private func precedes(_ a: Int, _ b: Int) -> Bool {
        guard let x = current[a], let y = current[b] else { return current[a] != nil }
        for key in keys {
            let order = x.columns[key].compareRow(positions[a], to: y.columns[key], row: positions[b])
            if order != 0 { return order < 0 }
        }
        return a < b
    }

    mutating func next() throws -> Chunk? {
        var output = header.map { Column(type: $0) }
        var rows = 0
        while rows < outputRows {
            let live = current.indices.filter { current[$0] != nil }
            guard var best = live.first else { break }
            for index in live.dropFirst() where precedes(index, best) { best = index }
            let runner = live.filter { $0 != best }.min { precedes($0, $1) }
            // Take rows from `best` while they stay before the runner-up's current row.
            guard let chunk = current[best] else { break }
            let start = positions[best]
            var end = start + 1
            if let runner {
                while end < chunk.rowCount && end - start < outputRows - rows {
                    positions[best] = end
                    if !precedes(best, runner) { break }
                    end += 1
                }
            } else {
                end = min(chunk.rowCount, start + outputRows - rows)
            }
            for index in output.indices { output[index].append(contentsOf: chunk.columns[index], range: start..<end) }
            rows += end - start
            positions[best] = end
            if end == chunk.rowCount {
                current[best] = try sources[best].next()
                positions[best] = 0
            }
        }
        return rows == 0 ? nil : Chunk(columns: output, rowCount: rows)
    }
}

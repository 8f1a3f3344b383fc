import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// Merges adjacent parts of one partition into one, streaming: rows are read part by part and written
/// granule by granule, so memory stays at one chunk per source part whatever the parts' size. Without a
/// sorting key the parts are concatenated in block order; with one, they are merged by the key, equal keys
/// keeping block order (as ClickHouse's merge does).
///
/// Callers hold the table's merge lock (`MergeTreeTable.withMergeLock`) while they choose parts and merge them, so
/// two merges of one table never pick the same parts.
struct PartMerger: Sendable {
    let table: MergeTreeTable
    let partitionKeyTypes: [DataType]

    /// Small parts (Compact ones, under `min_bytes_for_wide_part`) are merged after an INSERT in tiers of this
    /// many, like ClickHouse's background merges of fresh small parts, so many small INSERTs do not leave
    /// thousands of parts behind.
    static let tier = 10

    func merge(_ parts: [DataPart]) throws {
        guard parts.count > 1 else { return }
        let missing = PartChunks.missingColumnValues(of: table.createQuery)
        var sources = try parts.map { try PartChunks(part: $0, columns: table.columns, missing: missing) }
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
    /// Each source's current chunk (empty once the source is exhausted) and row in it.
    private var chunks: [Chunk]
    private var positions: [Int]
    /// Per source, the current chunk's key columns as order-preserving UInt64s when every key is an integer,
    /// date or time (then comparing rows is comparing numbers); nil otherwise.
    private var integerKeys: [[[UInt64]]?]
    private let keys: [Int]
    private let header: [DataType]
    private let outputRows = 65_536

    init(sources: [PartChunks], keys: [Int]) throws {
        self.sources = sources
        self.keys = keys
        chunks = []
        positions = Array(repeating: 0, count: sources.count)
        for index in self.sources.indices { chunks.append(try self.sources[index].next() ?? Chunk(columns: [])) }
        integerKeys = chunks.map { Self.integerKeys($0, keys) }
        header = chunks.first { $0.rowCount > 0 }?.columns.map(\.type) ?? []
    }

    private func exhausted(_ source: Int) -> Bool { positions[source] >= chunks[source].rowCount }

    /// The key columns of `chunk` as UInt64s ordered like the values (signed ones with the sign bit flipped).
    private static func integerKeys(_ chunk: Chunk, _ keys: [Int]) -> [[UInt64]]? {
        guard chunk.rowCount > 0 else { return [] }
        var result: [[UInt64]] = []
        for key in keys {
            let column = chunk.columns[key]
            let signed: Bool
            switch column.type {
            case let type where type.isSignedStorage: signed = true
            case .uint8, .uint16, .uint32, .uint64, .bool, .date, .dateTime: signed = false
            default: return nil
            }
            guard let width = column.type.fixedWidth else { return nil }
            let shift = UInt64(64 - width * 8)
            result.append(
                (0..<chunk.rowCount).map { row in
                    let bits = column.rawBits(at: row, width: width)
                    guard signed else { return bits }
                    return UInt64(bitPattern: Int64(bitPattern: bits << shift) >> Int64(shift)) ^ (1 << 63)
                })
        }
        return result
    }

    /// Source `a`'s current row is before source `b`'s (ties go to the older part).
    private func precedes(_ a: Int, _ b: Int) -> Bool {
        if let x = integerKeys[a], let y = integerKeys[b] {
            for key in x.indices where x[key][positions[a]] != y[key][positions[b]] {
                return x[key][positions[a]] < y[key][positions[b]]
            }
            return a < b
        }
        for key in keys {
            let order = chunks[a].columns[key].compareRow(positions[a], to: chunks[b].columns[key], row: positions[b])
            if order != 0 { return order < 0 }
        }
        return a < b
    }

    mutating func next() throws -> Chunk? {
        var output = header.map { Column(type: $0) }
        var rows = 0
        while rows < outputRows {
            // The source whose current row comes first, and the one after it.
            var best = -1
            var runnerUp = -1
            for index in chunks.indices where !exhausted(index) {
                if best < 0 || precedes(index, best) {
                    runnerUp = best
                    best = index
                } else if runnerUp < 0 || precedes(index, runnerUp) {
                    runnerUp = index
                }
            }
            guard best >= 0 else { break }
            // Take rows from `best` while they stay before the runner-up's current row.
            let start = positions[best]
            let available = chunks[best].rowCount
            var end = start + 1
            if runnerUp >= 0 {
                while end < available && end - start < outputRows - rows {
                    positions[best] = end
                    if !precedes(best, runnerUp) { break }
                    end += 1
                }
            } else {
                end = min(available, start + outputRows - rows)
            }
            for index in output.indices {
                output[index].append(contentsOf: chunks[best].columns[index], range: start..<end)
            }
            rows += end - start
            positions[best] = end
            if end == available {
                chunks[best] = try sources[best].next() ?? Chunk(columns: [])
                integerKeys[best] = Self.integerKeys(chunks[best], keys)
                positions[best] = 0
            }
        }
        return rows == 0 ? nil : Chunk(columns: output, rowCount: rows)
    }
}

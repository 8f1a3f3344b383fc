import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// Merges adjacent parts of one partition into one, streaming: rows are read part by part and written
/// granule by granule, so memory stays at one chunk per source part whatever the parts' size. Without a
/// sorting key the parts are concatenated in block order; with one, they are merged by the key, equal keys
/// keeping block order (as ClickHouse's merge does). A MergeTree family engine's `MergeAlgorithm` then combines the
/// rows of equal key (`SHEngine/Merges/`).
///
/// Callers hold the table's merge lock (`MergeTreeTable.withMergeLock`) while they choose parts and merge them, so
/// two merges of one table never pick the same parts.
struct PartMerger: Sendable {
    let table: MergeTreeTable
    /// The partition key's types (partition.dat of the merged part).
    var partitionKeyTypes: [DataType] { table.keys.partitionTypes }

    /// Small parts (Compact ones, under `min_bytes_for_wide_part`) are merged after an INSERT in tiers of this
    /// many, like ClickHouse's background merges of fresh small parts, so many small INSERTs do not leave
    /// thousands of parts behind.
    static let tier = 10

    /// Merges `parts` into one; a single part is rewritten only when `final` (`OPTIMIZE … FINAL` rewrites every
    /// partition, as ClickHouse does: the part's level goes up by one). Columns added by ALTER after a part was
    /// written are filled with their defaults.
    func merge(_ parts: [DataPart], final: Bool = false) throws {
        guard parts.count > 1 || (final && parts.count == 1) else { return }
        let missing = PartChunks.missingColumnValues(of: table.createQuery)
        let sources = try parts.map {
            try PartChunks(part: $0, columns: table.columns, missing: missing, granules: true)
        }
        let partition =
            try table.keys.partition == nil ? [] : sources[0].partitionValues(types: partitionKeyTypes)
        try table.merge(
            parts, partitionValues: partition, partitionTypes: partitionKeyTypes,
            estimatedBytes: parts.reduce(0) { $0 + $1.bytesOnDisk },
            projections: try Self.mergedProjections(of: parts, table: table)
        ) { writer in
            let rows = try Self.mergedRows(of: sources, table: table, purpose: .merge)
            while let chunk = try rows() { try writer.write(chunk) }
        }
    }

    /// The rows of `sources` (parts of one partition, oldest first, read with all of the table's columns) in sorting
    /// key order, combined by the table engine's merge algorithm for `purpose` (MergeTree's keeps every row).
    static func mergedRows(of sources: [PartChunks], table: MergeTreeTable, purpose: MergePurpose) throws
        -> () throws -> Chunk?
    {
        let engine = try TableEngineRegistry.engine(of: table)
        return try mergedRows(
            of: sources, key: try engine.mergeSortKey(for: table), types: table.columns.map(\.type),
            algorithm: try engine.mergeAlgorithm(for: table, purpose: purpose))
    }

    /// The rows of `sources` (sorted by `key`, oldest first) merged by `key` (equal keys keep source order), or
    /// concatenated without one, then combined by `algorithm` when there is one.
    static func mergedRows(
        of sources: [PartChunks], key: (any KeyExpressions)?, types: [DataType], algorithm: (any MergeAlgorithm)?
    ) throws -> () throws -> Chunk? {
        var sources = sources
        var index = 0
        // Without a key the parts are concatenated, in blocks of merge_max_block_size rows as ClickHouse's merge
        // writes them.
        var rechunker = Rechunker(rows: 8_192)
        var ready: [Chunk] = []
        var sorted: () throws -> Chunk? = {
            while ready.isEmpty {
                guard index < sources.count else { return rechunker.finish() }
                if let chunk = try sources[index].next() {
                    ready = rechunker.add(chunk)
                } else {
                    index += 1
                }
            }
            return ready.removeFirst()
        }
        // The sort key's values of the chunk `sorted` returned last: SortedMerge evaluated them already, and the
        // merge algorithm asks for them right after taking that chunk.
        var lastKeys: [Column] = []
        if let key {
            var merge = try SortedMerge(sources: sources, key: key)
            sorted = {
                guard let keyed = try merge.next() else { return nil }
                lastKeys = keyed.keys
                return keyed.chunk
            }
        }
        guard let algorithm else { return sorted }
        var stream = MergingStream(types: types, algorithm: algorithm, keys: { _ in lastKeys }, input: sorted)
        return { try stream.next() }
    }

    /// The merges of the parts' projection parts (ClickHouse's `MergeProjectionsStage`): for each projection that every
    /// part holds with the columns the projection has now, its parts' rows merged by the projection's key, with the
    /// states of equal keys merged for an aggregate projection (one without GROUP BY keeps a row per part, as
    /// ClickHouse's merge does). A projection some part lacks is left out of the merged
    /// part (ClickHouse rebuilds it; a part without it is legal and answers its queries from the part's own rows), as
    /// are all projections of an engine that combines rows on merge (Replacing, Collapsing…: ClickHouse refuses their
    /// projections by default, `deduplicate_merge_projection_mode`, and its `drop` mode leaves them out), and those
    /// of a merge that drops rows (a table with TTL, parts with rows deleted by a lightweight DELETE).
    static func mergedProjections(of parts: [DataPart], table: MergeTreeTable) throws -> [ProjectionRows] {
        // Rows the merge drops (TTL, a lightweight DELETE's mask) would stay in merged projection parts.
        guard !table.keys.projections.isEmpty, table.ttl.isEmpty, !parts.contains(where: \.hasDeletedRows),
            try TableEngineRegistry.engine(of: table).mergeAlgorithm(for: table, purpose: .merge) == nil
        else { return [] }
        return table.keys.projections.compactMap { projection in
            let query = projection.query
            var bytes = 0
            for part in parts {
                let directory = part.directory.appendingPathComponent(projection.directoryName)
                guard let reader = try? SequentialPartReader(directory: directory),
                    reader.columns.map(\.name) == query.columns.map(\.name),
                    reader.columns.map(\.type) == query.columns.map(\.type),
                    let size = try? DataPart.sizeOnDisk(of: directory)
                else { return nil }
                bytes += size
            }
            return ProjectionRows(projection: projection, estimatedBytes: bytes) { writer in
                let sources = try parts.map {
                    try PartChunks(
                        part: $0, projection: projection.directoryName, columns: query.columns, granules: true)
                }
                // States of equal keys are merged; without keys ClickHouse concatenates the parts' rows.
                var algorithm: AggregatingAlgorithm?
                if query.isAggregate, let key = query.sorting {
                    algorithm = try AggregatingAlgorithm(
                        types: query.columns.map(\.type), keyColumns: Set(key.types.indices))
                }
                let rows = try mergedRows(
                    of: sources, key: query.sorting, types: query.columns.map(\.type), algorithm: algorithm)
                while let chunk = try rows() { try writer.write(chunk) }
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

/// Regroups a stream of chunks into blocks of exactly `rows` rows (the last one shorter).
struct Rechunker {
    let rows: Int
    private var pending: [Column] = []
    private var pendingRows = 0

    init(rows: Int) { self.rows = rows }

    mutating func add(_ chunk: Chunk) -> [Chunk] {
        var blocks: [Chunk] = []
        var start = 0
        if pending.isEmpty { pending = chunk.columns.map { Column(type: $0.type) } }
        while start < chunk.rowCount {
            let take = min(rows - pendingRows, chunk.rowCount - start)
            for index in pending.indices {
                pending[index].append(contentsOf: chunk.columns[index], range: start..<(start + take))
            }
            pendingRows += take
            start += take
            if pendingRows == rows {
                blocks.append(Chunk(columns: pending, rowCount: pendingRows))
                pending = chunk.columns.map { Column(type: $0.type) }
                pendingRows = 0
            }
        }
        return blocks
    }

    mutating func finish() -> Chunk? {
        guard pendingRows > 0 else { return nil }
        defer { pendingRows = 0 }
        return Chunk(columns: pending, rowCount: pendingRows)
    }
}

/// Rows a merge emits: the table's columns, and the sorting key's values of the same rows (one column per key
/// expression), for merge algorithms that look at keys (collapsing, replacing, summing rows of equal keys).
struct KeyedChunk {
    var chunk: Chunk
    var keys: [Column]
}

/// A k-way merge of sorted part streams by the evaluated sorting key; emits runs of rows from one source at a time.
struct SortedMerge {
    private var sources: [PartChunks]
    /// Each source's current chunk (empty once the source is exhausted), its key columns, and the row in it.
    private var chunks: [Chunk]
    private var keyColumns: [[Column]]
    private var positions: [Int]
    /// Per source, the current chunk's key columns as order-preserving UInt64s when every key is an integer,
    /// date or time (then comparing rows is comparing numbers); nil otherwise.
    private var integerKeys: [[[UInt64]]?]
    private let key: any KeyExpressions
    private let header: [DataType]
    /// Rows per emitted block: ClickHouse's `merge_max_block_size`, so the merged part's granules (which depend on
    /// the blocks written, see `PartWriter.write`) are ClickHouse's.
    private let outputRows = 8_192

    init(sources: [PartChunks], key: any KeyExpressions) throws {
        self.sources = sources
        self.key = key
        chunks = []
        keyColumns = []
        positions = Array(repeating: 0, count: sources.count)
        for index in self.sources.indices {
            let chunk = try self.sources[index].next() ?? Chunk(columns: [])
            chunks.append(chunk)
            keyColumns.append(chunk.rowCount > 0 ? try key.evaluate(chunk) : [])
        }
        integerKeys = zip(chunks, keyColumns).map { Self.integerKeys($1, rows: $0.rowCount) }
        header = chunks.first { $0.rowCount > 0 }?.columns.map(\.type) ?? []
    }

    private func exhausted(_ source: Int) -> Bool { positions[source] >= chunks[source].rowCount }

    /// The key columns as UInt64s ordered like the values (signed ones with the sign bit flipped).
    private static func integerKeys(_ keys: [Column], rows: Int) -> [[UInt64]]? {
        guard rows > 0 else { return [] }
        var result: [[UInt64]] = []
        for column in keys {
            let signed: Bool
            switch column.type {
            case let type where type.isSignedStorage: signed = true
            case .uint8, .uint16, .uint32, .uint64, .bool, .date, .dateTime: signed = false
            default: return nil
            }
            guard let width = column.type.fixedWidth else { return nil }
            let shift = UInt64(64 - width * 8)
            result.append(
                (0..<rows).map { row in
                    let bits = column.rawBits(at: row, width: width)
                    guard signed else { return bits }
                    return UInt64(bitPattern: Int64(bitPattern: bits << shift) >> Int64(shift)) ^ (1 << 63)
                })
        }
        return result
    }

    /// Source `a`'s current row is before source `b`'s (ties go to the older part).
    private func precedes(_ a: Int, _ b: Int) -> Bool { precedes(a, row: positions[a], b, row: positions[b]) }

    /// Row `rowA` of source `a`'s chunk is before row `rowB` of source `b`'s (ties go to the older part).
    private func precedes(_ a: Int, row rowA: Int, _ b: Int, row rowB: Int) -> Bool {
        if let x = integerKeys[a], let y = integerKeys[b] {
            for slot in x.indices where x[slot][rowA] != y[slot][rowB] {
                return x[slot][rowA] < y[slot][rowB]
            }
            return a < b
        }
        for slot in keyColumns[a].indices {
            let order = keyColumns[a][slot].compareRow(rowA, to: keyColumns[b][slot], row: rowB)
            if order != 0 { return order < 0 }
        }
        return a < b
    }

    /// Takes source `index`'s whole current chunk and moves the source on to its next one.
    private mutating func takeChunk(of index: Int) throws -> KeyedChunk {
        let taken = KeyedChunk(chunk: chunks[index], keys: keyColumns[index])
        chunks[index] = try sources[index].next() ?? Chunk(columns: [])
        keyColumns[index] = chunks[index].rowCount > 0 ? try key.evaluate(chunks[index]) : []
        integerKeys[index] = Self.integerKeys(keyColumns[index], rows: chunks[index].rowCount)
        positions[index] = 0
        return taken
    }

    mutating func next() throws -> KeyedChunk? {
        var output = header.map { Column(type: $0) }
        var outputKeys = key.types.map { Column(type: $0) }
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
            // ClickHouse's MergingSortedAlgorithm passes a source's chunk (a granule) through whole, as a block of its
            // own, when none of it is read yet and its last row comes before the first row of the runner-up's chunk
            // (`totallyLessOrEquals`: the first row, wherever the runner-up's position is); the rows gathered so far
            // are emitted first. The merged part's granules follow these blocks.
            if positions[best] == 0,
                runnerUp < 0 || precedes(best, row: chunks[best].rowCount - 1, runnerUp, row: 0)
            {
                if rows > 0 { break }
                return try takeChunk(of: best)
            }
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
            for slot in outputKeys.indices {
                outputKeys[slot].append(contentsOf: keyColumns[best][slot], range: start..<end)
            }
            rows += end - start
            positions[best] = end
            if end == available { _ = try takeChunk(of: best) }
        }
        return rows == 0 ? nil : KeyedChunk(chunk: Chunk(columns: output, rowCount: rows), keys: outputKeys)
    }
}

import Foundation
import SHColumns
import SHCore

extension MergeTreeTable {
    /// Scans the directory: removes temporary leftovers of a crash, drops parts covered by a merged part,
    /// and loads the active ones.
    func loadParts() throws {
        let fileManager = FileManager.default
        var found: [PartName] = []
        for entry in try fileManager.contentsOfDirectory(atPath: directory.path) {
            if entry.hasPrefix("tmp_") || entry.hasPrefix("tmp-") || entry.hasPrefix(".tmp_") {
                try? fileManager.removeItem(at: directory.appendingPathComponent(entry))
                continue
            }
            if entry == "detached" || entry == "format_version.txt" { continue }
            if let name = try? PartName(parsing: entry) { found.append(name) }
        }
        // A part whose block range is inside another part's range of the same partition was merged away.
        var active: [PartName] = []
        // A mutated part (`all_1_1_0_3`) covers the part it rewrote (`all_1_1_0`): the same range at a newer version.
        let coverOrder = { (name: PartName) in (name.level, name.maxBlock - name.minBlock, name.mutation ?? 0) }
        for name in found.sorted(by: { coverOrder($0) > coverOrder($1) }) {
            let covered = active.contains {
                $0.partitionID == name.partitionID && $0.minBlock <= name.minBlock && name.maxBlock <= $0.maxBlock
            }
            if covered {
                try? fileManager.removeItem(at: directory.appendingPathComponent(name.description))
            } else {
                active.append(name)
            }
        }
        var loaded: [DataPart] = []
        for name in active {
            loaded.append(try DataPart.load(name: name, directory: directory.appendingPathComponent(name.description)))
        }
        loaded.sort { $0.name.minBlock < $1.name.minBlock }
        // A mutation's version is a block number too (the counter INSERTs share).
        let maxBlock = loaded.map { max($0.name.maxBlock, $0.name.mutation ?? 0) }.max() ?? 0
        setParts(loaded, nextBlock: maxBlock + 1)
    }

    /// Writes `chunks` as one new part of `partitionID` into a temporary directory (fsynced, not yet visible; see
    /// ``commitNewPart(_:partitionID:)``).
    func writeTemporaryPart(partitionID: String, chunks: [Chunk], partitionValues: [Value], partitionTypes: [DataType])
        throws -> URL
    {
        let estimatedBytes = chunks.reduce(0) { $0 + Self.byteSize(of: $1) }
        return try writeTemporaryPart(
            label: "\(partitionID)_new_\(UUID().uuidString.prefix(8))", partitionValues: partitionValues,
            partitionTypes: partitionTypes, estimatedBytes: estimatedBytes,
            projections: try insertedProjections(of: chunks)
        ) { writer in
            for chunk in chunks { try writer.write(chunk) }
        }
    }

    /// The rows of each of the table's projections for the rows of one INSERT (ClickHouse computes a projection per
    /// insert block and writes it with the block's part).
    private func insertedProjections(of chunks: [Chunk]) throws -> [ProjectionRows] {
        guard !keys.projections.isEmpty else { return [] }
        var block = chunks.first ?? Chunk(columns: columns.map { Column(type: $0.type) }, rowCount: 0)
        if chunks.count > 1 {
            var merged = columns.map { Column(type: $0.type) }
            for chunk in chunks {
                for index in merged.indices { merged[index].append(contentsOf: chunk.columns[index]) }
            }
            block = Chunk(columns: merged, rowCount: chunks.reduce(0) { $0 + $1.rowCount })
        }
        return try keys.projections.map { projection in
            let rows = try projection.query.rows(of: block)
            return ProjectionRows(projection: projection, estimatedBytes: Self.byteSize(of: rows)) {
                try $0.write(rows)
            }
        }
    }

    private static func byteSize(of chunk: Chunk) -> Int { chunk.columns.reduce(0) { $0 + $1.byteSize } }

    /// Writes one part from the rows `produce` hands to the writer, streaming, into the temporary directory
    /// `tmp_insert_<label>` (fsynced; removed again on failure), with a `<name>.proj/` part for each of `projections`.
    /// `estimatedBytes` (uncompressed) chooses Compact or Wide as ClickHouse does.
    func writeTemporaryPart(
        label: String, partitionValues: [Value], partitionTypes: [DataType], estimatedBytes: Int,
        ttlTime: Int64? = nil, format: PartWriteOptions.Format? = nil, projections: [ProjectionRows] = [],
        produce: (PartWriter) throws -> Void
    ) throws -> URL {
        let temporary = directory.appendingPathComponent("tmp_insert_\(label)")
        // A leftover of a crashed attempt (a stat first: removing a path that is not there costs several calls).
        if FileStatus(temporary.path) != nil { try? FileManager.default.removeItem(at: temporary) }
        var options = writeOptions(estimatedBytes: estimatedBytes, format: format, codecs: columnCodecs)
        options.primaryKey = keys.sorting
        options.primaryKeyLength = keys.primaryKeyLength
        options.partitionValues = partitionValues
        options.partitionTypes = partitionTypes
        options.partitionColumns = keys.partitionColumns
        options.ttl = ttl
        options.ttlTime = ttlTime
        options.skipIndexes = keys.skipIndexes
        options.packedSkipIndexMaxBytes = settings.packedSkipIndexMaxBytes
        do {
            let writer = try PartWriter(directory: temporary, columns: columns, options: options)
            try produce(writer)
            for projection in projections {
                let name = projection.projection.directoryName
                try writer.addProjection(
                    name, try writeProjection(projection, into: temporary.appendingPathComponent(name)))
            }
            _ = try writer.finish()
            try DurableFiles.fsyncDirectory(temporary)
            return temporary
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// The options every part of the table is written with: the columns' `codecs` and the table's granularity, Compact
    /// or Wide by `estimatedBytes` (columns with their own codec are written in Wide parts, one stream per column)
    /// unless `format` says.
    private func writeOptions(estimatedBytes: Int, format: PartWriteOptions.Format?, codecs: [Int: ColumnCodecs])
        -> PartWriteOptions
    {
        var options = PartWriteOptions()
        options.columnCodecs = codecs
        options.format = format ?? (estimatedBytes < settings.minBytesForWidePart && codecs.isEmpty ? .compact : .wide)
        options.indexGranularity = settings.indexGranularity
        return options
    }

    /// Writes a projection's part (ClickHouse's `MergeTreeDataWriter::writeProjectionPart`) into `directory`: the
    /// projection's columns sorted by its key, primary.idx over the whole key, no partition, TTL or skip indexes.
    private func writeProjection(_ projection: ProjectionRows, into directory: URL) throws -> WrittenPart {
        let query = projection.projection.query
        var options = writeOptions(estimatedBytes: projection.estimatedBytes, format: nil, codecs: [:])
        options.primaryKey = query.sorting
        options.primaryKeyLength = query.sorting?.types.count ?? 0
        let writer = try PartWriter(directory: directory, columns: query.columns, options: options)
        try projection.produce(writer)
        return try writer.finish()
    }

    /// Writes one part named `name` (a merged part, whose name its sources decide) and renames it into place; the
    /// caller adds it to the table.
    func writePart(
        named name: PartName, partitionValues: [Value], partitionTypes: [DataType], estimatedBytes: Int,
        ttlTime: Int64? = nil, projections: [ProjectionRows] = [], produce: (PartWriter) throws -> Void
    ) throws -> DataPart {
        let temporary = try writeTemporaryPart(
            label: name.description, partitionValues: partitionValues, partitionTypes: partitionTypes,
            estimatedBytes: estimatedBytes, ttlTime: ttlTime, projections: projections, produce: produce)
        do {
            let destination = directory.appendingPathComponent(name.description)
            try DurableFiles.rename(temporary, to: destination)
            return try DataPart.load(name: name, directory: destination)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Replaces `old` parts (adjacent, one partition) by one merged part `all_<min>_<max>_<level+1>[_<mutation>]`
    /// (the highest mutation version of the old parts is kept, as ClickHouse keeps it) whose rows
    /// `produce` streams to the writer. The old parts leave the table at once and their directories when no
    /// reader holds them any more. Call it inside ``withMergeLock(_:)`` or ``withMergeLockIfAvailable(_:)``; when an old
    /// part left the table during the merge (TRUNCATE), the merged part is discarded. The merged part has the
    /// projections of `projections` (the merges of the old parts' projection parts); the others it lacks, which
    /// ClickHouse reads as a projection not materialized in that part.
    public func merge(
        _ old: [DataPart], partitionValues: [Value], partitionTypes: [DataType], estimatedBytes: Int,
        projections: [ProjectionRows] = [], produce: (PartWriter) throws -> Void
    ) throws {
        guard let first = old.first else { return }
        let name = PartName(
            partitionID: first.name.partitionID,
            minBlock: old.map(\.name.minBlock).min() ?? 0,
            maxBlock: old.map(\.name.maxBlock).max() ?? 0,
            level: (old.map(\.name.level).max() ?? 0) + 1,
            mutation: old.compactMap(\.name.mutation).max())
        // The table's TTL is applied as the rows are written, at the merge's time (ClickHouse's TTL transform).
        let merged = try writePart(
            named: name, partitionValues: partitionValues, partitionTypes: partitionTypes,
            estimatedBytes: estimatedBytes, ttlTime: Int64(Date().timeIntervalSince1970), projections: projections,
            produce: produce)
        // A merge whose TTL deleted every row leaves an empty part, as ClickHouse's does.
        guard replaceParts(old, with: merged) else {
            merged.retention.retire()
            return
        }
        for part in old { part.retention.retire() }
    }

    /// Writes the rewrite of `source` by the mutation `version` (rows from `produce`, in this table's columns) into a
    /// temporary directory in the source's format (Compact stays Compact, Wide stays Wide, as in ClickHouse); nothing
    /// is visible until ``commitMutatedParts(_:version:)``. On failure the temporary directory is removed.
    public func writeMutatedPart(
        of source: DataPart, version: Int64, partitionValues: [Value], partitionTypes: [DataType],
        produce: (PartWriter) throws -> Void
    ) throws -> URL {
        try writeTemporaryPart(
            label: Self.mutatedName(of: source.name, version: version).description, partitionValues: partitionValues,
            partitionTypes: partitionTypes, estimatedBytes: source.bytesOnDisk,
            format: source.partType == "Compact" ? .compact : .wide, produce: produce)
    }

    /// Publishes the parts ``writeMutatedPart(of:version:partitionValues:partitionTypes:produce:)`` wrote: each is
    /// renamed to `<partition>_<min>_<max>_<level>_<version>` and replaces its source, which is retired as a merge
    /// retires its sources. After a crash part way, the renamed parts cover their sources when the table is loaded.
    /// Call it inside ``withMergeLock(_:)``; `version` came from ``reserveMutationVersion()``.
    public func commitMutatedParts(_ rewritten: [(source: DataPart, temporary: URL)], version: Int64) throws {
        var published: [(source: DataPart, part: DataPart)] = []
        for (source, temporary) in rewritten {
            let name = Self.mutatedName(of: source.name, version: version)
            let destination = directory.appendingPathComponent(name.description)
            try DurableFiles.rename(temporary, to: destination)
            published.append((source, try DataPart.load(name: name, directory: destination)))
        }
        for (source, part) in published where replaceParts([source], with: part) {
            source.retention.retire()
        }
        state.withLock { $0.nextBlockNumber = max($0.nextBlockNumber, version + 1) }
    }

    /// Takes the block number of a mutation: the next one (INSERTs and mutations share the counter, as in ClickHouse),
    /// or one above every part's mutation version when restored parts carry higher ones (ClickHouse would skip those
    /// parts; SwiftHouse rewrites every part, and the rewritten ones must cover theirs).
    public func reserveMutationVersion() -> Int64 {
        commitLock.withLock { _ in
            state.withLock { state in
                let highest = state.parts.compactMap(\.name.mutation).max() ?? 0
                let version = max(state.nextBlockNumber, highest + 1)
                state.nextBlockNumber = version + 1
                return version
            }
        }
    }

    /// The name of `name`'s part rewritten by the mutation `version`: the same range and level, the new version.
    static func mutatedName(of name: PartName, version: Int64) -> PartName {
        PartName(
            partitionID: name.partitionID, minBlock: name.minBlock, maxBlock: name.maxBlock, level: name.level,
            mutation: version)
    }
}

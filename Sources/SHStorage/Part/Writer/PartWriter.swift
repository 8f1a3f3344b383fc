import Foundation
import SHCodecs
import SHColumns
import SHCore

/// Writes one MergeTree part in ClickHouse's format, streaming granule by granule (memory stays bounded by
/// one granule plus one compression block per stream). Wide parts: one `.bin` + `.mrk2` per substream;
/// Compact parts: `data.bin` + `data.mrk3`. Strings are single-stream and no serialization.json is written:
/// the simplest format ClickHouse 26.9 reads, restores and verifies with CHECK TABLE.
public final class PartWriter {
    let directory: URL
    let columns: [ColumnDescription]
    let options: PartWriteOptions
    private var pending: [Column]
    private var pendingRows = 0
    /// The rows the open granule (`pending`) is to have.
    private var pendingTarget = 0
    private var rows = 0
    private var checksums = PartChecksums()
    private var primaryIndex: [UInt8] = []
    private var lastKeyRow: [Value]?
    private var minmax: [(min: Value, max: Value)?]
    // Wide
    /// Per column, the files it writes and the serializer's name of each one's stream.
    private var streamNames: [[(file: String, stream: String)]] = []
    private var streams: [String: CompressedFileWriter] = [:]
    private var marks: [String: [UInt8]] = [:]
    // Compact
    private var dataFile: CompressedFileWriter?
    private var compactMarks: [UInt8] = []
    private var ttlInfo = PartTTLInfo()
    private var skipIndexes: SkipIndexWriter?

    public init(directory: URL, columns: [ColumnDescription], options: PartWriteOptions) throws {
        self.directory = directory
        self.columns = columns
        self.options = options
        self.pending = columns.map { Column(type: $0.type) }
        self.minmax = Array(repeating: nil, count: options.partitionColumns.count)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch options.format {
        case .wide:
            for (index, column) in columns.enumerated() {
                let names = ColumnSerializer.streams(of: column.type, path: escapeForFileName(column.name)).map(
                    StreamSink.fileName)
                // A stream another column already writes (the shared sizes of `n.a` and `n.b`, `n.size0`) is
                // written once, by the first. The column's own codec chain (Delta, T64, …) is for its values stream
                // only; the other streams take the chain's generic codecs.
                let valuesStream = escapeForFileName(column.name)
                let codecs = options.columnCodecs[index]
                var files: [(file: String, stream: String)] = []
                for name in names {
                    let file = NestedStreams.fileName(name, column: column.name)
                    guard streams[file] == nil else { continue }
                    files.append((file, name))
                    let codec = (name == valuesStream ? codecs?.values : codecs?.others) ?? options.codec
                    streams[file] = try CompressedFileWriter(directory: directory, name: file + ".bin", codec: codec)
                    marks[file] = []
                }
                streamNames.append(files)
                // Every LowCardinality dictionary stream, nested ones included, starts with the keys version.
                for (file, _) in files where file.hasSuffix(".dict") {
                    try streams[file]?.write(LowCardinalitySerializer.statePrefix)
                }
            }
        case .compact:
            dataFile = try CompressedFileWriter(directory: directory, name: "data.bin", codec: options.codec)
        }
        if !options.skipIndexes.isEmpty {
            skipIndexes = try SkipIndexWriter(
                indexes: options.skipIndexes, directory: directory,
                marksExtension: options.format == .wide ? ".mrk2" : ".mrk3", codec: options.codec,
                packedMaxBytes: options.packedSkipIndexMaxBytes)
        }
    }

    /// Adds one block of rows (columns in the part's column order). Granule sizes follow ClickHouse's
    /// `fillIndexGranularity` for each block: the rows completing the previous block's open granule first, then
    /// granules of `index_granularity` rows. In Wide parts the last one stays open for the next block; in Compact parts
    /// a block's last rows form a granule of their own when they are at least half of one, else they join the block's
    /// previous granule (a block shorter than a granule, with nothing to complete, opens one the next block continues). Whole granules are serialized straight from the chunk; only an
    /// open granule is copied aside.
    ///
    /// With a TTL, an INSERT's rows have their TTL times recorded (ttl.txt); a merge's rows first lose what expired.
    public func write(_ input: Chunk) throws {
        var chunk = input
        if !options.ttl.isEmpty {
            if let now = options.ttlTime {
                chunk = try options.ttl.apply(to: input, now: now, recordingIn: &ttlInfo)
            } else {
                try options.ttl.record(input, into: &ttlInfo)
            }
        }
        let rowCount = chunk.rowCount
        guard rowCount > 0 else { return }
        let granularity = max(1, options.indexGranularity)
        // Rows of this block that complete the open granule of the previous one.
        let offset = pendingRows > 0 ? pendingTarget - pendingRows : 0
        if offset >= rowCount {
            appendPending(chunk, 0..<rowCount)
            if pendingRows == pendingTarget { try emitPending() }
            return
        }
        // This block's granule sizes; the first one is the open granule's when there is one.
        var sizes: [Int] = offset > 0 ? [pendingTarget] : []
        var row = offset
        while row < rowCount {
            let left = rowCount - row
            if options.format == .compact, left < granularity, rowCount >= granularity || offset != 0 {
                if left * 2 >= granularity || sizes.isEmpty {
                    sizes.append(left)
                } else {
                    sizes[sizes.count - 1] += left
                }
            } else {
                sizes.append(granularity)
            }
            row += granularity
        }
        var start = 0
        for (index, size) in sizes.enumerated() {
            if index == 0 && offset > 0 {
                pendingTarget = size
                let take = size - pendingRows
                appendPending(chunk, 0..<take)
                start = take
                try emitPending()
            } else if rowCount - start >= size {
                try emitGranule(chunk.columns, rows: start..<(start + size))
                start += size
            } else {
                // The last granule is open: the next block continues it.
                pendingTarget = size
                appendPending(chunk, start..<rowCount)
                start = rowCount
            }
        }
    }

    private func appendPending(_ chunk: Chunk, _ range: Range<Int>) {
        for index in pending.indices {
            pending[index].append(contentsOf: chunk.columns[index], range: range)
        }
        pendingRows += range.count
    }

    private func emitPending() throws {
        guard pendingRows > 0 else { return }
        let granule = pending
        let count = pendingRows
        pending = columns.map { Column(type: $0.type) }
        pendingRows = 0
        try emitGranule(granule, rows: 0..<count)
    }

    private func emitGranule(_ granule: [Column], rows range: Range<Int>) throws {
        try NestedStreams.checkSharedSizes(granule, descriptions: columns, rows: range)
        try track(granule, rows: range)
        try skipIndexes?.add(granule, rows: range)
        switch options.format {
        case .wide: try writeWide(granule, rows: range)
        case .compact: try writeCompact(granule, rows: range)
        }
        rows += range.count
    }

    private func writeWide(_ granule: [Column], rows range: Range<Int>) throws {
        for (index, column) in granule.enumerated() {
            var sink = StreamSink(collectAll: false)
            ColumnSerializer.serialize(
                column, rows: range, type: columns[index].type, path: escapeForFileName(columns[index].name),
                into: &sink)
            for (file, name) in streamNames[index] {
                guard let stream = streams[file] else { continue }
                let (offset, inBlock) = try stream.markPosition()
                appendMark(&marks[file, default: []], offset, inBlock, UInt64(range.count))
                try stream.write(sink.buffers[name] ?? [])
            }
        }
    }

    private func writeCompact(_ granule: [Column], rows range: Range<Int>) throws {
        guard let dataFile else { return }
        for (index, column) in granule.enumerated() {
            var sink = StreamSink(collectAll: true)
            // Each granule of a column opens with its state prefixes (every LowCardinality's keys version, nested
            // ones included), then the substreams' data.
            for name in ColumnSerializer.streams(of: columns[index].type, path: "c") where name.hasSuffix(".dict") {
                sink.append(name, LowCardinalitySerializer.statePrefix)
            }
            ColumnSerializer.serialize(column, rows: range, type: columns[index].type, path: "c", into: &sink)
            try dataFile.flush()
            ColumnSerializer.appendLE(UInt64(dataFile.fileSize), to: &compactMarks)
            ColumnSerializer.appendLE(0, to: &compactMarks)
            try dataFile.write(sink.all)
            try dataFile.flush()
        }
        ColumnSerializer.appendLE(UInt64(range.count), to: &compactMarks)
    }

    /// Primary index entries and partition min/max for a granule.
    private func track(_ granule: [Column], rows range: Range<Int>) throws {
        if let key = options.primaryKey, options.primaryKeyLength > 0 {
            // The key of the granule's first and last rows only: evaluated on those two rows.
            let ends = [range.lowerBound, range.upperBound - 1]
            let rows = Chunk(columns: granule.map { $0.gather(ends) }, rowCount: 2)
            let values = try key.evaluate(rows)
            guard values.count >= options.primaryKeyLength else {
                throw DatabaseError(.logicalError, "The primary key gave \(values.count) columns")
            }
            for slot in 0..<options.primaryKeyLength {
                primaryIndex += ColumnSerializer.singleValue(values[slot].value(at: 0), type: key.types[slot])
            }
            lastKeyRow = (0..<options.primaryKeyLength).map { values[$0].value(at: 1) }
        }
        for (slot, column) in options.partitionColumns.enumerated() {
            for row in range {
                let value = granule[column].value(at: row)
                if let current = minmax[slot] {
                    if Value.compare(value, current.min) < 0 { minmax[slot]?.min = value }
                    if Value.compare(value, current.max) > 0 { minmax[slot]?.max = value }
                } else {
                    minmax[slot] = (value, value)
                }
            }
        }
    }

    private func appendMark(_ marks: inout [UInt8], _ offset: UInt64, _ inBlock: UInt64, _ rows: UInt64) {
        ColumnSerializer.appendLE(offset, to: &marks)
        ColumnSerializer.appendLE(inBlock, to: &marks)
        ColumnSerializer.appendLE(rows, to: &marks)
    }

    /// Lists the projection part written into `directoryName` (`p.proj/`, inside this part) in this part's
    /// checksums.txt as ClickHouse lists one: the total size of its files and its total checksum. Call it before
    /// ``finish()``.
    public func addProjection(_ directoryName: String, _ written: WrittenPart) throws {
        let total = try PartChecksums.projectionTotal(of: written.checksums.files.mapValues { ($0.size, $0.hash) })
        guard let hash = total.hash else {
            throw DatabaseError(.logicalError, "Projection \(directoryName) was written without checksums")
        }
        checksums.files[directoryName] = PartChecksums.Entry(size: total.size, hash: hash)
    }

    /// Writes the last granule, the marks, indexes and metadata files, and checksums.txt; fsyncs nothing
    /// itself (the caller fsyncs the directory before publishing it).
    public func finish() throws -> WrittenPart {
        try emitPending()
        // An empty part (a merge whose rows all collapsed) has no marks at all, not even the final one, and an empty
        // primary index, as ClickHouse writes it.
        let finalMark = rows > 0
        switch options.format {
        case .wide:
            for (name, stream) in streams {
                let (offset, inBlock) = try stream.markPosition(flushThreshold: Int.max)
                if finalMark { appendMark(&marks[name, default: []], offset, inBlock, 0) }
                checksums.files[name + ".bin"] = try stream.finish().entry
                checksums.files[name + ".mrk2"] = try writePlainFile(
                    marks[name] ?? [], named: name + ".mrk2", in: directory)
            }
        case .compact:
            guard let dataFile else { break }
            try dataFile.flush()
            if finalMark {
                for _ in columns {
                    ColumnSerializer.appendLE(UInt64(dataFile.fileSize), to: &compactMarks)
                    ColumnSerializer.appendLE(0, to: &compactMarks)
                }
                ColumnSerializer.appendLE(0, to: &compactMarks)
            }
            var (entry, dataHash) = try dataFile.finish()
            if let uncompressed = entry.uncompressed {
                entry.uncompressed = (
                    uncompressed.size, dataHash.storedBytes.withUnsafeBytes { CityHash128.withSeed($0, seed: .zero) }
                )
            }
            checksums.files["data.bin"] = entry
            checksums.files["data.mrk3"] = try writePlainFile(compactMarks, named: "data.mrk3", in: directory)
        }
        if let skipIndexes {
            checksums.files.merge(try skipIndexes.finish()) { _, new in new }
        }
        try writeMetadataFiles()
        return WrittenPart(rows: rows, checksums: checksums, bytesOnDisk: try DataPart.sizeOnDisk(of: directory))
    }

    private func writeMetadataFiles() throws {
        if let lastKeyRow, let key = options.primaryKey {
            for (slot, value) in lastKeyRow.enumerated() {
                primaryIndex += ColumnSerializer.singleValue(value, type: key.types[slot])
            }
            checksums.files["primary.idx"] = try writePlainFile(primaryIndex, named: "primary.idx", in: directory)
        } else if options.primaryKey != nil, options.primaryKeyLength > 0 {
            checksums.files["primary.idx"] = try writePlainFile([], named: "primary.idx", in: directory)
        }
        if !options.partitionValues.isEmpty {
            var partition: [UInt8] = []
            for (value, type) in zip(options.partitionValues, options.partitionTypes) {
                partition += ColumnSerializer.singleValue(value, type: type)
            }
            checksums.files["partition.dat"] = try writePlainFile(partition, named: "partition.dat", in: directory)
            for (slot, column) in options.partitionColumns.enumerated() {
                guard let range = minmax[slot] else { continue }
                let type = columns[column].type
                let name = "minmax_\(escapeForFileName(columns[column].name)).idx"
                checksums.files[name] = try writePlainFile(
                    ColumnSerializer.singleValue(range.min, type: type)
                        + ColumnSerializer.singleValue(range.max, type: type),
                    named: name, in: directory)
            }
        }
        if !options.ttl.isEmpty, rows > 0 {
            checksums.files["ttl.txt"] = try writePlainFile(ttlInfo.serialized(), named: "ttl.txt", in: directory)
        }
        checksums.files["count.txt"] = try writePlainFile(Array(String(rows).utf8), named: "count.txt", in: directory)
        _ = try writePlainFile(Array(ColumnsFile.text(columns).utf8), named: "columns.txt", in: directory)
        _ = try writePlainFile(
            Array(options.codec.description.utf8), named: "default_compression_codec.txt", in: directory)
        _ = try writePlainFile(Array("0".utf8), named: "metadata_version.txt", in: directory)
        _ = try writePlainFile(try checksums.serialized(), named: "checksums.txt", in: directory)
    }
}

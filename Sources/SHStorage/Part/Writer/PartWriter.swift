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
    private var rows = 0
    private var checksums = PartChecksums()
    private var primaryIndex: [UInt8] = []
    private var lastKeyRow: [Value]?
    private var minmax: [(min: Value, max: Value)?]
    // Wide
    private var streamNames: [[String]] = []
    private var streams: [String: CompressedFileWriter] = [:]
    private var marks: [String: [UInt8]] = [:]
    // Compact
    private var dataFile: CompressedFileWriter?
    private var compactMarks: [UInt8] = []

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
                streamNames.append(names)
                let valuesStream = escapeForFileName(column.name)
                let codecs = options.columnCodecs[index]
                for name in names {
                    let codec = (name == valuesStream ? codecs?.values : codecs?.others) ?? options.codec
                    streams[name] = try CompressedFileWriter(directory: directory, name: name + ".bin", codec: codec)
                    marks[name] = []
                }
                // Every LowCardinality dictionary stream, nested ones included, starts with the keys version.
                for name in names where name.hasSuffix(".dict") {
                    try streams[name]?.write(LowCardinalitySerializer.statePrefix)
                }
            }
        case .compact:
            dataFile = try CompressedFileWriter(directory: directory, name: "data.bin", codec: options.codec)
        }
    }

    /// Adds rows (columns in the part's column order). Whole granules are serialized straight from the chunk;
    /// only a partial granule is copied aside until the next chunk completes it.
    public func write(_ chunk: Chunk) throws {
        var start = 0
        while start < chunk.rowCount {
            let granularity = options.indexGranularity
            if pendingRows == 0 && chunk.rowCount - start >= granularity {
                try emitGranule(chunk.columns, rows: start..<(start + granularity))
                start += granularity
                continue
            }
            let take = min(chunk.rowCount - start, granularity - pendingRows)
            for index in pending.indices {
                pending[index].append(contentsOf: chunk.columns[index], range: start..<(start + take))
            }
            pendingRows += take
            start += take
            if pendingRows == granularity { try emitPending() }
        }
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
        try track(granule, rows: range)
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
            for name in streamNames[index] {
                guard let stream = streams[name] else { continue }
                let (offset, inBlock) = try stream.markPosition()
                appendMark(&marks[name, default: []], offset, inBlock, UInt64(range.count))
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
        if !options.primaryKeyColumns.isEmpty {
            for column in options.primaryKeyColumns {
                primaryIndex += ColumnSerializer.singleValue(
                    granule[column].value(at: range.lowerBound), type: columns[column].type)
            }
            lastKeyRow = options.primaryKeyColumns.map { granule[$0].value(at: range.upperBound - 1) }
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

    /// Writes the last granule, the marks, indexes and metadata files, and checksums.txt; fsyncs nothing
    /// itself (the caller fsyncs the directory before publishing it).
    public func finish() throws -> WrittenPart {
        try emitPending()
        switch options.format {
        case .wide:
            for (name, stream) in streams {
                let (offset, inBlock) = try stream.markPosition(flushThreshold: Int.max)
                appendMark(&marks[name, default: []], offset, inBlock, 0)
                checksums.files[name + ".bin"] = try stream.finish().entry
                checksums.files[name + ".mrk2"] = try writePlainFile(
                    marks[name] ?? [], named: name + ".mrk2", in: directory)
            }
        case .compact:
            guard let dataFile else { break }
            try dataFile.flush()
            for _ in columns {
                ColumnSerializer.appendLE(UInt64(dataFile.fileSize), to: &compactMarks)
                ColumnSerializer.appendLE(0, to: &compactMarks)
            }
            ColumnSerializer.appendLE(0, to: &compactMarks)
            var (entry, dataHash) = try dataFile.finish()
            if let uncompressed = entry.uncompressed {
                entry.uncompressed = (
                    uncompressed.size, dataHash.storedBytes.withUnsafeBytes { CityHash128.withSeed($0, seed: .zero) }
                )
            }
            checksums.files["data.bin"] = entry
            checksums.files["data.mrk3"] = try writePlainFile(compactMarks, named: "data.mrk3", in: directory)
        }
        try writeMetadataFiles()
        var bytesOnDisk = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            bytesOnDisk +=
                (try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.size]
                    as? Int) ?? 0
        }
        return WrittenPart(rows: rows, checksums: checksums, bytesOnDisk: bytesOnDisk)
    }

    private func writeMetadataFiles() throws {
        if let lastKeyRow {
            for (slot, column) in options.primaryKeyColumns.enumerated() {
                primaryIndex += ColumnSerializer.singleValue(lastKeyRow[slot], type: columns[column].type)
            }
            checksums.files["primary.idx"] = try writePlainFile(primaryIndex, named: "primary.idx", in: directory)
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
        checksums.files["count.txt"] = try writePlainFile(Array(String(rows).utf8), named: "count.txt", in: directory)
        _ = try writePlainFile(Array(ColumnsFile.text(columns).utf8), named: "columns.txt", in: directory)
        _ = try writePlainFile(
            Array(options.codec.description.utf8), named: "default_compression_codec.txt", in: directory)
        _ = try writePlainFile(Array("0".utf8), named: "metadata_version.txt", in: directory)
        _ = try writePlainFile(try checksums.serialized(), named: "checksums.txt", in: directory)
    }
}

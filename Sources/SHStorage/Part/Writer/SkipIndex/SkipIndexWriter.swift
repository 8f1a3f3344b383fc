import Foundation
import SHCodecs
import SHColumns
import SHCore

/// Writes a part's skip indexes as ClickHouse 26.9 does: per index a compressed `skp_idx_<name>.idx[2]` holding one
/// serialized granule per `GRANULARITY` data granules and a marks file (`.mrk2` in Wide parts, `.mrk3` in Compact
/// ones) with one mark per index granule (offset in the file, offset in the block, 1), no final mark. With
/// `packed_skip_index_max_bytes` > 0, every index whose data and marks files both stay within it goes into
/// `skp_idx.packed` instead (listed in checksums.txt as that one file).
final class SkipIndexWriter {
    private struct Stream {
        let index: SkipIndexDescription
        let dataName: String
        let marksName: String
        let file: CompressedFileWriter
        var marks: [UInt8] = []
        var aggregator: any SkipIndexAggregator
        /// Data granules in the open index granule.
        var accumulated = 0
    }

    private var streams: [Stream] = []
    private let directory: URL
    private let packedMaxBytes: Int
    /// The columns some index reads; nil when an index does not say (then every column is cut to the granule).
    private let readColumns: Set<Int>?

    init(
        indexes: [SkipIndexDescription], directory: URL, marksExtension: String, codec: CompressionCodec,
        packedMaxBytes: Int
    ) throws {
        self.directory = directory
        self.packedMaxBytes = packedMaxBytes
        readColumns = indexes.reduce(Set<Int>()) { union, index in
            guard let union, let columns = index.columns else { return nil }
            return union.union(columns)
        }
        for index in indexes {
            let dataName = index.fileStem + index.kind.fileExtension
            streams.append(
                Stream(
                    index: index, dataName: dataName, marksName: index.fileStem + marksExtension,
                    file: try CompressedFileWriter(directory: directory, name: dataName, codec: codec),
                    aggregator: index.kind.makeAggregator()))
        }
    }

    /// Adds one data granule: `rows` of `granule` (the part's columns in table order).
    func add(_ granule: [Column], rows range: Range<Int>) throws {
        guard !streams.isEmpty else { return }
        // Only the columns the expressions read are cut to the granule; the others are passed uncut (unread).
        let whole = granule.first.map { range == 0..<$0.count } == true
        let columns =
            whole
            ? granule
            : granule.enumerated().map { index, column in
                readColumns?.contains(index) == false ? column : column.slice(range)
            }
        let chunk = Chunk(columns: columns, rowCount: range.count)
        for slot in streams.indices {
            if streams[slot].accumulated == streams[slot].index.granularity {
                try writeGranule(slot)
            }
            if streams[slot].aggregator.isEmpty {
                let (offset, inBlock) = try streams[slot].file.markPosition()
                ColumnSerializer.appendLE(offset, to: &streams[slot].marks)
                ColumnSerializer.appendLE(inBlock, to: &streams[slot].marks)
                ColumnSerializer.appendLE(1, to: &streams[slot].marks)
            }
            let values = try streams[slot].index.expressions.evaluate(chunk)
            try streams[slot].aggregator.update(values)
            streams[slot].accumulated += 1
        }
    }

    private func writeGranule(_ slot: Int) throws {
        try streams[slot].file.write(try streams[slot].aggregator.serialized())
        streams[slot].aggregator = streams[slot].index.kind.makeAggregator()
        streams[slot].accumulated = 0
    }

    /// Writes the open granules and the marks; returns the checksums.txt entries of the files written.
    func finish() throws -> [String: PartChecksums.Entry] {
        var entries: [String: PartChecksums.Entry] = [:]
        var packed: [(name: String, bytes: [UInt8], uncompressedSize: Int)] = []
        for slot in streams.indices {
            if !streams[slot].aggregator.isEmpty { try writeGranule(slot) }
            let stream = streams[slot]
            let data = try stream.file.finish().entry
            if packedMaxBytes > 0, data.size <= packedMaxBytes, stream.marks.count <= packedMaxBytes {
                let url = directory.appendingPathComponent(stream.dataName)
                let bytes = try [UInt8](Data(contentsOf: url))
                try FileManager.default.removeItem(at: url)
                packed.append((stream.dataName, bytes, data.uncompressed?.size ?? 0))
                packed.append((stream.marksName, stream.marks, 0))
            } else {
                entries[stream.dataName] = data
                entries[stream.marksName] = try writePlainFile(stream.marks, named: stream.marksName, in: directory)
            }
        }
        if !packed.isEmpty {
            let archive = Self.packedArchive(packed)
            entries[Self.packedFileName] = try writePlainFile(archive, named: Self.packedFileName, in: directory)
        }
        return entries
    }

    static let packedFileName = "skp_idx.packed"

    /// ClickHouse's packed-files archive: version (UInt8 1), file count (UInt64), then per file (sorted by name)
    /// its name (VarUInt length + bytes), offset and size in the archive and uncompressed size (UInt64 each, the last
    /// 0 for an uncompressed file), then the files' bytes in the same order.
    static func packedArchive(_ files: [(name: String, bytes: [UInt8], uncompressedSize: Int)]) -> [UInt8] {
        let sorted = files.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        var header: [UInt8] = [1]
        ColumnSerializer.appendLE(UInt64(sorted.count), to: &header)
        var offset = 9
        for file in sorted {
            let length = file.name.utf8.count
            offset += VarUInt.size(of: UInt64(length)) + length + 24
        }
        for file in sorted {
            VarUInt.write(UInt64(file.name.utf8.count), to: &header)
            header += Array(file.name.utf8)
            ColumnSerializer.appendLE(UInt64(offset), to: &header)
            ColumnSerializer.appendLE(UInt64(file.bytes.count), to: &header)
            ColumnSerializer.appendLE(UInt64(file.uncompressedSize), to: &header)
            offset += file.bytes.count
        }
        for file in sorted { header += file.bytes }
        return header
    }
}

import Foundation
import SHCodecs
import SHColumns
import SHCore

/// The substreams of Log and TinyLog files: what one INSERT block writes to each file, and the rows read back.
enum LogStreams {
    /// ClickHouse's `max_compress_block_size`: the most data bytes one compressed frame holds.
    static let frameSize = 1 << 20

    /// The serialized bytes of each file (`a.bin`, `n.null.bin`) for `chunk`; each LowCardinality column's `.dict`
    /// stream starts with its state prefix, since every INSERT starts its files' data afresh.
    static func serialize(_ chunk: Chunk, columns: [ColumnDescription]) -> [String: [UInt8]] {
        var sink = StreamSink(collectAll: false)
        for (position, column) in columns.enumerated() {
            let path = escapeForFileName(column.name)
            for stream in ColumnSerializer.streams(of: column.type, path: path) where stream.hasSuffix(".dict") {
                sink.append(stream, LowCardinalitySerializer.statePrefix)
            }
            ColumnSerializer.serialize(
                chunk.columns[position], rows: 0..<chunk.rowCount, type: column.type, path: path, into: &sink)
        }
        return sink.buffers.reduce(into: [:]) { $0[$1.key + ".bin"] = $1.value }
    }

    /// Appends `bytes` to `out` as compressed frames of at most `frameSize` data bytes (nothing for no bytes).
    static func compress(_ bytes: [UInt8], codec: CompressionCodec, into out: inout [UInt8]) throws {
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + frameSize)
            try bytes[start..<end].withUnsafeBytes { try CompressedBlock.append($0, codec: codec, to: &out) }
            start = end
        }
    }

    /// The rows of files whose bytes are `contents` (file name → compressed bytes). With `marks` (Log), a chunk per
    /// INSERT, each read from its marks' offsets; without (TinyLog), one chunk of every row in the files.
    static func read(
        _ contents: [String: [UInt8]], streams: [String], marks: [[LogMark]]?, columns: [ColumnDescription],
        table: String
    ) throws -> [Chunk] {
        guard let marks else {
            let decompressed = try streams.reduce(into: [String: [UInt8]]()) {
                $0[$1] = try CompressedBlock.decodeAll(contents[$1] ?? [], fileName: $1)
            }
            let rows = try rowCount(decompressed, columns: columns, table: table)
            return rows == 0 ? [] : [try readBlock(decompressed, rows: rows, columns: columns, table: table)]
        }
        var chunks: [Chunk] = []
        var rowsBefore: UInt64 = 0
        for (index, insert) in marks.enumerated() {
            guard insert.count == streams.count, let rowsAfter = insert.first?.rows, rowsAfter >= rowsBefore,
                insert.allSatisfy({ $0.rows == rowsAfter })
            else { throw damagedMarks(table, "the row counts of mark \(index) disagree") }
            var decompressed: [String: [UInt8]] = [:]
            for (position, stream) in streams.enumerated() {
                let bytes = contents[stream] ?? []
                let start = insert[position].offset
                let end = index + 1 < marks.count ? marks[index + 1][position].offset : UInt64(bytes.count)
                guard start <= end, end <= UInt64(bytes.count) else {
                    throw damagedMarks(table, "mark \(index) points past the end of \(stream)")
                }
                decompressed[stream] = try CompressedBlock.decodeAll(
                    Array(bytes[Int(start)..<Int(end)]), fileName: stream)
            }
            let rows = try SizeLimits.int(rowsAfter - rowsBefore, what: "rows of mark \(index) of table \(table)")
            if rows > 0 { chunks.append(try readBlock(decompressed, rows: rows, columns: columns, table: table)) }
            rowsBefore = rowsAfter
        }
        return chunks
    }

    /// A LowCardinality `.dict` file holds only state prefixes, one per INSERT; TinyLog reads its INSERTs as one
    /// block, so all but the first prefix are left unread, as in ClickHouse.
    private static func isPrefixOnly(_ file: String) -> Bool { file.hasSuffix(".dict.bin") }

    private static func damagedMarks(_ table: String, _ what: String) -> DatabaseError {
        DatabaseError(.corruptedData, "File \(LogTable.marksFileName) of table \(table) is damaged: \(what)")
    }

    /// One block of `rows` rows from decompressed files; every byte must be consumed.
    private static func readBlock(
        _ decompressed: [String: [UInt8]], rows: Int, columns: [ColumnDescription], table: String
    ) throws -> Chunk {
        var opened: [String: DecompressedStream] = [:]
        var result: [Column] = []
        for column in columns {
            let deserializer = ColumnDeserializer(
                column, sparse: false, stringsWithSizeStream: false, propagateToNested: false
            ) { path in
                let file = path + ".bin"
                if let stream = opened[file] { return stream }
                guard let bytes = decompressed[file] else {
                    throw DatabaseError(.fileDoesntExist, "File \(file) of table \(table) doesn't exist")
                }
                let stream = DecompressedStream(decompressed: bytes, name: file)
                opened[file] = stream
                return stream
            }
            try deserializer.startGranule()
            result.append(try deserializer.read(rows: rows))
        }
        for (file, stream) in opened where stream.remaining > 0 && !isPrefixOnly(file) {
            throw DatabaseError(
                .corruptedData, "File \(file) of table \(table) has \(stream.remaining) bytes after its last row")
        }
        return Chunk(columns: result)
    }

    /// TinyLog's row count, which no file records: the rows of its first column, read one at a time until its
    /// files are consumed.
    private static func rowCount(_ decompressed: [String: [UInt8]], columns: [ColumnDescription], table: String) throws
        -> Int
    {
        guard let first = columns.first else { return 0 }
        let files = ColumnSerializer.streams(of: first.type, path: escapeForFileName(first.name)).map {
            StreamSink.fileName($0) + ".bin"
        }
        if files.count == 1, let width = first.type.fixedWidth, let bytes = decompressed[files[0]] {
            guard bytes.count % width == 0 else {
                throw DatabaseError(
                    .corruptedData, "File \(files[0]) of table \(table) is not a whole number of \(width)-byte values")
            }
            return bytes.count / width
        }
        var opened: [String: DecompressedStream] = [:]
        for file in files {
            opened[file] = DecompressedStream(decompressed: decompressed[file] ?? [], name: file)
        }
        let deserializer = ColumnDeserializer(
            first, sparse: false, stringsWithSizeStream: false, propagateToNested: false
        ) { path in
            guard let stream = opened[path + ".bin"] else {
                throw DatabaseError(.fileDoesntExist, "File \(path).bin of table \(table) doesn't exist")
            }
            return stream
        }
        try deserializer.startGranule()
        var rows = 0
        while opened.contains(where: { $0.value.remaining > 0 && !isPrefixOnly($0.key) }) {
            _ = try deserializer.read(rows: 1)
            rows += 1
        }
        return rows
    }
}

import Foundation
import SHCodecs
import SHColumns
import SHCore
import SHSQL

/// `ENGINE = Log` and `ENGINE = TinyLog`: one compressed file per substream (`a.bin`, `n.null.bin`, `arr.size0.bin`,
/// as in a Wide part), appended to by every INSERT, plus `sizes.json`; Log also keeps `__marks.mrk`, where each
/// INSERT's rows and its offset in every file are recorded, so that blocks can be told apart. The bytes are
/// ClickHouse's (ZSTD frames, one per INSERT and stream), so a table's files and backups move between SwiftHouse
/// and ClickHouse as they are.
///
/// The rows are also kept in memory (Log tables are small by design); the files are what survives a restart.
public final class LogTable: Table, Sendable {
    /// What distinguishes the two engines.
    public enum Layout: Sendable {
        /// `Log`: with `__marks.mrk`.
        case log
        /// `TinyLog`: without; the rows of all INSERTs read back as one block.
        case tinyLog
    }

    public static let marksFileName = "__marks.mrk"
    /// The codec of the data files: ClickHouse's default for Log family tables (ZSTD at its default level, 3).
    static let codec = CompressionCodec.zstd(level: 3)

    public let uuid: UUID
    public let columns: [ColumnDescription]
    public let layout: Layout
    public var engineName: String { layout == .log ? "Log" : "TinyLog" }
    public var dataPath: String? { directory.path + "/" }
    /// TinyLog keeps no row count (its rows are counted by reading its first column).
    public var knowsTotalRows: Bool { layout == .log }

    let rows: AppendedRows<LogFiles>

    /// The table over `directory`, whose files (if any) are read: bytes past what `sizes.json` records are an
    /// interrupted INSERT and cut off; damaged files throw.
    public init(
        database: String, name: String, uuid: UUID, directory: URL, createQuery: CreateTableQuery,
        columns: [ColumnDescription], layout: Layout
    ) throws {
        self.uuid = uuid
        self.columns = columns
        self.layout = layout
        let files = try LogFiles.open(directory, streams: Self.streamFiles(of: columns), withMarks: layout == .log)
        let chunks = try files.readChunks(columns: columns, from: directory, table: "\(database).\(name)")
        rows = AppendedRows(
            location: TableLocation(database: database, name: name, directory: directory, createQuery: createQuery),
            files: files, chunks: chunks)
    }

    var directory: URL { rows.location.directory }
    public var database: String { rows.location.database }
    public var name: String { rows.location.name }
    public var createQuery: CreateTableQuery { rows.location.createQuery }

    public func snapshot() -> TableSnapshot { .chunks(rows.chunks) }

    /// Appends each block to the files (one frame per stream), then records the new sizes; the rows become visible
    /// once they are durable.
    public func insert(_ blocks: [InsertBlock]) throws {
        let chunks = blocks.map(\.chunk).filter { $0.rowCount > 0 }
        guard !chunks.isEmpty else { return }
        try rows.append(chunks) { files, directory in
            for chunk in chunks { try files.append(chunk, columns: columns, to: directory) }
            try files.files.commit(in: directory)
        }
    }

    public func truncate() throws {
        try rows.truncate(empty: LogFiles(streams: Self.streamFiles(of: columns), withMarks: layout == .log))
    }

    public func renamed(database: String, name: String, createQuery: CreateTableQuery) throws {
        try rows.rename(database: database, name: name, createQuery: createQuery)
    }

    public func dropData() throws { rows.dropData() }

    /// The data files of `columns`, in ClickHouse's order (columns in order, each column's substreams in
    /// serialization order), which is also the order of the marks of one INSERT.
    static func streamFiles(of columns: [ColumnDescription]) -> [String] {
        columns.flatMap { column in
            ColumnSerializer.streams(of: column.type, path: escapeForFileName(column.name)).map {
                StreamSink.fileName($0) + ".bin"
            }
        }
    }

}

/// Where one INSERT's data starts in one file of a Log table: the table's row count after the INSERT and the
/// file's size before it (ClickHouse's `StorageLog::Mark`).
struct LogMark: Sendable, Equatable {
    var rows: UInt64
    var offset: UInt64
}

/// The recorded state of a Log or TinyLog table's files: their sizes, and for Log the marks of every INSERT.
struct LogFiles: Sendable {
    /// The data files, in mark order.
    let streams: [String]
    let withMarks: Bool
    var files = AppendOnlyFiles()
    /// Per INSERT, one mark per stream.
    var marks: [[LogMark]] = []

    init(streams: [String], withMarks: Bool) {
        self.streams = streams
        self.withMarks = withMarks
    }

    var rowCount: Int { Int(marks.last?.first?.rows ?? 0) }

    /// The files under `directory` as `sizes.json` records them.
    static func open(_ directory: URL, streams: [String], withMarks: Bool) throws -> LogFiles {
        var files = LogFiles(streams: streams, withMarks: withMarks)
        files.files = try AppendOnlyFiles.open(directory)
        if withMarks, let marksBytes = try files.files.read(LogTable.marksFileName, in: directory) {
            files.marks = try parseMarks(marksBytes, streams: streams.count, file: LogTable.marksFileName)
        }
        return files
    }

    /// The marks in `__marks.mrk`: per INSERT, a (rows, offset) pair of UInt64 per stream.
    static func parseMarks(_ bytes: [UInt8], streams: Int, file: String) throws -> [[LogMark]] {
        let perInsert = streams * 16
        guard perInsert > 0, bytes.count % perInsert == 0 else {
            throw DatabaseError(
                .corruptedData,
                "File \(file) is damaged: \(bytes.count) bytes is not a whole number of marks for \(streams) files")
        }
        var reader = ByteReader(bytes)
        var marks: [[LogMark]] = []
        while !reader.isAtEnd {
            var insert: [LogMark] = []
            for _ in 0..<streams {
                insert.append(LogMark(rows: try reader.read(UInt64.self), offset: try reader.read(UInt64.self)))
            }
            marks.append(insert)
        }
        return marks
    }

    /// Appends one INSERT block: each stream's bytes as compressed frames at the end of its file, and its marks.
    mutating func append(_ chunk: Chunk, columns: [ColumnDescription], to directory: URL) throws {
        let serialized = LogStreams.serialize(chunk, columns: columns)
        let rowsAfter = UInt64(rowCount + chunk.rowCount)
        var insertMarks: [LogMark] = []
        for stream in streams {
            var compressed: [UInt8] = []
            try LogStreams.compress(serialized[stream] ?? [], codec: LogTable.codec, into: &compressed)
            let offset = try files.append(compressed, to: stream, in: directory)
            insertMarks.append(LogMark(rows: rowsAfter, offset: UInt64(offset)))
        }
        if withMarks {
            var bytes: [UInt8] = []
            for mark in insertMarks {
                bytes.appendLittleEndian(mark.rows)
                bytes.appendLittleEndian(mark.offset)
            }
            _ = try files.append(bytes, to: LogTable.marksFileName, in: directory)
        }
        marks.append(insertMarks)
    }

    /// The rows of the files: for Log a chunk per INSERT (by the marks), for TinyLog one chunk.
    func readChunks(columns: [ColumnDescription], from directory: URL, table: String) throws -> [Chunk] {
        var contents: [String: [UInt8]] = [:]
        for stream in streams { contents[stream] = try files.read(stream, in: directory) ?? [] }
        return try LogStreams.read(
            contents, streams: streams, marks: withMarks ? marks : nil, columns: columns, table: table)
    }
}

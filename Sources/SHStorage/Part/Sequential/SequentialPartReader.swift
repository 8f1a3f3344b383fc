import Foundation
import SHCodecs
import SHColumns
import SHCore

/// Reads a MergeTree part written by ClickHouse 26.9 or by SwiftHouse, front to back: Wide and Compact
/// parts, every marks flavour (marks only give Compact granule sizes), single-stream and `.size`-stream
/// strings, sparse columns, LowCardinality with global dictionaries or per-granule keys.
/// Memory stays bounded by one chunk of rows plus one compressed block per stream.
public final class SequentialPartReader: Sendable {
    public let directory: URL
    public let columns: [ColumnDescription]
    public let rowCount: Int
    public let partType: String
    let metadata: PartMetadata

    public init(directory: URL) throws {
        self.directory = directory
        metadata = try PartMetadata(directory: directory)
        columns = metadata.columns
        rowCount = metadata.rowCount
        partType = metadata.isCompact ? "Compact" : "Wide"
    }

    /// The rows of the named columns (nil = all), in part order, in chunks of about `chunkRows` rows.
    ///
    /// With `granules`, every chunk is one granule of the part (as ClickHouse's `MergeTreeSequentialSource` reads a
    /// part for a merge, one mark at a time), when its marks tell the granules' rows.
    public func chunks(columns names: [String]?, chunkRows: Int = 65_536, granules: Bool = false) throws
        -> SequentialChunkIterator
    {
        let selected = try (names ?? columns.map(\.name)).map { name -> Int in
            guard let index = columns.firstIndex(where: { $0.name == name }) else {
                throw DatabaseError(
                    .noSuchColumnInTable, "There is no column \(name) in part \(directory.lastPathComponent)")
            }
            return index
        }
        return try SequentialChunkIterator(
            reader: self, selected: selected, chunkRows: chunkRows, granules: granules)
    }

    /// The values of partition.dat for partition key types `types` (empty without the file).
    public func partitionValues(types: [DataType]) throws -> [Value] {
        let url = directory.appendingPathComponent("partition.dat")
        guard let data = FileManager.default.contents(atPath: url.path), !types.isEmpty else { return [] }
        var reader = ByteReader([UInt8](data))
        return try types.map { try Self.readSingleValue(type: $0, from: &reader) }
    }

    /// One value in ClickHouse's `serializeBinary` form (partition.dat, minmax_*.idx), the inverse of
    /// `ColumnSerializer.appendSingleValue`; every size is checked against the bytes left.
    static func readSingleValue(type: DataType, from reader: inout ByteReader) throws -> Value {
        switch type {
        case .lowCardinality(let inner), .simpleAggregateFunction(_, let inner):
            return try readSingleValue(type: inner, from: &reader)
        case .nullable(let inner):
            return try reader.read(UInt8.self) != 0 ? .null : try readSingleValue(type: inner, from: &reader)
        case .array(let inner):
            let count = try reader.readCount(elementSize: 1, what: "array elements in partition.dat")
            return .array(try (0..<count).map { _ in try readSingleValue(type: inner, from: &reader) })
        case .map:
            return try readSingleValue(type: type.mapEntries ?? type, from: &reader)
        case .tuple(let items, _):
            return .tuple(try items.map { try readSingleValue(type: $0, from: &reader) })
        case .string:
            return .string(Array(try reader.readStringBinary()))
        default:
            guard let width = type.fixedWidth else {
                throw DatabaseError(.notImplemented, "Reading a partition value of type \(type) is not supported")
            }
            var column = Column(type: type)
            column.data = Array(try reader.readBytes(width))
            column.setCount(1)
            return column.value(at: 0)
        }
    }
}

/// Pulls chunks from a part.
public struct SequentialChunkIterator {
    let reader: SequentialPartReader
    let selected: [Int]
    let chunkRows: Int
    private var deserializers: [ColumnDeserializer] = []
    /// Every stream opened so far, to check that reading all rows consumed them exactly.
    private let opened = OpenedStreams()
    private var compactGranules: [Int] = []
    /// Whether every chunk is one granule.
    private let granules: Bool
    /// A Wide part's granules when it is read one granule per chunk.
    private var wideGranules: [Int]?
    private var granuleIndex = 0
    private var rowsLeft: Int

    init(reader: SequentialPartReader, selected: [Int], chunkRows: Int, granules: Bool = false) throws {
        self.reader = reader
        self.selected = selected
        self.chunkRows = chunkRows
        self.rowsLeft = reader.rowCount
        let metadata = reader.metadata
        let directory = reader.directory
        self.granules = granules
        if granules, !metadata.isCompact { wideGranules = try metadata.wideGranules(directory: directory) }
        if metadata.isCompact {
            compactGranules = try metadata.compactGranules(directory: directory)
            let data = try DecompressedStream(file: directory.appendingPathComponent("data.bin"))
            opened.streams.append(data)
            // Compact parts interleave every column: all are read, in columns.txt order.
            deserializers = metadata.columns.map { column in
                ColumnDeserializer(
                    column, sparse: metadata.sparseColumns.contains(column.name),
                    stringsWithSizeStream: metadata.stringsWithSizeStream, propagateToNested: metadata.propagateToNested
                ) { _ in data }
            }
        } else {
            let opened = self.opened
            deserializers = selected.map { index in
                let column = metadata.columns[index]
                var streams: [String: DecompressedStream] = [:]
                return ColumnDeserializer(
                    column, sparse: metadata.sparseColumns.contains(column.name),
                    stringsWithSizeStream: metadata.stringsWithSizeStream, propagateToNested: metadata.propagateToNested
                ) { name in
                    if let stream = streams[name] { return stream }
                    let file = NestedStreams.fileName(name, column: column.name)
                    let stream = try DecompressedStream(file: directory.appendingPathComponent(file + ".bin"))
                    streams[name] = stream
                    opened.streams.append(stream)
                    return stream
                }
            }
        }
    }

    /// After the last chunk: throws `CORRUPTED_DATA` naming the first stream that holds bytes after the
    /// part's last row (the data does not match count.txt or the column's type).
    public func checkFullyRead() throws {
        guard rowsLeft <= 0 else {
            throw DatabaseError(.logicalError, "checkFullyRead() before the last chunk of \(reader.directory.path)")
        }
        for stream in opened.streams where stream.remaining > 0 {
            throw DatabaseError(
                .corruptedData,
                "File \(stream.name) of data part \(reader.directory.lastPathComponent) has \(stream.remaining) bytes after its last row (count.txt says \(reader.rowCount) rows)"
            )
        }
    }

    public mutating func next() throws -> Chunk? {
        guard rowsLeft > 0 else { return nil }
        if reader.metadata.isCompact {
            // Whole granules, until about `chunkRows` rows are gathered.
            var gathered: [Column] = selected.map { Column(type: reader.columns[$0].type) }
            var rows = 0
            while granuleIndex < compactGranules.count, rows < (granules ? 1 : chunkRows) {
                let granuleRows = compactGranules[granuleIndex]
                granuleIndex += 1
                for (index, deserializer) in deserializers.enumerated() {
                    try deserializer.startGranule()
                    let column = try deserializer.read(rows: granuleRows)
                    if let slot = selected.firstIndex(of: index) { gathered[slot].append(contentsOf: column) }
                }
                rows += granuleRows
            }
            guard rows > 0 else {
                rowsLeft = 0
                return nil
            }
            rowsLeft -= rows
            return Chunk(columns: gathered, rowCount: rows)
        }
        var rows = min(chunkRows, rowsLeft)
        if let wideGranules {
            guard granuleIndex < wideGranules.count else {
                rowsLeft = 0
                return nil
            }
            rows = wideGranules[granuleIndex]
            granuleIndex += 1
        }
        rowsLeft -= rows
        return Chunk(columns: try deserializers.map { try $0.read(rows: rows) }, rowCount: rows)
    }
}

/// The streams a chunk iterator has opened (shared with the stream factories of its deserializers).
final class OpenedStreams {
    var streams: [DecompressedStream] = []
}

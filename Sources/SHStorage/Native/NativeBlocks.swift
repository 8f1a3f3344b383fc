import SHCodecs
import SHColumns
import SHCore
import SHExecution
import SHSQL

/// ClickHouse's Native format as `ENGINE = Memory` tables keep it in backups (`data.bin` + `index.mrk`): per block a
/// VarUInt column count and row count, then per column its name, its type name and its data; the stream is
/// compressed, and every column starts a new compressed frame so that `index.mrk` can point at it.
///
/// In Native, arrays carry their offsets (running totals from the block's start), not the per-row sizes of parts
/// (ClickHouse's `position_independent_encoding` is off); every other substream is laid out as in a Compact part.
public enum NativeBlocks {
    /// The bytes of `data.bin` and `index.mrk` for `chunks` (one block each) of a table with `columns`, compressed
    /// with `codec` (LZ4 in Memory tables' backups, ZSTD in StripeLog tables). The index's marks count from `start`,
    /// the size of the `data.bin` these bytes are appended to.
    public static func write(
        _ chunks: [Chunk], columns: [ColumnDescription], codec: CompressionCodec = .lz4, startingAt start: Int = 0
    ) throws -> (data: [UInt8], index: [UInt8]) {
        var data = CompressedBuffer(codec: codec)
        var index = CompressedBuffer(codec: codec)
        for chunk in chunks {
            var header: [UInt8] = []
            VarUInt.write(UInt64(columns.count), to: &header)
            VarUInt.write(UInt64(chunk.rowCount), to: &header)
            try data.write(header)
            try index.write(header)
            for (position, description) in columns.enumerated() {
                try data.flush()
                var entry: [UInt8] = []
                entry.appendStringBinary(description.name.utf8)
                entry.appendStringBinary(description.type.description.utf8)
                try index.write(entry)
                var mark: [UInt8] = []
                mark.appendLittleEndian(UInt64(start + data.compressed.count))
                mark.appendLittleEndian(UInt64(0))
                try index.write(mark)
                try data.write(entry)
                try data.write(serialize(chunk.columns[position], type: description.type))
            }
        }
        try data.flush()
        try index.flush()
        return (data.compressed, index.compressed)
    }

    /// One uncompressed block of ClickHouse's Native format, as `FORMAT Native` and the HTTP interface write it:
    /// with `blockInfo` (a client that sent `client_protocol_version`) the block's info fields first (not an
    /// overflow block, bucket -1), then the column and row counts and each column's name, type and data.
    public static func block(_ chunk: Chunk, header: [ColumnDescription], blockInfo: Bool) -> [UInt8] {
        var out: [UInt8] = blockInfo ? [1, 0, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0] : []
        VarUInt.write(UInt64(header.count), to: &out)
        VarUInt.write(UInt64(chunk.rowCount), to: &out)
        for (position, description) in header.enumerated() {
            out.appendStringBinary(description.name.utf8)
            out.appendStringBinary(description.type.description.utf8)
            out += serialize(chunk.columns[position], type: description.type)
        }
        return out
    }

    /// One column in Native form: the LowCardinality state prefixes, then the substreams in order.
    static func serialize(_ column: Column, type: DataType) -> [UInt8] {
        var out: [UInt8] = []
        for stream in ColumnSerializer.streams(of: type, path: "c") where stream.hasSuffix(".dict") {
            out += LowCardinalitySerializer.statePrefix
        }
        append(column, type: type, to: &out)
        return out
    }

    private static func append(_ column: Column, type: DataType, to out: inout [UInt8]) {
        switch type {
        case .nullable(let inner):
            out += column.nulls
            append(column.children[0], type: inner, to: &out)
        case .array(let inner):
            for offset in column.offsets { out.appendLittleEndian(offset) }
            append(column.children[0], type: inner, to: &out)
        case .map:
            append(column, type: type.mapEntries ?? type, to: &out)
        case .tuple(let items, _):
            for (index, item) in items.enumerated() { append(column.children[index], type: item, to: &out) }
        case .simpleAggregateFunction(_, let inner):
            append(column, type: inner, to: &out)
        default:
            var sink = StreamSink(collectAll: true)
            ColumnSerializer.serialize(column, rows: 0..<column.count, type: type, path: "c", into: &sink)
            out += sink.all
        }
    }

    /// The chunks of a decompressed `data.bin`, with the table's `columns` (by name; the types must match).
    /// Every count and size is checked against the bytes that are there.
    ///
    /// With `blockInfo` each block starts with its info fields (what a client that sent `client_protocol_version`
    /// writes): field 1 (is_overflows, one byte), field 2 (bucket_num, four bytes), then 0.
    public static func read(_ bytes: [UInt8], columns: [ColumnDescription], file: String, blockInfo: Bool = false)
        throws -> [Chunk]
    {
        var reader = ByteReader(bytes)
        var chunks: [Chunk] = []
        while !reader.isAtEnd {
            if blockInfo { try skipBlockInfo(&reader, file: file) }
            let columnCount = try reader.readVarUInt()
            let rows = try reader.readVarUInt()
            guard columnCount == UInt64(columns.count) else {
                throw DatabaseError(
                    .incorrectData,
                    "\(file): a block has \(columnCount) columns, the table has \(columns.count)")
            }
            // The columns' own reads check their sizes against the bytes left; this keeps `Int(rows)` in range.
            guard rows <= UInt64(Int32.max) else {
                throw DatabaseError(.incorrectData, "\(file): a block says it has \(rows) rows")
            }
            var found: [String: Column] = [:]
            for _ in 0..<columnCount {
                let name = String(decoding: try reader.readStringBinary(), as: UTF8.self)
                let typeName = String(decoding: try reader.readStringBinary(), as: UTF8.self)
                guard let description = columns.first(where: { $0.name == name }), found[name] == nil else {
                    throw DatabaseError(.incorrectData, "\(file): unexpected column \(name) in a block")
                }
                let type = try DataType(parsing: typeName)
                guard type == description.type else {
                    throw DatabaseError(
                        .typeMismatch,
                        "\(file): column \(name) has type \(typeName) in the backup, \(description.type) in the table")
                }
                var state = NativeColumnReader(reader: reader, file: file)
                found[name] = try state.readColumn(type: type, rows: Int(rows))
                reader = state.reader
            }
            chunks.append(Chunk(columns: columns.map { found[$0.name]! }, rowCount: Int(rows)))
        }
        return chunks
    }
}

/// Skips a block's info fields: field numbers with their values, up to field 0.
private func skipBlockInfo(_ reader: inout ByteReader, file: String) throws {
    while true {
        switch try reader.readVarUInt() {
        case 0: return
        case 1: _ = try reader.readBytes(1)
        case 2: _ = try reader.readBytes(4)
        case let field: throw DatabaseError(.incorrectData, "\(file): unknown block info field \(field)")
        }
    }
}

/// Reads one column of a Native block, checking every count against the bytes left.
struct NativeColumnReader {
    var reader: ByteReader
    let file: String

    mutating func readColumn(type: DataType, rows: Int) throws -> Column {
        var prefixes = 0
        for stream in ColumnSerializer.streams(of: type, path: "c") where stream.hasSuffix(".dict") {
            prefixes += 1
        }
        for _ in 0..<prefixes {
            let version = try reader.read(UInt64.self)
            guard version == LowCardinalitySerializer.keysVersion else {
                throw DatabaseError(
                    .incorrectData, "\(file): Invalid version for SerializationLowCardinality key column: \(version)")
            }
        }
        return try read(type, rows: rows)
    }

    private func damaged(_ what: String) -> DatabaseError {
        DatabaseError(.cannotReadAllData, "Cannot read all data in \(file): \(what)")
    }

    /// Fails unless `rows` values of at least `width` bytes each can still be there.
    private func requireRows(_ rows: Int, width: Int) throws {
        let (bytes, overflow) = rows.multipliedReportingOverflow(by: width)
        guard !overflow, bytes <= reader.remaining else {
            throw damaged("\(rows) values of \(width) bytes do not fit in the \(reader.remaining) bytes left")
        }
    }

    private mutating func read(_ type: DataType, rows: Int) throws -> Column {
        switch type {
        case .nullable(let inner):
            let nulls = Array(try reader.readBytes(rows))
            let values = try read(inner, rows: rows)
            return Column(type: type, count: rows, nulls: nulls, children: [values])
        case .array(let inner):
            try requireRows(rows, width: 8)
            var offsets: [UInt64] = []
            offsets.reserveCapacity(rows)
            var previous: UInt64 = 0
            for _ in 0..<rows {
                let offset = try reader.read(UInt64.self)
                guard offset >= previous else { throw damaged("array offsets go backwards") }
                offsets.append(offset)
                previous = offset
            }
            guard previous <= UInt64(Int32.max) * 64 else { throw damaged("arrays of \(previous) elements") }
            let values = try read(inner, rows: Int(previous))
            return Column(type: type, count: rows, offsets: offsets, children: [values])
        case .map:
            let entries = try read(type.mapEntries ?? type, rows: rows)
            return Column(type: type, count: rows, offsets: entries.offsets, children: entries.children)
        case .tuple(let items, _):
            var children: [Column] = []
            for item in items { children.append(try read(item, rows: rows)) }
            return Column(type: type, count: rows, children: children)
        case .lowCardinality(let inner):
            return try readLowCardinality(type, inner: inner, rows: rows)
        case .simpleAggregateFunction(_, let inner):
            let values = try read(inner, rows: rows)
            return Column(
                type: type, count: rows, data: values.data, offsets: values.offsets, nulls: values.nulls,
                children: values.children)
        case .aggregateFunction(let signature):
            let function = try StoredAggregateRegistry.bind(signature)
            try requireRows(rows, width: 1)
            var column = Column(type: type)
            for _ in 0..<rows {
                let start = reader.offset
                try StoredAggregateRegistry.skipState(of: function, in: &reader)
                column.data += reader.bytes[start..<reader.offset]
                column.offsets.append(UInt64(column.data.count))
            }
            column.setCount(rows)
            return column
        case .string:
            try requireRows(rows, width: 1)
            var data: [UInt8] = []
            var offsets: [UInt64] = []
            offsets.reserveCapacity(rows)
            for _ in 0..<rows {
                data += try reader.readStringBinary()
                offsets.append(UInt64(data.count))
            }
            return Column(type: type, count: rows, data: data, offsets: offsets)
        default:
            guard let width = type.fixedWidth else {
                throw DatabaseError(.notImplemented, "Reading Native columns of type \(type) is not supported")
            }
            try requireRows(rows, width: width)
            return Column(type: type, count: rows, data: Array(try reader.readBytes(rows * width)))
        }
    }

    /// The self-contained form ClickHouse writes for a block: flags, the block's keys, the index of each row.
    private mutating func readLowCardinality(_ type: DataType, inner: DataType, rows: Int) throws -> Column {
        var column = Column(type: type)
        guard rows > 0 else { return column }
        let flags = try reader.read(UInt64.self)
        let width = 1 << Int(flags & 0xFF)
        guard flags & 0xFF <= 3, flags & LowCardinalitySerializer.hasAdditionalKeys != 0 else {
            throw damaged("LowCardinality flags \(flags) (only blocks with their own keys are supported)")
        }
        let keyCount = try reader.read(UInt64.self)
        guard keyCount >= 1, keyCount <= UInt64(reader.remaining) else { throw damaged("\(keyCount) keys") }
        let keyType = inner.removingNullable
        let keys = try read(keyType, rows: Int(keyCount))
        let indexCount = try reader.read(UInt64.self)
        guard indexCount == UInt64(rows) else { throw damaged("\(indexCount) indexes for \(rows) rows") }
        try requireRows(rows, width: width)
        column.reserveCapacity(rows)
        for _ in 0..<rows {
            var index: UInt64 = 0
            for byte in 0..<width { index |= UInt64(try reader.read(UInt8.self)) << (8 * byte) }
            guard index < keyCount else { throw damaged("key index \(index) of \(keyCount) keys") }
            if inner.isNullable && index == 0 {
                column.append(.null)
            } else {
                column.append(keys.value(at: Int(index)))
            }
        }
        return column
    }
}

/// Bytes compressed into ClickHouse's frames (at most 1 MiB of data each), in memory.
struct CompressedBuffer {
    static let frameSize = 1 << 20
    let codec: CompressionCodec
    private(set) var compressed: [UInt8] = []
    private var pending: [UInt8] = []

    init(codec: CompressionCodec) { self.codec = codec }

    mutating func write(_ bytes: [UInt8]) throws {
        var start = 0
        while start < bytes.count {
            let take = min(bytes.count - start, Self.frameSize - pending.count)
            pending += bytes[start..<(start + take)]
            start += take
            if pending.count >= Self.frameSize { try flush() }
        }
    }

    /// Ends the current frame (nothing when it is empty).
    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try CompressedBlock.append($0, codec: codec, to: &compressed) }
        pending.removeAll(keepingCapacity: true)
    }
}

import SHCodecs
import SHColumns
import SHCore
import SHExecution

/// Serializes rows of a column into ClickHouse's substreams (the simplest formats ClickHouse reads:
/// single-stream strings, LowCardinality with per-granule keys), for Wide parts (one file per substream)
/// and Compact parts (all substreams of a column back to back).
struct ColumnSerializer {
    /// The substream names of a column of `type` named `name`, in ClickHouse's enumeration order.
    static func streams(of type: DataType, path: String) -> [String] {
        switch type {
        case .nullable(let inner): [path + ".null"] + streams(of: inner, path: path)
        case .array(let inner): [path + ".size\(arrayLevel(path))"] + streams(of: inner, path: nestedArrayPath(path))
        case .tuple(let items, let names):
            items.enumerated().flatMap { index, item in
                streams(of: item, path: path + "%2E" + escapeForFileName(elementName(names, index)))
            }
        case .lowCardinality: [path + ".dict", path]
        case .map: streams(of: type.mapEntries ?? type, path: path)
        case .simpleAggregateFunction(_, let inner): streams(of: inner, path: path)
        default: [path]
        }
    }

    /// Appends the serialization of `rows` of `column` to the buffers of its substreams.
    static func serialize(_ column: Column, rows: Range<Int>, type: DataType, path: String, into sink: inout StreamSink)
    {
        switch type {
        case .nullable(let inner):
            sink.append(path + ".null", column.nulls[rows])
            serialize(column.children[0], rows: rows, type: inner, path: path, into: &sink)
        case .array(let inner):
            sink.append(path + ".size\(arrayLevel(path))", arraySizes(column.offsets, rows: rows))
            let start = rows.isEmpty || rows.lowerBound == 0 ? 0 : Int(column.offsets[rows.lowerBound - 1])
            let end = rows.isEmpty ? start : Int(column.offsets[rows.upperBound - 1])
            serialize(column.children[0], rows: start..<end, type: inner, path: nestedArrayPath(path), into: &sink)
        case .tuple(let items, let names):
            for (index, item) in items.enumerated() {
                serialize(
                    column.children[index], rows: rows, type: item,
                    path: path + "%2E" + escapeForFileName(elementName(names, index)), into: &sink)
            }
        case .map:
            serialize(column, rows: rows, type: type.mapEntries ?? type, path: path, into: &sink)
        case .lowCardinality(let inner):
            LowCardinalitySerializer.serialize(column, rows: rows, inner: inner, path: path, into: &sink)
        case .simpleAggregateFunction(_, let inner):
            serialize(column, rows: rows, type: inner, path: path, into: &sink)
        case .aggregateFunction(let signature):
            sink.append(path, aggregateStates(column, rows: rows, signature: signature))
        case .string:
            sink.append(path, inlineStrings(column, rows: rows))
        default:
            let width = type.fixedWidth ?? 1
            sink.append(path, column.data[(rows.lowerBound * width)..<(rows.upperBound * width)])
        }
    }

    /// The single-value binary form used by primary.idx, partition.dat and minmax indexes.
    static func singleValue(_ value: Value, type: DataType) -> [UInt8] {
        var out: [UInt8] = []
        appendSingleValue(value, type: type, to: &out)
        return out
    }

    /// ClickHouse's `serializeBinary` of one value, as primary.idx, partition.dat and minmax_*.idx hold it: a Nullable
    /// is a null flag then the value (none when NULL), an Array or Map its VarUInt size then each element (a Map's
    /// key and value in turn), a Tuple its elements; other types as one row of their column.
    static func appendSingleValue(_ value: Value, type: DataType, to out: inout [UInt8]) {
        switch type {
        case .lowCardinality(let inner), .simpleAggregateFunction(_, let inner):
            appendSingleValue(value, type: inner, to: &out)
        case .nullable(let inner):
            if value.isNull {
                out.append(1)
            } else {
                out.append(0)
                appendSingleValue(value, type: inner, to: &out)
            }
        case .array(let inner):
            let items: [Value] = if case .array(let items) = value { items } else { [] }
            VarUInt.write(UInt64(items.count), to: &out)
            for item in items { appendSingleValue(item, type: inner, to: &out) }
        case .map:
            appendSingleValue(value, type: type.mapEntries ?? type, to: &out)
        case .tuple(let items, _):
            let values: [Value] = if case .tuple(let values) = value { values } else { [] }
            for (index, item) in items.enumerated() {
                appendSingleValue(
                    values.indices.contains(index) ? values[index] : item.defaultValue, type: item, to: &out)
            }
        default:
            var column = Column(type: type)
            column.append(value)
            var sink = StreamSink(collectAll: true)
            serialize(column, rows: 0..<1, type: type, path: "v", into: &sink)
            out += sink.all
        }
    }

    /// The states of `rows` of an `AggregateFunction` column back to back (ClickHouse's bulk serialization); a row
    /// without bytes (a column default) is a fresh state of the function.
    static func aggregateStates(_ column: Column, rows: Range<Int>, signature: AggregateFunctionSignature) -> [UInt8] {
        var out: [UInt8] = []
        var emptyState: [UInt8]?
        for row in rows {
            let bounds = column.bounds(of: row)
            if bounds.isEmpty {
                // A type that cannot be bound never reaches a part (CREATE binds it): no bytes then.
                emptyState = emptyState ?? (try? StoredAggregateRegistry.emptyState(signature)) ?? []
                out += emptyState ?? []
            } else {
                out += column.data[bounds]
            }
        }
        return out
    }

    static func elementName(_ names: [String], _ index: Int) -> String {
        names.indices.contains(index) && !names[index].isEmpty ? names[index] : String(index + 1)
    }

    /// Array levels are counted by the `.sizeN` suffixes already on the path (kept in a marker).
    private static func arrayLevel(_ path: String) -> Int { path.components(separatedBy: "\u{1}").count - 1 }
    private static func nestedArrayPath(_ path: String) -> String { path + "\u{1}" }

    /// The sizes (UInt64 little-endian) of array rows `rows`, from their end offsets.
    static func arraySizes(_ offsets: [UInt64], rows: Range<Int>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: rows.count * 8) { buffer, written in
            offsets.withUnsafeBufferPointer { offsets in
                var previous = rows.lowerBound == 0 ? 0 : offsets[rows.lowerBound - 1]
                var position = 0
                for row in rows {
                    let size = offsets[row] &- previous
                    previous = offsets[row]
                    UnsafeMutableRawPointer(buffer.baseAddress! + position).storeBytes(
                        of: size.littleEndian, as: UInt64.self)
                    position += 8
                }
            }
            written = rows.count * 8
        }
    }

    /// Rows `rows` of a String column as ClickHouse's inline form: a VarUInt length, then the bytes.
    static func inlineStrings(_ column: Column, rows: Range<Int>) -> [UInt8] {
        guard !rows.isEmpty else { return [] }
        let first = rows.lowerBound == 0 ? 0 : Int(column.offsets[rows.lowerBound - 1])
        let capacity = Int(column.offsets[rows.upperBound - 1]) - first + rows.count * 10
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, written in
            column.offsets.withUnsafeBufferPointer { offsets in
                column.data.withUnsafeBufferPointer { data in
                    var start = first
                    var position = 0
                    for row in rows {
                        let end = Int(offsets[row])
                        var length = UInt64(end - start)
                        while length >= 0x80 {
                            buffer[position] = UInt8(truncatingIfNeeded: length) | 0x80
                            length >>= 7
                            position += 1
                        }
                        buffer[position] = UInt8(length)
                        position += 1
                        if end - start <= 8 && start + 8 <= data.count {
                            // Short strings: one 8-byte move (the buffer keeps ≥ 9 spare bytes per row).
                            let word = UnsafeRawPointer(data.baseAddress! + start).loadUnaligned(as: UInt64.self)
                            UnsafeMutableRawPointer(buffer.baseAddress! + position).storeBytes(
                                of: word, as: UInt64.self)
                        } else if end > start {
                            (buffer.baseAddress! + position).initialize(
                                from: data.baseAddress! + start, count: end - start)
                        }
                        position += end - start
                        start = end
                    }
                    written = position
                }
            }
        }
    }

    static func appendLE(_ value: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }
}

/// Where serialized substreams go: per-stream buffers (Wide) or one buffer in order (Compact).
struct StreamSink {
    var buffers: [String: [UInt8]] = [:]
    var all: [UInt8] = []
    let collectAll: Bool

    init(collectAll: Bool) { self.collectAll = collectAll }

    /// Appends a whole buffer; the first buffer of a stream is kept as is, without a copy.
    mutating func append(_ stream: String, _ bytes: [UInt8]) {
        if collectAll {
            all.append(contentsOf: bytes)
        } else {
            let name = StreamSink.fileName(stream)
            if buffers[name] == nil { buffers[name] = bytes } else { buffers[name]!.append(contentsOf: bytes) }
        }
    }

    mutating func append<C: Collection>(_ stream: String, _ bytes: C) where C.Element == UInt8 {
        if collectAll {
            all.append(contentsOf: bytes)
        } else {
            buffers[StreamSink.fileName(stream), default: []].append(contentsOf: bytes)
        }
    }

    /// Strips the internal array-level markers from a stream path.
    static func fileName(_ stream: String) -> String { stream.replacingOccurrences(of: "\u{1}", with: "") }
}

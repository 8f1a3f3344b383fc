import SHColumns
import SHCore

/// ClickHouse's `RowBinary` (and `RowBinaryWithNames`, `RowBinaryWithNamesAndTypes`, whose header is a VarUInt
/// column count, then the names, then the type names, as length-prefixed strings): every row's values one after
/// another, each as its type's binary form — fixed-width values little-endian as in a column, `String` a VarUInt
/// length and the bytes, `Nullable` a byte (1: NULL) and the value when there is one, `Array` and `Map` a VarUInt
/// count and the elements, `Tuple` its elements, `LowCardinality` as its inner type, `AggregateFunction` its state.
struct RowBinaryOutput: OutputFormat {
    let header: [ColumnDescription]
    let names: Bool
    let types: Bool
    private var wroteHeader = false

    init(header: [ColumnDescription], names: Bool, types: Bool) {
        self.header = header
        self.names = names
        self.types = types
    }

    mutating func write(_ chunk: Chunk, into out: inout [UInt8]) {
        writeHeader(into: &out)
        for row in 0..<chunk.rowCount {
            for column in chunk.columns { RowBinary.append(column, row: row, to: &out) }
        }
    }

    mutating func finish(into out: inout [UInt8]) { writeHeader(into: &out) }

    private mutating func writeHeader(into out: inout [UInt8]) {
        guard !wroteHeader else { return }
        wroteHeader = true
        guard names else { return }
        RowBinary.appendVarUInt(UInt64(header.count), to: &out)
        for column in header { RowBinary.appendString(Array(column.name.utf8), to: &out) }
        if types {
            for column in header { RowBinary.appendString(Array(column.type.description.utf8), to: &out) }
        }
    }
}

enum RowBinary {
    static func appendVarUInt(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    static func appendString(_ bytes: [UInt8], to out: inout [UInt8]) {
        appendVarUInt(UInt64(bytes.count), to: &out)
        out += bytes
    }

    /// Row `row` of `column` in its binary form.
    static func append(_ column: Column, row: Int, to out: inout [UInt8]) {
        switch column.type.storageKind {
        case .fixed(let width):
            out += column.data[row * width..<(row + 1) * width]
        case .string:
            let bounds = column.bounds(of: row)
            if case .aggregateFunction = column.type {
                out += column.data[bounds]
            } else {
                appendVarUInt(UInt64(bounds.count), to: &out)
                out += column.data[bounds]
            }
        case .nullable:
            out.append(column.nulls[row])
            if column.nulls[row] == 0 { append(column.children[0], row: row, to: &out) }
        case .array:
            let bounds = column.bounds(of: row)
            appendVarUInt(UInt64(bounds.count), to: &out)
            for element in bounds { append(column.children[0], row: element, to: &out) }
        case .tuple:
            for child in column.children { append(child, row: row, to: &out) }
        }
    }

    /// The rows of RowBinary `data` (after its header when `names`/`types`) as columns of `header`; every length
    /// and count is checked against the bytes left, and a header must name `header`'s columns and types.
    static func parse(_ data: [UInt8], header: [ColumnDescription], names: Bool, types: Bool) throws -> [Column] {
        var reader = RowBinaryReader(bytes: data)
        if names {
            let count = try reader.varUInt()
            guard count == UInt64(header.count) else {
                throw DatabaseError(
                    .incorrectData, "RowBinary header has \(count) columns, the INSERT has \(header.count)")
            }
            for column in header {
                let name = String(decoding: try reader.string(), as: UTF8.self)
                guard name == column.name else {
                    throw DatabaseError(
                        .incorrectData, "RowBinary header names column \(name), expected \(column.name)")
                }
            }
            if types {
                for column in header {
                    let name = String(decoding: try reader.string(), as: UTF8.self)
                    guard (try? DataType(parsing: name)) == column.type else {
                        throw DatabaseError(
                            .typeMismatch,
                            "Type of '\(column.name)' must be \(column.type), not \(name)")
                    }
                }
            }
        }
        var columns = header.map { Column(type: $0.type) }
        while !reader.isAtEnd {
            for index in columns.indices { try reader.read(into: &columns[index]) }
        }
        return columns
    }
}

/// Reads RowBinary values into columns, refusing any length or count the remaining bytes cannot hold.
struct RowBinaryReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset >= bytes.count }
    var remaining: Int { bytes.count - offset }

    private func truncated(_ what: String) -> DatabaseError {
        DatabaseError(
            .cannotReadAllData, "Cannot read all data. Bytes expected: \(what), at offset \(offset) of \(bytes.count)")
    }

    mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else { throw truncated("\(count)") }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func varUInt() throws -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 7) {
            guard offset < bytes.count else { throw truncated("a VarUInt") }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { return value }
        }
        throw DatabaseError(.incorrectData, "A VarUInt of RowBinary data is longer than 10 bytes")
    }

    /// A length that must fit in the bytes left (every element takes at least one byte, or none for empty tuples,
    /// which RowBinary cannot count on: lengths above the bytes left are refused either way).
    mutating func length() throws -> Int {
        let value = try varUInt()
        guard value <= UInt64(remaining) else { throw truncated("\(value) (a length)") }
        return Int(value)
    }

    mutating func string() throws -> ArraySlice<UInt8> { try take(try length()) }

    /// One value of `column`'s type, appended to it.
    mutating func read(into column: inout Column) throws {
        switch column.type.storageKind {
        case .fixed(let width):
            column.data += try take(width)
        case .string:
            if case .aggregateFunction = column.type {
                throw DatabaseError(.notImplemented, "RowBinary input of \(column.type) is not supported")
            }
            column.data += try string()
            column.offsets.append(UInt64(column.data.count))
        case .nullable:
            let isNull = try take(1).first != 0
            column.nulls.append(isNull ? 1 : 0)
            if isNull {
                column.children[0].append(column.children[0].type.defaultValue)
            } else {
                try read(into: &column.children[0])
            }
        case .array:
            let count = try length()
            for _ in 0..<count { try read(into: &column.children[0]) }
            column.offsets.append(UInt64(column.children[0].count))
        case .tuple:
            for index in column.children.indices { try read(into: &column.children[index]) }
        }
        column.setCount(column.count + 1)
    }
}

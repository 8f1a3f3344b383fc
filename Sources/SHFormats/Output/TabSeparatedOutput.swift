import SHColumns
import SHCore

/// `TabSeparated` and its variants.
struct TabSeparatedOutput: OutputFormat {
    let header: [ColumnDescription]
    let raw: Bool

    init(header: [ColumnDescription], names: Bool, types: Bool, raw: Bool) {
        self.header = header
        self.raw = raw
        self.prefix = []
        if names { prefix += line(header.map { Array($0.name.utf8) }) }
        if types { prefix += line(header.map { Array($0.type.description.utf8) }) }
    }

    private var prefix: [UInt8]

    private func line(_ fields: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(0x09) }
            ValueText.escape(field, quote: nil, into: &out)
        }
        out.append(0x0A)
        return out
    }

    mutating func write(_ chunk: Chunk, into out: inout [UInt8]) {
        if !prefix.isEmpty {
            out += prefix
            prefix = []
        }
        for row in 0..<chunk.rowCount {
            for (index, column) in chunk.columns.enumerated() {
                if index > 0 { out.append(0x09) }
                let value = column.value(at: row)
                if raw, case .string(let bytes) = ValueText.displayed(value, column.type) {
                    out += bytes
                } else {
                    ValueText.writeEscaped(value, type: column.type, into: &out)
                }
            }
            out.append(0x0A)
        }
    }

    mutating func finish(into out: inout [UInt8]) {
        out += prefix
        prefix = []
    }
}

/// `Values`: `(1,'a'),(2,'b')`.
struct ValuesOutput: OutputFormat {
    let header: [ColumnDescription]
    var first = true

    mutating func write(_ chunk: Chunk, into out: inout [UInt8]) {
        for row in 0..<chunk.rowCount {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "("))
            for (index, column) in chunk.columns.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                ValueText.writeQuoted(column.value(at: row), type: column.type, into: &out)
            }
            out.append(UInt8(ascii: ")"))
        }
    }

    mutating func finish(into out: inout [UInt8]) {}
}

/// `CSV` and `CSVWithNames`.
struct CSVOutput: OutputFormat {
    let header: [ColumnDescription]
    var pendingNames: Bool

    init(header: [ColumnDescription], names: Bool) {
        self.header = header
        self.pendingNames = names
    }

    static func quote(_ bytes: [UInt8], into out: inout [UInt8]) {
        out.append(0x22)
        for byte in bytes {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        out.append(0x22)
    }

    mutating func writeNames(into out: inout [UInt8]) {
        guard pendingNames else { return }
        pendingNames = false
        for (index, name) in header.flatMap({ Self.fieldNames($0.name, type: $0.type) }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            Self.quote(Array(name.utf8), into: &out)
        }
        out.append(0x0A)
    }

    mutating func write(_ chunk: Chunk, into out: inout [UInt8]) {
        writeNames(into: &out)
        for row in 0..<chunk.rowCount {
            for (index, column) in chunk.columns.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeField(column.value(at: row), type: column.type, into: &out)
            }
            out.append(0x0A)
        }
    }

    /// The header names of a column's fields: a (non-nullable) tuple has one per element, `t.x` or `t.1`.
    static func fieldNames(_ name: String, type: DataType) -> [String] {
        guard case .tuple(let elements, let names) = type.withoutLowCardinality else { return [name] }
        return elements.indices.flatMap { index in
            let element = names.indices.contains(index) && !names[index].isEmpty ? names[index] : String(index + 1)
            return fieldNames(name + "." + element, type: elements[index])
        }
    }

    /// One value as CSV: strings, dates and arrays quoted; a (non-nullable) tuple as its elements, each its own
    /// field, while a `Nullable(Tuple)` is one quoted field, as in ClickHouse.
    static func writeField(_ value: Value, type: DataType, into out: inout [UInt8]) {
        let base = type.removingNullable.withoutLowCardinality
        let value = ValueText.displayed(value, type)
        if case .tuple(let items) = value, case .tuple(let elements, _) = type.withoutLowCardinality {
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeField(item, type: index < elements.count ? elements[index] : .nothing, into: &out)
            }
            return
        }
        switch value {
        case .null: out += [0x5C, UInt8(ascii: "N")]
        case .string(let bytes): quote(bytes, into: &out)
        case .array, .tuple:
            var text: [UInt8] = []
            ValueText.writeQuoted(value, type: type, into: &text)
            quote(text, into: &out)
        default:
            var text: [UInt8] = []
            ValueText.writeScalar(value, type: type, into: &text)
            if base.isQuotedScalar {
                quote(text, into: &out)
            } else {
                out += text
            }
        }
    }

    mutating func finish(into out: inout [UInt8]) { writeNames(into: &out) }
}

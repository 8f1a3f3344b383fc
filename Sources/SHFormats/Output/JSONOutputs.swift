import SHColumns
import SHCore

/// JSON text of values, as ClickHouse's JSON formats write them.
enum JSONText {
    /// Writes `value`. With `indent` nil the text is compact (JSONEachRow, JSONCompact); with the depth of the value
    /// it is ClickHouse's layout for the JSON format: tuples, and arrays of arrays or tuples, spread over lines
    /// indented by tabs. Named tuples are objects, unnamed ones arrays.
    static func write(
        _ value: Value, type: DataType, settings: FormatSettings, indent: Int? = nil, into out: inout [UInt8]
    ) {
        let base = type.removingNullable.withoutLowCardinality
        switch ValueText.displayed(value, type) {
        case .null: out += Array("null".utf8)
        case .string(let bytes): string(bytes, into: &out)
        case .array(let items) where base.mapEntries != nil:
            // A JSON object whose member names are the keys' plain text.
            guard case .map(let keyType, let valueType) = base else { return }
            let fields = items.compactMap { item -> (Value, DataType, String?)? in
                guard case .tuple(let pair) = item, pair.count == 2 else { return nil }
                var key: [UInt8] = []
                ValueText.writePlain(pair[0], type: keyType, into: &key)
                return (pair[1], valueType, String(decoding: key, as: UTF8.self))
            }
            list(fields, open: "{", close: "}", settings: settings, indent: fields.isEmpty ? nil : indent, into: &out)
        case .array(let items):
            let element: DataType = if case .array(let element) = base { element } else { .nothing }
            let nested: Bool =
                switch element.removingNullable.withoutLowCardinality {
                case .array, .tuple, .map: true
                default: false
                }
            let layout = nested && !items.isEmpty ? indent : nil
            list(
                items.map { ($0, element, nil) }, open: "[", close: "]", settings: settings, indent: layout, into: &out)
        case .tuple(let items):
            let (elements, names): ([DataType], [String]) =
                if case .tuple(let elements, let names) = base { (elements, names) } else { ([], []) }
            let named = names.count == items.count && names.allSatisfy { !$0.isEmpty }
            let fields = items.indices.map { index in
                (items[index], index < elements.count ? elements[index] : .nothing, named ? names[index] : nil)
            }
            list(
                fields, open: named ? "{" : "[", close: named ? "}" : "]", settings: settings, indent: indent,
                into: &out)
        case .float(let v):
            if v.isFinite {
                out += Array(FloatText.format(v, isFloat32: base == .float32).utf8)
            } else {
                out += Array("null".utf8)
            }
        default:
            var text: [UInt8] = []
            ValueText.writeScalar(value, type: type, into: &text)
            let quoted =
                base.isQuotedScalar
                || (settings.jsonQuote64BitIntegers && base.isInteger && (base.fixedWidth ?? 0) >= 8)
            if quoted { string(text, into: &out) } else { out += text }
        }
    }

    /// The elements of an array or tuple (with their names for an object), compact or one per line.
    private static func list(
        _ items: [(Value, DataType, String?)], open: String, close: String, settings: FormatSettings, indent: Int?,
        into out: inout [UInt8]
    ) {
        out += Array(open.utf8)
        if indent != nil { out.append(0x0A) }
        for (index, (item, type, name)) in items.enumerated() {
            if index > 0 { out += indent == nil ? [UInt8(ascii: ",")] : [UInt8(ascii: ","), 0x0A] }
            if let indent { out += [UInt8](repeating: 0x09, count: indent + 1) }
            if let name {
                string(Array(name.utf8), into: &out)
                out += indent == nil ? [UInt8(ascii: ":")] : Array(": ".utf8)
            }
            write(item, type: type, settings: settings, indent: indent.map { $0 + 1 }, into: &out)
        }
        if let indent { out += [0x0A] + [UInt8](repeating: 0x09, count: indent) }
        out += Array(close.utf8)
    }

    static func string(_ bytes: [UInt8], into out: inout [UInt8]) {
        out.append(0x22)
        for byte in bytes {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0x2F: out += [0x5C, 0x2F]
            case 0..<0x20:
                let hex = Array("0123456789ABCDEF".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}

/// `JSONEachRow`: one object per line.
struct JSONEachRowOutput: OutputFormat {
    let header: [ColumnDescription]
    let settings: FormatSettings

    mutating func write(_ chunk: Chunk, into out: inout [UInt8]) {
        for row in 0..<chunk.rowCount {
            out.append(UInt8(ascii: "{"))
            for (index, column) in chunk.columns.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.string(Array(header[index].name.utf8), into: &out)
                out.append(UInt8(ascii: ":"))
                JSONText.write(column.value(at: row), type: column.type, settings: settings, into: &out)
            }
            out += Array("}\n".utf8)
        }
    }

    mutating func finish(into out: inout [UInt8]) {}
}

/// `JSON` and `JSONCompact`: meta, data, rows and (optionally) statistics.
struct JSONOutput: OutputFormat {
    let header: [ColumnDescription]
    let settings: FormatSettings
    let compact: Bool
    private var rows = 0
    private let started = ContinuousClock.now

    init(header: [ColumnDescription], settings: FormatSettings, compact: Bool) {
        self.header = header
        self.settings = settings
        self.compact = compact
    }

    mutating func write(_ chunk: Chunk, into out: inout [UInt8]) {
        if rows == 0 { writeMeta(into: &out) }
        for row in 0..<chunk.rowCount {
            out += Array((rows == 0 ? "" : ",\n").utf8)
            rows += 1
            if compact {
                out += Array("\t\t[".utf8)
                for (index, column) in chunk.columns.enumerated() {
                    if index > 0 { out += Array(", ".utf8) }
                    JSONText.write(column.value(at: row), type: column.type, settings: settings, into: &out)
                }
                out += Array("]".utf8)
            } else {
                out += Array("\t\t{\n".utf8)
                for (index, column) in chunk.columns.enumerated() {
                    out += Array("\t\t\t".utf8)
                    JSONText.string(Array(header[index].name.utf8), into: &out)
                    out += Array(": ".utf8)
                    JSONText.write(column.value(at: row), type: column.type, settings: settings, indent: 3, into: &out)
                    out += Array((index + 1 < chunk.columns.count ? ",\n" : "\n").utf8)
                }
                out += Array("\t\t}".utf8)
            }
        }
    }

    private func writeMeta(into out: inout [UInt8]) {
        var text = "{\n\t\"meta\":\n\t[\n"
        for (index, column) in header.enumerated() {
            var name: [UInt8] = []
            JSONText.string(Array(column.name.utf8), into: &name)
            text +=
                "\t\t{\n\t\t\t\"name\": \(String(decoding: name, as: UTF8.self)),\n\t\t\t\"type\": \"\(column.type)\"\n\t\t}"
            text += index + 1 < header.count ? ",\n" : "\n"
        }
        text += "\t],\n\n\t\"data\":\n\t[\n"
        out += Array(text.utf8)
    }

    mutating func finish(into out: inout [UInt8]) {
        if rows == 0 { writeMeta(into: &out) }
        var text = (rows == 0 ? "" : "\n") + "\t],\n\n\t\"rows\": \(rows)"
        if settings.writeStatistics {
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let read: (rows: UInt64, bytes: UInt64) = settings.readStatistics?() ?? (UInt64(rows), 0)
            text +=
                ",\n\n\t\"statistics\":\n\t{\n\t\t\"elapsed\": \(FloatText.format(seconds)),\n\t\t\"rows_read\": \(read.rows),\n\t\t\"bytes_read\": \(read.bytes)\n\t}"
        }
        text += "\n}\n"
        out += Array(text.utf8)
    }
}

import SHColumns
import SHCore

/// `TabSeparated` input: one row per line, fields unescaped, `\N` for NULL.
enum TabSeparatedInput {
    static func parse(_ data: [UInt8], header: [ColumnDescription], skipNames: Bool) throws -> [Column] {
        var columns = header.map { Column(type: $0.type) }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (number, line) in lines.enumerated() where !(skipNames && number == 0) {
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw DatabaseError(
                    .incorrectData,
                    "Expected \(header.count) columns, got \(fields.count) at row \(number + 1) of TabSeparated input")
            }
            for (index, field) in fields.enumerated() {
                columns[index].append(try value(Array(field), type: header[index].type))
            }
        }
        return columns
    }

    static func value(_ field: [UInt8], type: DataType) throws -> Value {
        if field == [0x5C, UInt8(ascii: "N")] { return type.isNullable ? .null : type.defaultValue }
        // Arrays and tuples are in quoted form, whose own backslash escapes are read by the quoted parser.
        switch type.removingNullable.withoutLowCardinality {
        case .array, .tuple, .map: return try ValueText.parsePlain(field, type: type)
        default: return try ValueText.parsePlain(unescape(field), type: type)
        }
    }

    static func unescape(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x5C) else { return bytes }
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x5C, index + 1 < bytes.count {
                let next = bytes[index + 1]
                out.append(ValueText.unescaped(next))
                index += 2
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}

/// `CSV` input: comma-separated, `"…"` quoting with doubled quotes, `\N` for NULL.
enum CSVInput {
    static func parse(_ data: [UInt8], header: [ColumnDescription], skipNames: Bool) throws -> [Column] {
        var columns = header.map { Column(type: $0.type) }
        // A tuple column spans one field per element.
        let expected = header.reduce(0) { $0 + fieldCount($1.type) }
        var position = 0
        var rowNumber = 0
        while position < data.count {
            var fields: [Field] = []
            while true {
                var field: [UInt8] = []
                var quoted = false
                if position < data.count, data[position] == 0x22 {
                    quoted = true
                    position += 1
                    while position < data.count {
                        if data[position] == 0x22 {
                            if position + 1 < data.count, data[position + 1] == 0x22 {
                                field.append(0x22)
                                position += 2
                                continue
                            }
                            position += 1
                            break
                        }
                        field.append(data[position])
                        position += 1
                    }
                } else {
                    while position < data.count, data[position] != UInt8(ascii: ","), data[position] != 0x0A,
                        data[position] != 0x0D
                    {
                        field.append(data[position])
                        position += 1
                    }
                }
                fields.append((field, quoted))
                if position < data.count, data[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                while position < data.count, data[position] == 0x0D || data[position] == 0x0A { position += 1 }
                break
            }
            rowNumber += 1
            if skipNames && rowNumber == 1 { continue }
            guard fields.count == expected else {
                throw DatabaseError(
                    .incorrectData,
                    "Expected \(expected) columns, got \(fields.count) at row \(rowNumber) of CSV input")
            }
            var start = 0
            for (index, column) in header.enumerated() {
                let count = fieldCount(column.type)
                columns[index].append(try value(fields[start..<start + count], type: column.type))
                start += count
            }
        }
        return columns
    }

    typealias Field = (bytes: [UInt8], quoted: Bool)

    /// How many fields a column takes: one per element of a (non-nullable) tuple, as ClickHouse writes them.
    static func fieldCount(_ type: DataType) -> Int {
        guard case .tuple(let elements, _) = type.withoutLowCardinality else { return 1 }
        return elements.reduce(0) { $0 + fieldCount($1) }
    }

    /// The value of `type` in `fields` (exactly `fieldCount(type)` of them).
    static func value(_ fields: ArraySlice<Field>, type: DataType) throws -> Value {
        if case .tuple(let elements, _) = type.withoutLowCardinality {
            var items: [Value] = []
            var start = fields.startIndex
            for element in elements {
                let count = fieldCount(element)
                items.append(try value(fields[start..<start + count], type: element))
                start += count
            }
            return .tuple(items)
        }
        let field = fields[fields.startIndex]
        if !field.quoted, field.bytes == [0x5C, UInt8(ascii: "N")] {
            return type.isNullable ? .null : type.defaultValue
        }
        return try ValueText.parsePlain(field.bytes, type: type)
    }
}

/// `Values` input: `(1, 'a'), (2, 'b')`.
enum ValuesInput {
    static func parse(_ data: [UInt8], header: [ColumnDescription]) throws -> [Column] {
        var columns = header.map { Column(type: $0.type) }
        var cursor = TextCursor(data)
        cursor.skipSpaces()
        while !cursor.atEnd {
            try cursor.expect(UInt8(ascii: "("))
            for (index, column) in header.enumerated() {
                if index > 0 { try cursor.expect(UInt8(ascii: ",")) }
                columns[index].append(try cursor.quotedValue(type: column.type))
            }
            try cursor.expect(UInt8(ascii: ")"))
            cursor.skipSpaces()
            if cursor.current == UInt8(ascii: ",") { cursor.position += 1 }
            if cursor.current == UInt8(ascii: ";") { break }
            cursor.skipSpaces()
        }
        return columns
    }
}

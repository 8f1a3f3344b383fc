import SHCore

/// Text forms of one value of a type, as ClickHouse writes them.
public enum ValueText {
    /// The plain text `toString()` gives: strings raw, arrays and tuples in quoted form.
    public static func writePlain(_ value: Value, type: DataType, into out: inout [UInt8]) {
        switch (displayed(value, type), type.removingNullable.withoutLowCardinality) {
        case (.null, _): out += Array("NULL".utf8)
        case (.string(let bytes), _): out += bytes
        case (.array, _), (.tuple, _): writeQuoted(value, type: type, into: &out)
        default: writeScalar(value, type: type, into: &out)
        }
    }

    /// Numbers, dates, booleans and UUIDs (no quotes).
    static func writeScalar(_ value: Value, type: DataType, into out: inout [UInt8]) {
        let base = type.removingNullable.withoutLowCardinality
        switch value {
        case .int(let v):
            switch base {
            case .dateTime64(let precision, let zone):
                out += Array(dateTime64Text(v, precision: precision, zone: zone).utf8)
            case .decimal(_, let scale): out += Array(decimalText(Int128(v), scale: scale).utf8)
            case .date32: out += Array(dateText(Int(v)).utf8)
            case .enum8(let elements), .enum16(let elements):
                out += Array((elements.first { $0.value == v }?.name ?? String(v)).utf8)
            default: out += Array(String(v).utf8)
            }
        case .int128(let v):
            let scale = if case .decimal(_, let scale) = base { scale } else { 0 }
            out += Array(decimalText(v, scale: scale).utf8)
        case .wide(let v):
            let scale = if case .decimal(_, let scale) = base { scale } else { 0 }
            out += Array(decimalText(v, scale: scale).utf8)
        case .uint(let v):
            switch base {
            case .ipv4: out += Array(IPText.ipv4(v).utf8)
            case .date:
                out += Array(dateText(Int(v)).utf8)
            case .dateTime(let zone):
                out += Array(dateTimeText(v, zone: zone).utf8)
            case .bool:
                out += Array((v != 0 ? "true" : "false").utf8)
            default:
                out += Array(String(v).utf8)
            }
        case .float(let v): out += Array(FloatText.format(v, isFloat32: base == .float32).utf8)
        case .uuid(let high, let low): out += Array(uuidText(high: high, low: low).utf8)
        case .string(let bytes): out += bytes
        case .null: out += Array("NULL".utf8)
        case .array, .tuple: writeQuoted(value, type: type, into: &out)
        }
    }

    /// The quoted form (VALUES, elements of arrays and tuples): `'a\'b'`, `'2024-01-02'`, `[1,2]`, `(1,'x')`.
    public static func writeQuoted(_ value: Value, type: DataType, into out: inout [UInt8]) {
        let base = type.removingNullable.withoutLowCardinality
        switch displayed(value, type) {
        case .null: out += Array("NULL".utf8)
        case .string(let bytes):
            out.append(UInt8(ascii: "'"))
            escape(bytes, quote: UInt8(ascii: "'"), into: &out)
            out.append(UInt8(ascii: "'"))
        case .array(let items):
            if case .map(let keyType, let valueType) = base {
                // {key:value,…}: each entry is a (key, value) tuple.
                out.append(UInt8(ascii: "{"))
                for (index, item) in items.enumerated() {
                    guard case .tuple(let pair) = item, pair.count == 2 else { continue }
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    writeQuoted(pair[0], type: keyType, into: &out)
                    out.append(UInt8(ascii: ":"))
                    writeQuoted(pair[1], type: valueType, into: &out)
                }
                out.append(UInt8(ascii: "}"))
                return
            }
            let element: DataType = if case .array(let inner) = base { inner } else { .nothing }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeQuoted(item, type: element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .tuple(let items):
            let elements: [DataType] = if case .tuple(let inner, _) = base { inner } else { [] }
            out.append(UInt8(ascii: "("))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeQuoted(item, type: index < elements.count ? elements[index] : .nothing, into: &out)
            }
            out.append(UInt8(ascii: ")"))
        default:
            let quoted = base.isQuotedScalar
            if quoted { out.append(UInt8(ascii: "'")) }
            writeScalar(value, type: type, into: &out)
            if quoted { out.append(UInt8(ascii: "'")) }
        }
    }

    /// TabSeparated's form: escaped strings, `\N` for NULL, quoted form inside arrays and tuples.
    public static func writeEscaped(_ value: Value, type: DataType, into out: inout [UInt8]) {
        switch displayed(value, type) {
        case .null: out += [UInt8(ascii: "\\"), UInt8(ascii: "N")]
        case .string(let bytes): escape(bytes, quote: nil, into: &out)
        case .array, .tuple: writeQuoted(value, type: type, into: &out)
        default: writeScalar(value, type: type, into: &out)
        }
    }

    /// Values whose text is written like a string (escaped and quoted as strings are): an Enum code as its
    /// name, IPv4 and IPv6 addresses as their text. Other values are returned as they are.
    public static func displayed(_ value: Value, _ type: DataType) -> Value {
        switch (type.removingNullable.withoutLowCardinality, value) {
        case (.enum8(let elements), .int(let code)), (.enum16(let elements), .int(let code)):
            guard let element = elements.first(where: { $0.value == code }) else { return value }
            return .string(element.name)
        case (.ipv4, .uint(let v)): return .string(IPText.ipv4(v))
        case (.ipv6, .string(let bytes)): return .string(IPText.ipv6(bytes))
        default: return value
        }
    }

    /// Backslash escaping of ClickHouse's `writeEscapedString` / `writeQuotedString`.
    static func escape(_ bytes: [UInt8], quote: UInt8?, into out: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x00: out += [0x5C, UInt8(ascii: "0")]
            case 0x5C: out += [0x5C, 0x5C]
            case UInt8(ascii: "'"): out += [0x5C, UInt8(ascii: "'")]
            default:
                if let quote, byte == quote { out += [0x5C, byte] } else { out.append(byte) }
            }
        }
    }

    /// The byte a backslash escape stands for (`n` → newline, `t` → tab, `0` → NUL…; others stand for themselves).
    static func unescaped(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "t"): 0x09
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "0"): 0x00
        default: byte
        }
    }

    static func dateText(_ days: Int) -> String {
        let (y, m, d) = CivilCalendar.date(fromDays: days)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// `2024-01-02 03:04:05`: the seconds as wall-clock time in `zone` (UTC when nil).
    static func dateTimeText(_ seconds: UInt64, zone: String? = nil) -> String {
        let instant = Int64(truncatingIfNeeded: seconds)
        let local = instant + TimeZoneOffsets.offset(zone, atUTC: instant)
        let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        let s = Int(local - Int64(days) * 86_400)
        return dateText(days) + " " + pad(s / 3600, 2) + ":" + pad(s / 60 % 60, 2) + ":" + pad(s % 60, 2)
    }

    /// `2024-01-02 03:04:05.123`: the ticks split into whole seconds (rounded down) and `precision` digits,
    /// as wall-clock time in `zone` (UTC when nil).
    static func dateTime64Text(_ ticks: Int64, precision: Int, zone: String? = nil) -> String {
        let scale = DataType.ticksPerSecond(precision)
        var seconds = ticks / scale
        var fraction = ticks % scale
        if fraction < 0 {
            seconds -= 1
            fraction += scale
        }
        seconds += TimeZoneOffsets.offset(zone, atUTC: seconds)
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let s = Int(seconds - Int64(days) * 86_400)
        var text = dateText(days) + " " + pad(s / 3600, 2) + ":" + pad(s / 60 % 60, 2) + ":" + pad(s % 60, 2)
        if precision > 0 { text += "." + pad(Int(fraction), precision) }
        return text
    }

    static func uuidText(high: UInt64, low: UInt64) -> String {
        let hex = pad16(high) + pad16(low)
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-"
            + String(c[20..<32])
    }

    private static func pad16(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

extension ValueText {
    /// A decimal's text as ClickHouse 26.9 writes it: `scale` fraction digits without trailing zeros
    /// (`1.5`, `-0.05`, `10`).
    static func decimalText(_ unscaled: Int128, scale: Int) -> String {
        decimalText(digits: String(unscaled.magnitude), negative: unscaled < 0, scale: scale)
    }

    /// As `decimalText(_:scale:)` for the unscaled integer of any width.
    static func decimalText(_ unscaled: WideInteger, scale: Int) -> String {
        decimalText(digits: unscaled.magnitude.description, negative: unscaled.isNegative, scale: scale)
    }

    private static func decimalText(digits: String, negative: Bool, scale: Int) -> String {
        guard scale > 0 else { return negative ? "-" + digits : digits }
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let whole = padded.dropLast(scale)
        var fraction = padded.suffix(scale)
        while fraction.last == "0" { fraction = fraction.dropLast() }
        return (negative ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
    }
}

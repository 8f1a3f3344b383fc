import SHCore

/// Interim plain-text rendering until the formats module lands (replaced at merge).
public enum ValueText {
    public static func writePlain(_ value: Value, type: DataType, into out: inout [UInt8]) {
        switch value {
        case .null: out += Array("NULL".utf8)
        case .int(let v): out += Array(String(v).utf8)
        case .uint(let v):
            switch type.removingNullable.withoutLowCardinality {
            case .date:
                let (y, m, d) = CivilCalendar.date(fromDays: Int(v))
                out += Array(String(format4(y) + "-" + format2(m) + "-" + format2(d)).utf8)
            case .bool: out += Array((v != 0 ? "true" : "false").utf8)
            default: out += Array(String(v).utf8)
            }
        case .float(let v): out += Array(String(v).utf8)
        case .string(let b): out += b
        case .uuid(let h, let l): out += Array(String(h, radix: 16).utf8) + Array(String(l, radix: 16).utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if case .string(let b) = item { out += [39] + b + [39] } else { writePlain(item, type: .nothing, into: &out) }
            }
            out.append(UInt8(ascii: "]"))
        case .tuple(let items):
            out.append(UInt8(ascii: "("))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if case .string(let b) = item { out += [39] + b + [39] } else { writePlain(item, type: .nothing, into: &out) }
            }
            out.append(UInt8(ascii: ")"))
        }
    }

    public static func parsePlain(_ bytes: [UInt8], type: DataType) throws -> Value {
        let text = String(decoding: bytes, as: UTF8.self)
        switch type {
        case .int8, .int16, .int32, .int64:
            guard let v = Int64(text) else { throw DatabaseError(.cannotParseText, text) }
            return .int(v)
        case .uint8, .uint16, .uint32, .uint64:
            guard let v = UInt64(text) else { throw DatabaseError(.cannotParseText, text) }
            return .uint(v)
        case .float32, .float64:
            guard let v = Double(text) else { throw DatabaseError(.cannotParseText, text) }
            return .float(v)
        default: return .string(bytes)
        }
    }

    private static func format2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    private static func format4(_ v: Int) -> String { String(repeating: "0", count: max(0, 4 - String(v).count)) + "\(v)" }
}

import Foundation
import SHCore

/// A small JSON reader for `JSONEachRow` input that keeps what `JSONSerialization` loses: the order of an
/// object's members (a Map's entries) and the exact text of numbers (a Decimal's digits).
/// Values are `NSNull`, `Bool`, `String`, `JSONNumberText`, `[Any]` and `OrderedJSONObject`.
struct OrderedJSON {
    let bytes: [UInt8]
    var position = 0

    /// Parses one JSON value that makes up all of `bytes` (surrounding whitespace allowed).
    static func parse(_ bytes: [UInt8]) -> Any? {
        var reader = OrderedJSON(bytes: bytes)
        guard let value = reader.value() else { return nil }
        reader.skipSpaces()
        return reader.position == bytes.count ? value : nil
    }

    mutating func skipSpaces() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    mutating func value() -> Any? {
        skipSpaces()
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            var object = OrderedJSONObject()
            skipSpaces()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return object
            }
            while true {
                skipSpaces()
                guard let key = string(), consume(":"), let member = value() else { return nil }
                object.members.append((key, member))
                if consume(",") { continue }
                return consume("}") ? object : nil
            }
        case UInt8(ascii: "["):
            position += 1
            var items: [Any] = []
            skipSpaces()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return items
            }
            while true {
                guard let item = value() else { return nil }
                items.append(item)
                if consume(",") { continue }
                return consume("]") ? items : nil
            }
        case UInt8(ascii: "\""): return string()
        default:
            let start = position
            while position < bytes.count, !",]} \t\r\n:".utf8.contains(bytes[position]) { position += 1 }
            let word = String(decoding: bytes[start..<position], as: UTF8.self)
            switch word {
            case "null": return NSNull()
            case "true": return true
            case "false": return false
            default: return Double(word) != nil ? JSONNumberText(text: word) : nil
            }
        }
    }

    mutating func consume(_ character: Character) -> Bool {
        skipSpaces()
        guard position < bytes.count, bytes[position] == character.asciiValue else { return false }
        position += 1
        return true
    }

    /// A `"…"` string with JSON escapes (`\uXXXX` with surrogate pairs).
    mutating func string() -> String? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        position += 1
        var out: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard byte == 0x5C, position < bytes.count else {
                out.append(byte)
                continue
            }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard var scalar = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count, bytes[position] == 0x5C,
                    bytes[position + 1] == UInt8(ascii: "u")
                {
                    position += 2
                    guard let low = hex4() else { return nil }
                    scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                }
                out += Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
            default: out.append(escape)
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard position + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
        else { return nil }
        position += 4
        return value
    }
}

/// A JSON object with its members in document order.
struct OrderedJSONObject {
    var members: [(key: String, value: Any)] = []

    /// The first member named `key`.
    subscript(key: String) -> Any? { members.first { $0.key == key }?.value }
}

/// A JSON number as written (so `0.29` stays exact for a Decimal).
struct JSONNumberText: CustomStringConvertible {
    let text: String
    var description: String { text }
}

import SHCore

extension SQLFormatter {
    /// Words that ClickHouse 26.9 back-quotes when they are used as identifiers (checked with formatQuery), plus
    /// CASE, NOT and INTERVAL, which this parser could not read back bare.
    static let keywords: Set<String> = [
        "ALL", "DISTINCT", "FALSE", "FROM", "INF", "NAN", "NULL", "SELECT", "TABLE", "TOP", "TRUE", "VALUES",
        "CASE", "NOT", "INTERVAL",
    ]

    /// `name` or `` `name` `` when it is not a plain identifier or is a keyword.
    public static func quoteIdentifierIfNeeded(_ name: String) -> String {
        var plain = !name.isEmpty
        for (i, c) in name.utf8.enumerated() {
            let isLetter = (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F
            let isDigit = c >= 0x30 && c <= 0x39
            if !(isLetter || (i > 0 && isDigit)) {
                plain = false
                break
            }
        }
        if plain, !keywords.contains(name.uppercased()) { return name }
        return quoteIdentifier(name)
    }

    /// `` `name` `` with ClickHouse's escapes.
    public static func quoteIdentifier(_ name: String) -> String { escaped(name, quote: UInt8(ascii: "`")) }

    /// `'text'` with ClickHouse's escapes (`\'`, `\\`, `\n`, `\t`, `\0`, …).
    public static func quoteString(_ text: String) -> String { escaped(text, quote: UInt8(ascii: "'")) }

    static func escaped(_ text: String, quote: UInt8) -> String {
        var out: [UInt8] = [quote]
        out.reserveCapacity(text.utf8.count + 2)
        for c in text.utf8 {
            switch c {
            case quote: out += [UInt8(ascii: "\\"), quote]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x00: out += [UInt8(ascii: "\\"), UInt8(ascii: "0")]
            default: out.append(c)
            }
        }
        out.append(quote)
        return String(decoding: out, as: UTF8.self)
    }

    /// A literal as ClickHouse prints it: `NULL`, `true`, `-1`, `1.5`, `100000.`, `1e21`, `'a\'b'`.
    public static func formatLiteral(_ literal: Literal) -> String {
        switch literal {
        case .null: "NULL"
        case .bool(let value): value ? "true" : "false"
        case .unsignedInteger(let value): String(value)
        case .integer(let value): String(value)
        case .float(let value): formatFloat(value)
        case .string(let value): quoteString(value)
        }
    }

    /// ClickHouse's shortest round-trip float text: a trailing `.` for whole numbers, exponent form
    /// from 1e21 up and below 1e-6 (`1e21`, `1e-7`, `1.2345678901234569e23`).
    public static func formatFloat(_ value: Double) -> String {
        if value.isNaN { return value.sign == .minus ? "-nan" : "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0." }
        // Swift's description is the shortest round-trip representation; take its digits and exponent.
        let text = String(describing: Swift.abs(value))
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits = mantissa.replacingOccurrences(".", "")
        var pointIndex =
            mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
            ?? mantissa.count
        while digits.count > 1, digits.hasPrefix("0") {
            digits.removeFirst()
            pointIndex -= 1
        }
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        let n = pointIndex + exponent  // value = 0.DIGITS × 10^n
        let k = digits.count
        if k <= n && n <= 21 {
            return sign + digits + String(repeating: "0", count: n - k) + "."
        }
        if 0 < n && n <= 21 {
            let split = digits.index(digits.startIndex, offsetBy: n)
            return sign + digits[..<split] + "." + digits[split...]
        }
        if -6 < n && n <= 0 {
            return sign + "0." + String(repeating: "0", count: -n) + digits
        }
        let rest = digits.dropFirst()
        return sign + String(digits.prefix(1)) + (rest.isEmpty ? "" : "." + rest) + "e\(n - 1)"
    }
}

extension Substring {
    fileprivate func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

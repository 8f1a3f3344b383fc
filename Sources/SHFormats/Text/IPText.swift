import SHCore

/// Text forms of `IPv4` and `IPv6` values, as ClickHouse writes and reads them.
public enum IPText {
    /// `1.2.3.4` for 0x01020304.
    static func ipv4(_ value: UInt64) -> String {
        [24, 16, 8, 0].map { String((value >> UInt64($0)) & 0xFF) }.joined(separator: ".")
    }

    /// RFC 5952 text of 16 network-order bytes: lower-case hex groups, the longest run (first of equal ones)
    /// of two or more zero groups as `::`, and a dotted IPv4 tail for `::a.b.c.d` and `::ffff:a.b.c.d`.
    static func ipv6(_ bytes: [UInt8]) -> String {
        guard bytes.count == 16 else { return "" }
        let words = (0..<8).map { Int(bytes[$0 * 2]) << 8 | Int(bytes[$0 * 2 + 1]) }
        var best = (start: -1, length: 0)
        var index = 0
        while index < 8 {
            guard words[index] == 0 else {
                index += 1
                continue
            }
            let start = index
            while index < 8, words[index] == 0 { index += 1 }
            if index - start > best.length { best = (start, index - start) }
        }
        if best.length < 2 { best = (-1, 0) }
        let mappedIPv4 = best.start == 0 && (best.length == 6 || best.length == 5 && words[5] == 0xFFFF)
        var text = ""
        var position = 0
        while position < (mappedIPv4 ? 6 : 8) {
            if position == best.start {
                text += "::"
                position += best.length
                continue
            }
            if !text.isEmpty, !text.hasSuffix(":") { text += ":" }
            text += String(words[position], radix: 16)
            position += 1
        }
        if mappedIPv4 {
            if !text.hasSuffix(":") { text += ":" }
            text += bytes[12...].map { String($0) }.joined(separator: ".")
        }
        return text
    }

    /// A dotted quad of four decimal numbers 0…255.
    static func parseIPv4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }

    /// IPv6 text (with `::` and an optional dotted IPv4 tail), or an IPv4 address as `::ffff:a.b.c.d`.
    static func parseIPv6(_ text: Substring) -> [UInt8]? {
        if let v4 = parseIPv4(text) { return mapped(v4) }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            var result: [UInt16] = []
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, field) in fields.enumerated() {
                if index == fields.count - 1, field.contains("."), let v4 = parseIPv4(field) {
                    result += [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
                } else {
                    guard (1...4).contains(field.count), let group = UInt16(field, radix: 16) else { return nil }
                    result.append(group)
                }
            }
            return result
        }
        guard let head = groups(halves[0]), let tail = halves.count == 2 ? groups(halves[1]) : [] else { return nil }
        let missing = 8 - head.count - tail.count
        guard halves.count == 2 ? missing >= 1 : missing == 0 else { return nil }
        let words = head + Array(repeating: 0, count: missing) + tail
        return words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// `::ffff:a.b.c.d`, the IPv6 form of an IPv4 address.
    public static func mapped(_ v4: UInt32) -> [UInt8] {
        Array(repeating: 0, count: 10) + [
            0xFF, 0xFF, UInt8(v4 >> 24), UInt8(v4 >> 16 & 0xFF), UInt8(v4 >> 8 & 0xFF), UInt8(v4 & 0xFF),
        ]
    }
}

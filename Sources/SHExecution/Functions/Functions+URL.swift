import SHCore

extension FunctionRegistry {
    /// ClickHouse's URL functions that real table definitions use in MATERIALIZED columns: `domain` and
    /// `domainWithoutWWW` (the non-RFC host extraction of ClickHouse's `getURLHost`).
    mutating func registerURL() {
        for (name, withoutWWW) in [("domain", false), ("domainWithoutWWW", true)] {
            register(name) { types, _, _ in
                try expectArguments(name, types, 1...1)
                let argument = types[0].removingNullable.withoutLowCardinality
                if argument == .nothing { return .rowwise(types[0]) { _ in .null } }
                guard argument == .string else { throw illegalType(types[0], argument: 1, of: name) }
                return .rowwise(DataType.string.nullable(if: types)) { args in
                    guard case .string(let bytes) = args[0] else { return .string([]) }
                    var host = URLHost.extract(bytes)
                    if withoutWWW, host.count > 4, host.starts(with: URLHost.www) { host = host.dropFirst(4) }
                    return .string(Array(host))
                }
            }
        }
    }
}

/// The host of a URL as ClickHouse's `domain` finds it: after an optional scheme (`scheme://`, the scheme within the
/// first 16 bytes) or a leading `//`, up to the first `:`, `/`, `?` or `#`, after the last `@`; empty when the host has
/// no dot, ends with a dot, or the URL contains a character URLs may not contain.
enum URLHost {
    static let www = Array("www.".utf8)

    /// Bytes that make the whole URL invalid (ClickHouse's "restricted symbols").
    private static func isRestricted(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "%"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
            UInt8(ascii: "~"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ";"), UInt8(ascii: "="),
            UInt8(ascii: "&"):
            true
        default: false
        }
    }

    private static func isEndOfHost(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// The host's bytes within `url` (an empty slice when `url` has no valid host).
    static func extract(_ url: [UInt8]) -> ArraySlice<UInt8> {
        let end = url.count
        let slash = UInt8(ascii: "/")
        var pos = 0
        if end >= 2, url[0] == slash, url[1] == slash {
            pos = 2
        } else {
            let schemeEnd = min(end, 16)
            pos = 1
            scheme: while pos < schemeEnd {
                let byte = url[pos]
                if !isAlphanumeric(byte) {
                    switch byte {
                    case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"): break
                    case _ where isRestricted(byte): return []
                    default: break scheme
                    }
                }
                pos += 1
            }
            if schemeEnd - pos > 2, url[pos] == UInt8(ascii: ":"), url[pos + 1] == slash, url[pos + 2] == slash {
                pos += 3
            } else {
                pos = 0
            }
        }
        var dot: Int? = nil
        var start = pos
        while pos < end {
            let byte = url[pos]
            if byte == UInt8(ascii: ".") {
                dot = pos
            } else if isEndOfHost(byte) {
                break
            } else if byte == UInt8(ascii: "@") {
                start = pos + 1
            } else if isRestricted(byte) {
                return []
            }
            pos += 1
        }
        guard let dot, start < pos, pos - dot != 1, !isEndOfHost(url[dot + 1]) else { return [] }
        return url[start..<pos]
    }
}

/// ClickHouse's quoted text (`'…'` literals, `` `…` `` and `"…"` identifiers): one reading of its escapes for
/// the SQL parser and the type-name parser.
public enum StringLiteral {
    /// The bytes of `bytes[start..<end]`, the inside of a literal quoted with `quote`, with its escapes
    /// resolved: a doubled quote, `\n \t \r \b \f \a \v \0 \e`, `\xHH` (one byte), and `\\ \' \" \` \/ \=`
    /// for the character itself; any other `\c` stays as written.
    public static func unescape(_ bytes: [UInt8], from start: Int, to end: Int, quote: UInt8) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(max(0, end - start))
        var i = start
        while i < end {
            let c = bytes[i]
            if c == quote, i + 1 < end, bytes[i + 1] == quote {
                out.append(quote)
                i += 2
            } else if c == UInt8(ascii: "\\"), i + 1 < end {
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "a"): out.append(0x07)
                case UInt8(ascii: "v"): out.append(0x0B)
                case UInt8(ascii: "0"): out.append(0x00)
                case UInt8(ascii: "e"): out.append(0x1B)
                case UInt8(ascii: "x"):
                    if i + 1 < end, let high = hexValue(bytes[i]), let low = hexValue(bytes[i + 1]) {
                        out.append(high << 4 | low)
                        i += 2
                    } else {
                        out.append(contentsOf: [UInt8(ascii: "\\"), e])
                    }
                case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "/"),
                    UInt8(ascii: "="):
                    out.append(e)
                default:
                    out.append(contentsOf: [UInt8(ascii: "\\"), e])
                }
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }

    /// The end (the index of the closing quote) of a literal whose opening `quote` is at `start`, or nil when
    /// it is not closed: a backslash escapes the byte after it and a doubled quote stands for one.
    public static func closingQuote(in bytes: [UInt8], openingAt start: Int, quote: UInt8) -> Int? {
        var i = start + 1
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\") {
                i += 2
            } else if bytes[i] == quote {
                if i + 1 < bytes.count, bytes[i + 1] == quote {
                    i += 2
                } else {
                    return i
                }
            } else {
                i += 1
            }
        }
        return nil
    }

    /// The value of one hexadecimal digit (either case), nil for any other byte.
    public static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

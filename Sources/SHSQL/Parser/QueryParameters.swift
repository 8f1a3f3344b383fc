import SHCore

extension ErrorCode {
    /// `Substitution `x` is not set`: a `{x:T}` without a value.
    public static let unknownQueryParameter = ErrorCode(456, "UNKNOWN_QUERY_PARAMETER")
    /// A query parameter's value that its type does not read.
    public static let badQueryParameter = ErrorCode(457, "BAD_QUERY_PARAMETER")
}

/// ClickHouse's query parameters: `{name:Type}` in a query's text, with values given as text (the HTTP
/// interface's `param_name=value`, escaped as a TabSeparated field).
///
/// Each `{name:Type}` becomes what ClickHouse puts in its place: a String value its string literal, a number
/// `_CAST(number, 'Type')`, an `Identifier` a quoted identifier, any other value `_CAST('text', 'Type')` (read by
/// the conversion as ClickHouse reads the text of that type). The substitution works on the query's tokens, so
/// braces in strings and comments are left alone, and it stops where an INSERT's data starts (after `FORMAT f`).
public enum QueryParameters {
    /// The value text of `param_name`, unescaped as a TabSeparated field (`\t`, `\n`, `\\` …).
    public static func unescape(_ text: String) -> String {
        var out = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "0": out.append("\0")
                case "b": out.append("\u{8}")
                case "f": out.append("\u{C}")
                default: out.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        if escaping { out.append("\\") }
        return out
    }

    /// `text` with its `{name:Type}` replaced from `values` (already unescaped), up to `limit` bytes of query
    /// text; an INSERT's data after `FORMAT f` is copied as it is.
    public static func substitute(_ text: [UInt8], values: [String: String], limit: Int) throws -> [UInt8] {
        var lexer = Lexer(bytes: text)
        var tokens: [Token] = []
        var insert: Bool?
        lexing: while lexer.position < min(text.count, limit) {
            let token = lexer.next()
            switch token.kind {
            case .endOfStream, .error: break lexing
            default: break
            }
            tokens.append(token)
            let word = String(decoding: text[token.start..<token.end], as: UTF8.self).uppercased()
            if insert == nil { insert = token.kind == .bareWord && word == "INSERT" }
            // The data of `INSERT … FORMAT f` starts after the format's name.
            if insert == true, token.kind == .bareWord, word == "FORMAT" {
                let name = lexer.next()
                if name.kind == .bareWord { tokens.append(name) }
                break lexing
            }
        }
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while index < tokens.count {
            guard tokens[index].kind == .openBrace, index + 3 < tokens.count, tokens[index + 1].kind == .bareWord,
                tokens[index + 2].kind == .colon, let close = closingBrace(tokens, after: index + 3)
            else {
                index += 1
                continue
            }
            let name = String(decoding: text[tokens[index + 1].start..<tokens[index + 1].end], as: UTF8.self)
            let typeText = String(decoding: text[tokens[index + 3].start..<tokens[close - 1].end], as: UTF8.self)
            guard let value = values[name] else {
                throw DatabaseError(.unknownQueryParameter, "Substitution `\(name)` is not set")
            }
            out += text[copied..<tokens[index].start]
            out += Array(try replacement(name: name, type: typeText, value: value).utf8)
            copied = tokens[close].end
            index = close + 1
        }
        out += text[copied...]
        return out
    }

    /// The index of the `}` closing a parameter whose type starts at `start` (brackets in the type balanced).
    private static func closingBrace(_ tokens: [Token], after start: Int) -> Int? {
        var depth = 0
        var index = start
        while index < tokens.count {
            switch tokens[index].kind {
            case .openParen: depth += 1
            case .closeParen: depth -= 1
            case .closeBrace where depth == 0: return index > start ? index : nil
            case .openBrace, .closeBrace, .semicolon: return nil
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The SQL that takes the place of `{name:type}` with `raw` (the value as sent, still escaped).
    static func replacement(name: String, type typeText: String, value raw: String) throws -> String {
        let value = unescape(raw)
        if typeText == "Identifier" {
            return "`" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "`", with: "\\`")
                + "`"
        }
        let type = try DataType(parsing: typeText)
        let typeLiteral = SQLFormatter.quoteString(typeText)
        // `\N` is NULL for a Nullable type, and an empty String for a String (as ClickHouse reads them).
        if raw == "\\N" {
            if type.isNullable { return "_CAST(NULL, \(typeLiteral))" }
            if type == .string { return "''" }
        }
        let inner = type.removingNullable
        if inner == .string, !type.isNullable { return SQLFormatter.quoteString(value) }
        if let width = integerWidth(inner) {
            let number = try integer(value, width: width, name: name, type: typeText)
            return "_CAST(\(number), \(typeLiteral))"
        }
        if inner == .float32 || inner == .float64 {
            let parsed = numberPrefix(value, signed: true, fraction: true)
            let special = ["nan", "inf", "-inf", "+inf"].contains(value.lowercased())
            guard special || (parsed == value.utf8.count && parsed > 0), var number = Double(value) else {
                throw unparsed(value, type: typeText, name: name, parsed: parsed)
            }
            if inner == .float32 { number = Double(Float(number)) }
            return "_CAST(\(floatLiteral(number)), \(typeLiteral))"
        }
        return "_CAST(\(SQLFormatter.quoteString(value)), \(typeLiteral))"
    }

    private static func unparsed(_ value: String, type: String, name: String, parsed: Int) -> DatabaseError {
        let prefix = String(decoding: value.utf8.prefix(parsed), as: UTF8.self)
        return DatabaseError(
            .badQueryParameter,
            "Value \(value) cannot be parsed as \(type) for query parameter '\(name)' because it isn't parsed "
                + "completely: only \(parsed) of \(value.utf8.count) bytes was parsed: \(prefix)")
    }

    /// The integers up to 64 bits: their width in bits and signedness (the wider ones are read by `_CAST`).
    private static func integerWidth(_ type: DataType) -> (bits: Int, signed: Bool)? {
        switch type {
        case .uint8: (8, false)
        case .uint16: (16, false)
        case .uint32: (32, false)
        case .uint64: (64, false)
        case .int8: (8, true)
        case .int16: (16, true)
        case .int32: (32, true)
        case .int64: (64, true)
        default: nil
        }
    }

    /// An integer read as ClickHouse reads one: an optional `+` (and `-` for a signed type) and digits, wrapping
    /// past the type's width; its decimal text.
    private static func integer(_ value: String, width: (bits: Int, signed: Bool), name: String, type: String)
        throws -> String
    {
        let parsed = numberPrefix(value, signed: true, fraction: false)
        let negative = value.hasPrefix("-")
        guard parsed == value.utf8.count, parsed > 0, width.signed || !negative else {
            throw unparsed(value, type: type, name: name, parsed: negative && !width.signed ? 0 : parsed)
        }
        var magnitude: UInt64 = 0
        for byte in value.utf8 where Lexer.isDigit(byte) {
            magnitude = magnitude &* 10 &+ UInt64(byte - UInt8(ascii: "0"))
        }
        let bits = negative ? (0 &- magnitude) : magnitude
        let mask: UInt64 = width.bits == 64 ? .max : (1 << UInt64(width.bits)) - 1
        let truncated = bits & mask
        guard width.signed else { return String(truncated) }
        let signBit: UInt64 = 1 << UInt64(width.bits - 1)
        let signed = truncated & signBit != 0 ? Int64(bitPattern: truncated | ~mask) : Int64(truncated)
        return String(signed)
    }

    /// A float as ClickHouse prints a Float64 literal: `1000.` for a whole number, `0.5`, `inf`, `nan`.
    private static func floatLiteral(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) + "." }
        return "\(value)"
    }

    /// How many leading bytes of `value` read as a number: a sign (when `signed`), digits, and with `fraction` a
    /// decimal point, digits and an exponent.
    private static func numberPrefix(_ value: String, signed: Bool, fraction: Bool) -> Int {
        let bytes = Array(value.utf8)
        var index = 0
        if signed, index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            index += 1
        }
        func digits() -> Bool {
            let start = index
            while index < bytes.count, Lexer.isDigit(bytes[index]) { index += 1 }
            return index > start
        }
        let whole = digits()
        guard fraction else { return whole ? index : 0 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            _ = digits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            let mark = index
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            if !digits() { index = mark }
        }
        return index
    }
}

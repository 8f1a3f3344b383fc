import SHCore

extension Parser {
    /// The value of a number token: `42`, `0x1F`, `0b101`, `1.5`, `1e5`; `negative` folds a leading minus.
    func numberLiteral(_ token: Token, negative: Bool) -> Literal? {
        let slice = bytes[token.start..<token.end]
        var magnitude: UInt64?
        var float: Double?
        if slice.count > 2, slice[slice.startIndex] == 0x30,
            slice[slice.startIndex + 1] | 0x20 == UInt8(ascii: "x")
                || slice[slice.startIndex + 1] | 0x20 == UInt8(ascii: "b")
        {
            let radix = slice[slice.startIndex + 1] | 0x20 == UInt8(ascii: "x") ? 16 : 2
            let digits = String(decoding: slice.dropFirst(2), as: UTF8.self)
            if let value = UInt64(digits, radix: radix) {
                magnitude = value
            } else {
                float = Double("0x" + (radix == 16 ? digits : String(UInt64(0))))
            }
        } else if slice.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }) {
            float = Double(String(decoding: slice, as: UTF8.self))
        } else {
            var value: UInt64 = 0
            var overflow = false
            for c in slice {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(c - 0x30))
                if o1 || o2 {
                    overflow = true
                    break
                }
                value = a
            }
            if overflow { float = Double(String(decoding: slice, as: UTF8.self)) } else { magnitude = value }
        }
        if let magnitude {
            guard negative, magnitude != 0 else { return .unsignedInteger(magnitude) }
            if magnitude <= UInt64(Int64.max) { return .integer(-Int64(magnitude)) }
            if magnitude == UInt64(Int64.max) + 1 { return .integer(Int64.min) }
            return .float(-Double(magnitude))
        }
        guard let float else { return nil }
        return .float(negative ? -float : float)
    }

    /// The text of a string literal or quoted identifier with its escapes resolved.
    func unquote(_ token: Token) -> String {
        String(decoding: unquotedBytes(token), as: UTF8.self)
    }

    /// The bytes of a string literal or quoted identifier with its escapes resolved (`'\xFF'` is one byte).
    func unquotedBytes(_ token: Token) -> [UInt8] {
        StringLiteral.unescape(bytes, from: token.start + 1, to: token.end - 1, quote: bytes[token.start])
    }

    /// A bare or quoted identifier.
    mutating func parseIdentifier() throws -> String {
        let token = current
        switch token.kind {
        case .bareWord:
            advance()
            return text(token)
        case .quotedIdentifier:
            advance()
            return unquote(token)
        default:
            note("identifier")
            throw syntaxError()
        }
    }

    /// `[db.]name`.
    mutating func parseTableName() throws -> TableName {
        let first = try parseIdentifier()
        if current.kind == .dot, token(at: 1).kind == .bareWord || token(at: 1).kind == .quotedIdentifier {
            advance()
            return TableName(database: first, table: try parseIdentifier())
        }
        note("Dot")
        return TableName(table: first)
    }

    /// A string literal's value.
    mutating func parseStringLiteral() throws -> String {
        guard current.kind == .stringLiteral else { throw syntaxError(expected: ["string literal"]) }
        let value = unquote(current)
        advance()
        return value
    }

    /// `name = value, …` (SET and SETTINGS); a value may be any expression, e.g. `S3(…)` for `base_backup`.
    mutating func parseSettingList() throws -> [SettingAssignment] {
        var settings: [SettingAssignment] = []
        repeat {
            let name = try parseIdentifier()
            if accept(.equals, "Equals") {
                settings.append(SettingAssignment(name: name, value: try parseExpression()))
            } else {
                // `SET flag` means `SET flag = 1`, as in ClickHouse.
                settings.append(SettingAssignment(name: name, value: .literal(.bool(true))))
            }
        } while accept(.comma, "Comma")
        return settings
    }
}

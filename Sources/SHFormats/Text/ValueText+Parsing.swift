import SHCore

extension ValueText {
    /// Parses the plain text of a value of `type` (`'12'` → Int32 12, `'2024-01-02'` → Date, arrays in quoted form).
    public static func parsePlain(_ bytes: [UInt8], type: DataType) throws -> Value {
        let base = type.removingNullable.withoutLowCardinality
        switch base {
        case .string: return .string(bytes)
        case .fixedString(let width): return try fixedString(bytes, width: width)
        case .enum8, .enum16: return try parseScalar(String(decoding: bytes, as: UTF8.self), type: base)
        case .array, .tuple, .map:
            var cursor = TextCursor(bytes)
            let value = try cursor.quotedValue(type: type)
            cursor.skipSpaces()
            guard cursor.atEnd else { throw cursor.failure("end of value") }
            return value
        default:
            return try parseScalar(
                String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces), type: base)
        }
    }

    /// A value of `FixedString(width)`: longer text is TOO_LARGE_STRING_SIZE, as in ClickHouse (it was silently
    /// cut to the width).
    public static func fixedString(_ bytes: [UInt8], width: Int) throws -> Value {
        guard bytes.count <= width else {
            throw DatabaseError(.tooLargeStringSize, "Too large value for FixedString(\(width))")
        }
        return .string(bytes)
    }

    /// One field of `INSERT … VALUES` read as a value of `type` in quoted form (`0.29`, `'x'`, `[1, 2.5]`, NULL),
    /// or `nil` when the text is not such a value (an expression); ClickHouse reads fields this way first.
    public static func parseValuesField(_ text: String, type: DataType) -> Value? {
        var cursor = TextCursor(Array(text.utf8))
        guard let value = try? cursor.quotedValue(type: type) else { return nil }
        cursor.skipSpaces()
        return cursor.atEnd ? value : nil
    }

    /// Parses an unquoted scalar (number, bool, date, date-time, UUID).
    static func parseScalar(_ text: String, type: DataType) throws -> Value {
        func bad() -> DatabaseError {
            DatabaseError(.cannotParseText, "Cannot parse string '\(text)' as \(type): syntax error at begin of string")
        }
        switch type {
        case .int8, .int16, .int32, .int64:
            guard let v = Int64(text) ?? (text.hasPrefix("+") ? Int64(text.dropFirst()) : nil) else { throw bad() }
            return .int(v)
        case .int128, .uint128, .int256, .uint256:
            if let integer = WideInteger(decimal: Substring(text)), let value = type.wideIntegerValue(integer) {
                return value
            }
            if type.isUnsignedInteger, text.hasPrefix("-"), WideInteger(decimal: Substring(text)) != nil {
                throw DatabaseError(
                    .cannotParseNumber, "Unsigned type must not contain '-' symbol: Cannot parse \(type) from String")
            }
            throw bad()
        case .uint8, .uint16, .uint32, .uint64:
            if let v = UInt64(text) { return .uint(v) }
            // A negative number is not an unsigned value's text (it was read as its bit pattern).
            if text.hasPrefix("-"), Int64(text) != nil {
                throw DatabaseError(
                    .cannotParseNumber, "Unsigned type must not contain '-' symbol: Cannot parse \(type) from String")
            }
            throw bad()
        case .float32, .float64:
            switch text.lowercased() {
            case "inf", "+inf": return .float(.infinity)
            case "-inf": return .float(-.infinity)
            case "nan", "+nan", "-nan": return .float(.nan)
            default:
                guard let v = Double(text) else { throw bad() }
                return .float(v)
            }
        case .bool:
            switch text.lowercased() {
            case "true", "1", "t", "y", "yes", "on", "enable", "enabled": return .uint(1)
            case "false", "0", "f", "n", "no", "off", "disable", "disabled": return .uint(0)
            default: throw bad()
            }
        case .date:
            // Dates outside 1970-01-01 … 2149-06-06 saturate, as in ClickHouse.
            guard let days = parseDate(text) else { throw bad() }
            return .uint(UInt64(min(max(0, days), 65_535)))
        case .ipv4:
            guard let v = IPText.parseIPv4(Substring(text)) else {
                throw DatabaseError(.cannotParseIPv4, "Cannot parse IPv4 \(text)")
            }
            return .uint(UInt64(v))
        case .ipv6:
            guard let bytes = IPText.parseIPv6(Substring(text)) else {
                throw DatabaseError(.cannotParseIPv6, "Cannot parse IPv6 \(text)")
            }
            return .string(bytes)
        case .enum8(let elements), .enum16(let elements):
            if let element = elements.first(where: { $0.name == text }) { return .int(Int64(element.value)) }
            guard let code = Int(text) else {
                throw DatabaseError(.unknownElementOfEnum, "Unknown element '\(text)' for enum")
            }
            guard elements.contains(where: { $0.value == code }) else {
                throw DatabaseError(.unknownElementOfEnum, "Unexpected value \(code) in enum")
            }
            return .int(Int64(code))
        case .date32:
            // A number is a day number; otherwise YYYY-MM-DD.
            if let days = Int32(text) { return .int(Int64(days)) }
            guard let days = parseDate(text), let value = Int32(exactly: days) else { throw bad() }
            return .int(Int64(value))
        case .dateTime(let zone):
            // Seconds, or a date and time on the zone's wall clock (a fraction of a second is dropped); outside
            // 1970-01-01 00:00:00 … 2106-02-07 06:28:15 UTC the value saturates, as in ClickHouse.
            if let seconds = UInt64(text) { return .uint(min(seconds, 0xFFFF_FFFF)) }
            guard let local = parseDateTimeSeconds(text) else { throw bad() }
            let seconds = TimeZoneOffsets.utc(zone, fromLocal: Int64(local))
            return .uint(UInt64(min(max(0, seconds), 0xFFFF_FFFF)))
        case .decimal(let precision, let scale):
            guard let unscaled = try parseDecimal(text, precision: precision, scale: scale),
                let value = type.decimalValue(unscaled)
            else { throw bad() }
            return value
        case .dateTime64(let precision, let zone):
            guard let ticks = try parseDateTime64(text, precision: precision, zone: zone) else { throw bad() }
            return .int(ticks)
        case .uuid:
            let hex = text.replacingOccurrences(of: "-", with: "")
            guard hex.count == 32, let high = UInt64(hex.prefix(16), radix: 16),
                let low = UInt64(hex.suffix(16), radix: 16)
            else {
                throw DatabaseError(.cannotParseUUID, "Cannot parse uuid \(text)")
            }
            return .uuid(high: high, low: low)
        case .nothing:
            return .null
        default:
            return .string(Array(text.utf8))
        }
    }

    /// `[+-]digits[.digits][e[+-]digits]` as an integer of 10^-scale units (extra fraction digits dropped);
    /// `nil` when it is not a number; an error when it has more digits than the type's storage holds.
    static func parseDecimal(_ text: String, precision: Int, scale: Int) throws -> WideInteger? {
        var bytes = Substring(text).utf8[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenDot = false
        var exponent = 0
        var sawDigit = false
        while let byte = bytes.first {
            if byte >= 0x30 && byte <= 0x39 {
                sawDigit = true
                if !(digits.isEmpty && byte == 0x30) || seenDot { digits.append(byte - 0x30) }
                if seenDot { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenDot {
                seenDot = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                let exponentText = String(decoding: bytes.dropFirst(), as: UTF8.self)
                guard let value = Int(exponentText) else {
                    // An exponent of digits too many for an Int32 is ClickHouse's CANNOT_PARSE_NUMBER.
                    let digitsOnly = exponentText.drop { $0 == "-" || $0 == "+" }
                    guard !digitsOnly.isEmpty, digitsOnly.allSatisfy(\.isASCII), digitsOnly.allSatisfy(\.isNumber)
                    else { return nil }
                    throw DatabaseError(.cannotParseNumber, "Cannot parse exponent while reading decimal")
                }
                guard Int32(exactly: value) != nil else {
                    throw DatabaseError(.cannotParseNumber, "Cannot parse exponent while reading decimal")
                }
                // Bounded: beyond ±10000 every value overflows or is 0, and the shift below must not overflow.
                exponent = min(max(value, -10_000), 10_000)
                bytes = bytes[bytes.endIndex...]
                break
            } else {
                return nil
            }
            bytes = bytes.dropFirst()
        }
        guard sawDigit else { return nil }
        // The digits stand for `digits × 10^(exponent - fractionDigits)`; keep `scale` fraction digits.
        let shift = exponent - fractionDigits + scale
        let kept = shift >= 0 ? digits : Array(digits.dropLast(min(digits.count, -shift)))
        let maxDigits = [4: 9, 8: 18, 16: 38][DataType.decimalWidth(precision)] ?? 76
        let significant = kept.drop { $0 == 0 }.count + max(0, shift)
        guard significant <= maxDigits else {
            throw DatabaseError(
                .argumentOutOfBound,
                "Decimal value is too big: \(text). Expected to read decimal with scale \(scale) and precision \(maxDigits)"
            )
        }
        var result = WideInteger.zero
        let ten = WideInteger(Int64(10))
        for digit in kept { result = result * ten + WideInteger(Int64(digit)) }
        result = result * WideInteger.powerOfTen(max(0, shift))
        return negative ? -result : result
    }

    /// `YYYY-MM-DD[ hh:mm:ss[.fraction]]` or `seconds[.fraction]` as ticks of 10^-precision s; extra fraction
    /// digits are dropped, as ClickHouse does.
    /// A time beyond the ticks' Int64 range is DECIMAL_OVERFLOW, as in ClickHouse.
    static func parseDateTime64(_ text: String, precision: Int, zone: String? = nil) throws -> Int64? {
        let scale = DataType.ticksPerSecond(precision)
        var whole = Substring(text)
        var fraction: Int64 = 0
        if let dot = text.lastIndex(of: "."), !text[dot...].contains(":") {
            whole = text[..<dot]
            let digits = text[text.index(after: dot)...]
            guard digits.allSatisfy(\.isNumber) else { return nil }
            for (index, digit) in digits.prefix(precision).enumerated() {
                fraction += Int64(digit.wholeNumberValue ?? 0) * DataType.ticksPerSecond(precision - 1 - index)
            }
        }
        let seconds: Int64
        if let number = Int64(whole) {
            // A negative number of seconds: its fraction goes further back in time.
            if whole.hasPrefix("-") { fraction = -fraction }
            seconds = number
        } else {
            let parts = whole.split(separator: " ", maxSplits: 1)
            guard let first = parts.first, let days = parseDate(String(first)) else { return nil }
            var total = Int64(days) * 86_400
            if parts.count == 2 {
                // Fields of at most two digits: longer ones would overflow the seconds.
                let clock = parts[1].split(separator: ":").compactMap { $0.count <= 2 ? Int64($0) : nil }
                guard clock.count == 3 else { return nil }
                total += clock[0] * 3600 + clock[1] * 60 + clock[2]
            }
            // A date and time is wall-clock time in the column's zone.
            seconds = TimeZoneOffsets.utc(zone, fromLocal: total)
        }
        let (ticks, overflow) = seconds.multipliedReportingOverflow(by: scale)
        // The fraction may carry the ticks past Int64 (`9223372036.999999999` at precision 9).
        let (total, carried) = ticks.addingReportingOverflow(fraction)
        guard !overflow, !carried else { throw DatabaseError(.decimalOverflow, "Decimal math overflow") }
        return total
    }

    /// `YYYY-MM-DD[( |T)hh:mm:ss[.fraction]]` as seconds since the epoch on the wall clock (the fraction is
    /// dropped); `nil` when it is not such a text.
    static func parseDateTimeSeconds(_ text: String) -> Int? {
        var parts = text.split(separator: " ", maxSplits: 1)
        if parts.count == 1, let t = text.firstIndex(of: "T") {
            parts = [text[..<t], text[text.index(after: t)...]]
        }
        guard let first = parts.first, let days = parseDate(String(first)), days.magnitude < 4_000_000 else {
            return nil
        }
        var seconds = days * 86_400
        if parts.count == 2 {
            var clockText = parts[1]
            if let dot = clockText.firstIndex(of: "."), clockText[clockText.index(after: dot)...].allSatisfy(\.isNumber)
            {
                clockText = clockText[..<dot]
            }
            let fields = clockText.split(separator: ":", omittingEmptySubsequences: false)
            let clock = fields.compactMap { $0.count <= 2 ? Int($0) : nil }
            guard clock.count == 3, fields.count == 3 else { return nil }
            seconds += clock[0] * 3600 + clock[1] * 60 + clock[2]
        }
        return seconds
    }

    /// `YYYY-MM-DD` (also `YYYY-M-D` and `YYYYMMDD`). A day number is not a date's text (ClickHouse reads
    /// `'12345'` as no date; a number literal in VALUES is converted as `toDate(12345)` instead).
    static func parseDate(_ text: String) -> Int? {
        let fields = text.split(separator: "-")
        if fields.count == 1, text.count == 8, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let number = Int(text)
        {
            let (y, m, d) = (number / 10_000, number / 100 % 100, number % 100)
            guard (1...12).contains(m), (1...31).contains(d) else { return nil }
            return CivilCalendar.days(year: y, month: m, day: d)
        }

        // The year is bounded (0…9999): an arbitrary one would overflow the day arithmetic.
        guard fields.count == 3, let y = Int(fields[0]), (0...9999).contains(y), let m = Int(fields[1]),
            let d = Int(fields[2]), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        return CivilCalendar.days(year: y, month: m, day: d)
    }
}

/// A cursor over text in ClickHouse's quoted form (VALUES rows, arrays and tuples inside TSV/CSV).
struct TextCursor {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8], position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var atEnd: Bool { position >= bytes.count }
    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    func failure(_ expected: String) -> DatabaseError {
        let rest = String(decoding: bytes[min(position, bytes.count)..<min(bytes.count, position + 40)], as: UTF8.self)
        return DatabaseError(
            .cannotParseInputAssertionFailed, "Cannot parse input: expected \(expected) before: '\(rest)'")
    }

    mutating func skipSpaces() {
        while let c = current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { position += 1 }
    }

    mutating func expect(_ character: UInt8) throws {
        skipSpaces()
        guard current == character else { throw failure("'\(Character(Unicode.Scalar(character)))'") }
        position += 1
    }

    /// Reads `'…'` with backslash escapes and doubled quotes.
    mutating func quotedString() throws -> [UInt8] {
        try expect(UInt8(ascii: "'"))
        var out: [UInt8] = []
        while let c = current {
            position += 1
            if c == UInt8(ascii: "'") {
                if current == UInt8(ascii: "'") {
                    out.append(c)
                    position += 1
                    continue
                }
                return out
            }
            if c == 0x5C, let next = current {
                position += 1
                out.append(ValueText.unescaped(next))
                continue
            }
            out.append(c)
        }
        throw failure("closing quote")
    }

    /// Reads an unquoted token (a number, NULL, true…) up to a delimiter.
    mutating func bareToken() -> String {
        skipSpaces()
        let start = position
        while let c = current,
            ![
                UInt8(ascii: ","), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: ":"), UInt8(ascii: "}"), 0x09,
                0x0A, 0x20, 0x0D,
            ]
            .contains(c)
        {
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Reads one value of `type` in quoted form.
    mutating func quotedValue(type: DataType) throws -> Value {
        skipSpaces()
        let base = type.removingNullable.withoutLowCardinality
        if current == UInt8(ascii: "N") || current == UInt8(ascii: "n"), bytes.count >= position + 4,
            String(decoding: bytes[position..<position + 4], as: UTF8.self).uppercased() == "NULL"
        {
            position += 4
            return type.isNullable ? .null : type.defaultValue
        }
        switch base {
        case .map(let keyType, let valueType):
            // {key:value, …} as an array of (key, value) tuples.
            try expect(UInt8(ascii: "{"))
            var entries: [Value] = []
            skipSpaces()
            if current == UInt8(ascii: "}") {
                position += 1
                return .array([])
            }
            while true {
                let key = try quotedValue(type: keyType)
                try expect(UInt8(ascii: ":"))
                entries.append(.tuple([key, try quotedValue(type: valueType)]))
                skipSpaces()
                if current == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                return .array(entries)
            }
        case .array(let element):
            try expect(UInt8(ascii: "["))
            var items: [Value] = []
            skipSpaces()
            if current == UInt8(ascii: "]") {
                position += 1
                return .array([])
            }
            while true {
                items.append(try quotedValue(type: element))
                skipSpaces()
                if current == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                try expect(UInt8(ascii: "]"))
                return .array(items)
            }
        case .tuple(let elements, _):
            try expect(UInt8(ascii: "("))
            var items: [Value] = []
            for (index, element) in elements.enumerated() {
                if index > 0 { try expect(UInt8(ascii: ",")) }
                items.append(try quotedValue(type: element))
            }
            try expect(UInt8(ascii: ")"))
            return .tuple(items)
        case .string:
            return .string(try quotedString())
        case .fixedString(let width):
            return try ValueText.fixedString(try quotedString(), width: width)
        default:
            if current == UInt8(ascii: "'") {
                let text = String(decoding: try quotedString(), as: UTF8.self)
                return try ValueText.parseScalar(text, type: base)
            }
            return try ValueText.parseScalar(bareToken(), type: base)
        }
    }
}

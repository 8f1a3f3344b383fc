import SHColumns
import SHCore
import SHFormats

/// Value conversions between types, as ClickHouse's `toT`/`CAST` functions do them.
enum Conversion {
    static func convert(_ value: Value, from source: DataType, to target: DataType) throws -> Value {
        let base = target.removingNullable.withoutLowCardinality
        if case .string(let bytes) = value, source.removingNullable.withoutLowCardinality != base, base != .string {
            if case .fixedString(let width) = base {
                guard bytes.count <= width else {
                    throw DatabaseError(.tooLargeStringSize, "String too long for type FixedString(\(width))")
                }
                return value
            }
            return try parse(bytes, as: base)
        }
        if case .decimal(let precision, let scale) = source.removingNullable.withoutLowCardinality,
            DataType.decimalWidth(precision) <= 16, base.isNumber || base == .bool, let units = value.int128
        {
            // A decimal becomes a number through its value: whole units (toward zero) or a float.
            if base.isFloat { return .float(Double(units) / Double(DataType.powerOfTen(scale))) }
            return try convert(.int128(units / DataType.powerOfTen(scale)), from: .int64, to: target)
        }
        if case .decimal(_, let scale) = source.removingNullable.withoutLowCardinality, base.isNumber || base == .bool,
            case .wide(let units) = value
        {
            // A Decimal256 beyond Int128: through its whole units too.
            if base.isFloat { return .float(units.double / WideInteger.powerOfTen(scale).double) }
            let whole = units.quotientAndRemainder(dividingBy: WideInteger.powerOfTen(scale))?.quotient ?? .zero
            return try convert(.wide(whole), from: .int256, to: target)
        }
        switch base {
        case .string:
            if case .string = value, source.removingNullable.withoutLowCardinality != .ipv6 { return value }
            return .string(ValueRendering.text(value, source))
        case .fixedString: return value
        case .float32, .float64:
            if case .dateTime64(let precision, _) = source.removingNullable, case .int(let ticks) = value {
                return .float(Double(ticks) / Double(DataType.ticksPerSecond(precision)))
            }
            return .float(value.double ?? 0)
        case .int8, .int16, .int32, .int64:
            if case .dateTime64(let precision, _) = source.removingNullable, case .int(let ticks) = value {
                return .int(ticks / DataType.ticksPerSecond(precision))
            }
            if case .float(let v) = value { return .int(try integerBits(fromFloat: v, to: base)) }
            return .int(value.int64 ?? 0)
        case .uint8, .uint16, .uint32, .uint64:
            if case .dateTime64(let precision, _) = source.removingNullable, case .int(let ticks) = value {
                return .uint(UInt64(bitPattern: ticks / DataType.ticksPerSecond(precision)))
            }
            switch value {
            case .int(let v): return .uint(UInt64(bitPattern: v))
            case .float(let v): return .uint(UInt64(bitPattern: try integerBits(fromFloat: v, to: base)))
            default: return value
            }
        case .int128, .uint128, .int256, .uint256:
            // Integers wrap to the width (as a C++ cast); floats are truncated toward zero.
            var integer: WideInteger
            if case .dateTime64(let precision, _) = source.removingNullable, case .int(let ticks) = value {
                integer = WideInteger(ticks / DataType.ticksPerSecond(precision))
            } else if case .float(let v) = value {
                let float32 = source.removingNullable.withoutLowCardinality == .float32
                guard
                    let whole = float32
                        ? WideInteger(clickHouseConverting: Float(v)) : WideInteger(clickHouseConverting: v)
                else {
                    throw DatabaseError(.cannotConvertType, "Unexpected inf or nan to integer conversion")
                }
                integer = whole
            } else {
                integer = value.wideInteger ?? .zero
            }
            integer = integer.wrapped(toBytes: base.fixedWidth ?? 16, signed: base.isSignedInteger)
            return base.wideIntegerValue(integer) ?? base.defaultValue
        case .bool: return .uint(value.isTrue ? 1 : 0)
        case .date:
            switch (source.removingNullable.withoutLowCardinality, value) {
            case (.date, _): return value
            // From a wider date or time the day number wraps to UInt16, as in ClickHouse.
            case (.dateTime, .uint), (.dateTime64, .int), (.date32, .int):
                return .uint(UInt64(truncatingIfNeeded: try days(of: value, type: source)) & 0xFFFF)
            default: return .uint(try dateFromNumber(value))
            }
        case .dateTime(let zone):
            switch (source.removingNullable.withoutLowCardinality, value) {
            case (.dateTime, _): return value
            // A date is midnight on the zone's wall clock; from a date or a wider time the seconds wrap to UInt32,
            // as in ClickHouse.
            case (.date, .uint(let days)):
                let seconds = TimeZoneOffsets.utc(zone, fromLocal: Int64(days) * 86_400)
                return .uint(UInt64(bitPattern: seconds) & 0xFFFF_FFFF)
            case (.date32, .int(let days)):
                let seconds = TimeZoneOffsets.utc(zone, fromLocal: days &* 86_400)
                return .uint(UInt64(bitPattern: seconds) & 0xFFFF_FFFF)
            case (.dateTime64(let precision, _), .int(let ticks)):
                let seconds = floorDivide(ticks, DataType.ticksPerSecond(precision))
                return .uint(UInt64(bitPattern: seconds) & 0xFFFF_FFFF)
            default: return .uint(try dateTimeFromNumber(value))
            }
        case .date32:
            switch (source.removingNullable.withoutLowCardinality, value) {
            case (.date32, _): return value
            case (.date, .uint(let days)): return .int(Int64(days))
            case (.dateTime, .uint), (.dateTime64, .int):
                return .int(
                    Int64(min(max(try days(of: value, type: source), date32Days.lowerBound), date32Days.upperBound)))
            default: return .int(date32FromNumber(value))
            }
        case .dateTime64(let precision, let zone):
            let from = source.removingNullable.withoutLowCardinality
            if from == .date || from == .date32, let days = value.int64 {
                // A date is midnight on the zone's wall clock.
                // Saturated to the ticks' Int64 range (Date32's 9999-12-31 is beyond it at precision 9).
                let seconds = TimeZoneOffsets.utc(zone, fromLocal: days * 86_400)
                let (ticks, overflow) = seconds.multipliedReportingOverflow(by: DataType.ticksPerSecond(precision))
                return .int(overflow ? (seconds < 0 ? Int64.min : Int64.max) : ticks)
            }
            if from.isNumber || from.isDecimal || from == .bool {
                return .int(try dateTime64Ticks(fromNumber: value, precision: precision, zone: zone))
            }
            return .int(ticks(value, from: from, precision: precision))
        case .ipv4: return .uint(UInt64(truncatingIfNeeded: value.int64 ?? 0) & 0xFFFF_FFFF)
        case .ipv6:
            if source.removingNullable.withoutLowCardinality == .ipv4, case .uint(let v) = value {
                return .string(IPText.mapped(UInt32(truncatingIfNeeded: v)))
            }
            return value
        case .enum8(let elements), .enum16(let elements):
            // From another Enum by name; from a number, the code must be one of the type's values.
            if let names = source.removingNullable.withoutLowCardinality.enumElements, case .int(let code) = value,
                let name = names.first(where: { $0.value == code })?.name
            {
                return try parse(Array(name.utf8), as: base)
            }
            guard let code = value.int64, elements.contains(where: { $0.value == code }) else {
                throw DatabaseError(.unknownElementOfEnum, "Unexpected value \(value.int64 ?? 0) in enum")
            }
            return .int(code)
        case .decimal(let precision, let scale) where DataType.decimalWidth(precision) == 32 || value.holdsWide:
            let units = try wideDecimalUnits(value, from: source.removingNullable.withoutLowCardinality, scale: scale)
            guard let result = base.decimalValue(units) else {
                throw DatabaseError(.decimalOverflow, "Decimal convert overflow")
            }
            return result
        case .decimal(_, let scale):
            let units = try decimalUnits(value, from: source.removingNullable.withoutLowCardinality, scale: scale)
            guard let result = base.decimalValue(units) else {
                throw DatabaseError(.decimalOverflow, "Decimal convert overflow")
            }
            return result
        case .map(let keyType, let valueType):
            guard case .array(let items) = value else { return value }
            let (sourceKey, sourceValue) =
                if case .map(let k, let v) = source.removingNullable { (k, v) } else { (keyType, valueType) }
            return .array(
                try items.map { item in
                    guard case .tuple(let pair) = item, pair.count == 2 else { return item }
                    return .tuple([
                        try ColumnCast.castValue(pair[0], from: sourceKey, to: keyType),
                        try ColumnCast.castValue(pair[1], from: sourceValue, to: valueType),
                    ])
                })
        case .array(let inner):
            guard case .array(let items) = value else { return value }
            let sourceInner: DataType = if case .array(let s) = source.removingNullable { s } else { inner }
            return .array(try items.map { $0.isNull ? .null : try convert($0, from: sourceInner, to: inner) })
        default:
            return value
        }
    }

    /// A value as ticks of a `DateTime64(precision)`: numbers are seconds, dates and times are converted,
    /// another precision is rescaled (dropping digits toward zero, as ClickHouse does).
    static func ticks(_ value: Value, from source: DataType, precision: Int) -> Int64 {
        let scale = DataType.ticksPerSecond(precision)
        switch (source, value) {
        case (.dateTime64(let from, _), .int(let ticks)):
            return from >= precision
                ? ticks / DataType.ticksPerSecond(from - precision)
                : ticks.multipliedReportingOverflow(by: DataType.ticksPerSecond(precision - from)).partialValue
        case (.date, .uint(let days)): return Int64(days) * 86_400 * scale
        case (.date32, .int(let days)):
            let (ticks, overflow) = (days * 86_400).multipliedReportingOverflow(by: scale)
            return overflow ? (days < 0 ? Int64.min : Int64.max) : ticks
        case (_, .float(let v)):
            let scaled = (v * Double(scale)).rounded(.towardZero)
            return scaled.isFinite && abs(scaled) < 9.2e18 ? Int64(scaled) : 0
        default:
            let (ticks, overflow) = (value.int64 ?? 0).multipliedReportingOverflow(by: scale)
            return overflow ? 0 : ticks
        }
    }

    /// A number as an integer of 10^-scale units: decimals rescaled (dropping digits toward zero), integers
    /// multiplied, floats multiplied and truncated.
    static func decimalUnits(_ value: Value, from source: DataType, scale: Int) throws -> Int128 {
        let overflow = DatabaseError(.decimalOverflow, "Decimal convert overflow")
        if case .float(let v) = value {
            let scaled = (v * Double(DataType.powerOfTen(scale))).rounded(.towardZero)
            guard scaled.isFinite, abs(scaled) < 1.7e38 else {
                throw DatabaseError(.decimalOverflow, "Decimal convert overflow. Float is out of Decimal range")
            }
            return Int128(scaled)
        }
        let units = value.int128 ?? 0
        let from = if case .decimal(_, let s) = source { s } else { 0 }
        if from >= scale { return units / DataType.powerOfTen(from - scale) }
        let (result, overflowed) = units.multipliedReportingOverflow(by: DataType.powerOfTen(scale - from))
        guard !overflowed else { throw overflow }
        return result
    }

    /// As `decimalUnits(_:from:scale:)`, in integers of any width (for Decimal256 and wide sources).
    static func wideDecimalUnits(_ value: Value, from source: DataType, scale: Int) throws -> WideInteger {
        if case .float(let v) = value {
            let scaled = v * WideInteger.powerOfTen(scale).double
            guard let units = WideInteger(clickHouseConverting: scaled), units.fits(bytes: 32, signed: true) else {
                throw DatabaseError(.decimalOverflow, "Decimal convert overflow. Float is out of Decimal range")
            }
            return units
        }
        let units = value.wideInteger ?? .zero
        let from = if case .decimal(_, let s) = source { s } else { 0 }
        if from >= scale {
            return units.quotientAndRemainder(dividingBy: WideInteger.powerOfTen(from - scale))?.quotient ?? .zero
        }
        return units * WideInteger.powerOfTen(scale - from)
    }

    /// A float converted to an integer type as ClickHouse's `toIntN`/`toUIntN` do it on x86-64 (the value is
    /// truncated toward zero; out of range it becomes the conversion's "indefinite" minimum, then the bits are cut
    /// to the type's width): `toInt32(1e10)` is -2147483648, `toUInt8(-1.5)` 255, `toInt8(300.5)` 44,
    /// `toUInt64(1e20)` 9223372036854775808. NaN and infinities are CANNOT_CONVERT_TYPE. The result is the value
    /// as an Int64 (for unsigned types, its bit pattern).
    static func integerBits(fromFloat v: Double, to type: DataType) throws -> Int64 {
        guard v.isFinite else {
            throw DatabaseError(.cannotConvertType, "Unexpected inf or nan to integer conversion")
        }
        let t = v.rounded(.towardZero)
        let wide = Int64(exactly: t) ?? Int64.min
        switch type {
        case .int8, .uint8, .int16, .uint16, .int32:
            // Through a 32-bit conversion.
            let narrow = Int32(exactly: t) ?? Int32.min
            switch type {
            case .int8: return Int64(Int8(truncatingIfNeeded: narrow))
            case .uint8: return Int64(UInt8(truncatingIfNeeded: narrow))
            case .int16: return Int64(Int16(truncatingIfNeeded: narrow))
            case .uint16: return Int64(UInt16(truncatingIfNeeded: narrow))
            default: return Int64(narrow)
            }
        case .uint32: return Int64(UInt32(truncatingIfNeeded: wide))
        case .uint64:
            if t >= 0, let unsigned = UInt64(exactly: t) { return Int64(bitPattern: unsigned) }
            return wide
        default: return wide
        }
    }

    /// The day numbers of Date32 in ClickHouse 26.9: 0000-01-01 … 9999-12-31.
    static let date32Days = -719_528...2_932_896

    /// A number as an integer (floats truncated toward zero; NaN and infinities are an error, as in ClickHouse's
    /// conversions of floats to Date and DateTime), clamped to Int64.
    static func wholeNumber(_ value: Value) throws -> Int128 {
        switch value {
        case .float(let v):
            guard v.isFinite else {
                throw DatabaseError(.cannotConvertType, "Unexpected inf or nan to integer conversion")
            }
            let whole = v.rounded(.towardZero)
            return whole >= 1.7e38 ? Int128.max : whole <= -1.7e38 ? Int128.min : Int128(whole)
        default: return value.int128 ?? 0
        }
    }

    /// `toDate(number)`: up to 65535 a day number, above it a unix timestamp (saturated to DateTime's range);
    /// negative numbers are 1970-01-01. A float above 65535 is a timestamp too (`toDate(65535.5)` is day 0).
    static func dateFromNumber(_ value: Value) throws -> UInt64 {
        let number = try wholeNumber(value)
        let isSmall = if case .float(let v) = value { v <= 65_535 } else { number <= 65_535 }
        if isSmall { return UInt64(max(0, number)) }
        return UInt64(min(number, 0xFFFF_FFFF) / 86_400)
    }

    /// `toDateTime(number)`: seconds saturated to 0 … 4294967295 (floats truncated toward zero).
    static func dateTimeFromNumber(_ value: Value) throws -> UInt64 {
        UInt64(min(max(try wholeNumber(value), 0), 0xFFFF_FFFF))
    }

    /// `toDate32(number)`: a day number while it is within Date32's range, above it a unix timestamp; the
    /// result saturates to 0000-01-01 … 9999-12-31 (NaN is 0000-01-01, as in ClickHouse).
    static func date32FromNumber(_ value: Value) -> Int64 {
        let lower = Int128(date32Days.lowerBound)
        let upper = Int128(date32Days.upperBound)
        let number: Int128
        switch value {
        case .float(let v):
            if v.isNaN { return Int64(lower) }
            let whole = v.rounded(.towardZero)
            number = whole >= 1.7e38 ? Int128.max : whole <= -1.7e38 ? Int128.min : Int128(whole)
        default: number = value.int128 ?? 0
        }
        let days = number <= upper ? number : number / 86_400
        return Int64(min(max(days, lower), upper))
    }

    /// `toDateTime64(number, P[, zone])`: seconds as ticks, saturated to 0000-01-01 00:00:00 UTC … 9999-12-31
    /// 23:59:59.999… on the zone's wall clock (as ClickHouse bounds them) and to Int64 (the ticks' storage); NaN
    /// and infinities are an error.
    static func dateTime64Ticks(fromNumber value: Value, precision: Int, zone: String? = nil) throws -> Int64 {
        let scale = Int128(DataType.ticksPerSecond(precision))
        let lastSecond = Int128(TimeZoneOffsets.utc(zone, fromLocal: 253_402_300_799))
        let lower = max(Int128(Int64.min), -62_167_219_200 * scale)
        let upper = min(Int128(Int64.max), (lastSecond + 1) * scale - 1)
        let ticks: Int128
        switch value {
        case .float(let v):
            guard v.isFinite else {
                throw DatabaseError(
                    .decimalOverflow, "DateTime64 convert overflow. Cannot convert infinity or NaN to decimal")
            }
            let scaled = (v * Double(scale)).rounded(.towardZero)
            ticks = scaled >= 1e38 ? upper : scaled <= -1e38 ? lower : Int128(scaled)
        default:
            let (product, overflow) = (value.int128 ?? 0).multipliedReportingOverflow(by: scale)
            ticks = overflow ? ((value.int128 ?? 0) < 0 ? lower : upper) : product
        }
        return Int64(min(max(ticks, lower), upper))
    }

    /// `a mod b` with the sign of `b` (b > 0: 0 ..< b).
    static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
        let r = a % b
        return r != 0 && (r < 0) != (b < 0) ? r + b : r
    }

    /// `a / b` rounded toward minus infinity.
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Parses text into a value of `type` (`toInt32('12')`, `toDate('2024-01-02')`).
    static func parse(_ bytes: [UInt8], as type: DataType) throws -> Value {
        do {
            return try ValueText.parsePlain(bytes, type: type)
        } catch let error as DatabaseError
            where [
                .argumentOutOfBound, .unknownElementOfEnum, .cannotParseIPv4, .cannotParseIPv6, .decimalOverflow,
                .cannotParseNumber, .cannotParseUUID,
            ]
            .contains(error.code)
        {
            throw error
        } catch {
            let text = String(decoding: bytes, as: UTF8.self)
            switch type.removingNullable.withoutLowCardinality {
            case .date, .date32:
                throw DatabaseError(
                    .cannotParseDate,
                    "Cannot parse date: expected a date in the YYYY-MM-DD or YYYYMMDD format: while converting '\(text)' to \(type)"
                )
            case .dateTime, .dateTime64:
                throw DatabaseError(
                    .cannotParseDateTime, "Cannot read DateTime: unexpected word: while converting '\(text)' to \(type)"
                )
            default: break
            }
            throw DatabaseError(
                .cannotParseText,
                "Cannot parse string '\(String(decoding: bytes, as: UTF8.self))' as \(type): syntax error at begin of string"
            )
        }
    }

    /// The day number of a Date or DateTime value.
    static func days(of value: Value, type: DataType) throws -> Int {
        switch type.removingNullable.withoutLowCardinality {
        case .date, .date32: return Int(value.int64 ?? 0)
        case .dateTime(let zone):
            // The date on the zone's wall clock.
            let seconds = value.int64 ?? 0
            return Int(floorDivide(seconds + TimeZoneOffsets.offset(zone, atUTC: seconds), 86_400))
        case .dateTime64(let precision, let zone):
            // The date on the zone's wall clock.
            guard case .int(let ticks) = value else { return 0 }
            let seconds = floorDivide(ticks, DataType.ticksPerSecond(precision))
            return Int(floorDivide(seconds + TimeZoneOffsets.offset(zone, atUTC: seconds), 86_400))
        case .string:
            guard case .string(let bytes) = value, case .uint(let days) = try parse(bytes, as: .date) else { return 0 }
            return Int(days)
        default:
            throw DatabaseError(.illegalTypeOfArgument, "Illegal type \(type) of argument of function")
        }
    }
}

extension Value {
    /// Whether the value is a `.wide` integer.
    var holdsWide: Bool {
        if case .wide = self { true } else { false }
    }
}

import SHColumns
import SHCore
import SHFormats

/// Value conversions between types, as ClickHouse's `toT`/`CAST` functions do them.
enum Conversion {
    static func convert(_ value: Value, from source: DataType, to target: DataType) throws -> Value {
        let base = target.removingNullable.withoutLowCardinality
        if case .string(let bytes) = value, source.removingNullable.withoutLowCardinality != base, base != .string {
            if case .fixedString = base { return value }
            return try parse(bytes, as: base)
        }
        if case .decimal(_, let scale) = source.removingNullable.withoutLowCardinality, base.isNumber || base == .bool,
            let units = value.int128
        {
            // A decimal becomes a number through its value: whole units (toward zero) or a float.
            if base.isFloat { return .float(Double(units) / Double(DataType.powerOfTen(scale))) }
            return try convert(.int128(units / DataType.powerOfTen(scale)), from: .int64, to: target)
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
            if case .float(let v) = value {
                return .int(v.isFinite ? Int64(clamping: Int(exactly: v.rounded(.towardZero)) ?? 0) : 0)
            }
            return .int(value.int64 ?? 0)
        case .uint8, .uint16, .uint32, .uint64:
            if case .dateTime64(let precision, _) = source.removingNullable, case .int(let ticks) = value {
                return .uint(UInt64(bitPattern: ticks / DataType.ticksPerSecond(precision)))
            }
            switch value {
            case .int(let v): return .uint(UInt64(bitPattern: v))
            case .float(let v):
                return .uint(
                    v.isFinite && v >= 0 && v < 1.8e19
                        ? UInt64(v) : UInt64(bitPattern: Int64(clamping: Int(exactly: v.rounded(.towardZero)) ?? 0)))
            default: return value
            }
        case .bool: return .uint(value.isTrue ? 1 : 0)
        case .date:
            if source.removingNullable == .dateTime, case .uint(let seconds) = value { return .uint(seconds / 86_400) }
            if case .dateTime64 = source.removingNullable, case .int = value {
                return .uint(UInt64(clamping: try days(of: value, type: source)))
            }
            return .uint(UInt64(truncatingIfNeeded: value.int64 ?? 0) & 0xFFFF)
        case .dateTime:
            if source.removingNullable == .date, case .uint(let days) = value { return .uint(days * 86_400) }
            if source.removingNullable == .date32, case .int(let days) = value {
                return .uint(UInt64(bitPattern: days &* 86_400) & 0xFFFF_FFFF)
            }
            if case .dateTime64(let precision, _) = source.removingNullable, case .int(let ticks) = value {
                return .uint(UInt64(clamping: floorDivide(ticks, DataType.ticksPerSecond(precision))))
            }
            return .uint(UInt64(truncatingIfNeeded: value.int64 ?? 0) & 0xFFFF_FFFF)
        case .date32:
            switch (source.removingNullable.withoutLowCardinality, value) {
            case (.dateTime, .uint(let seconds)): return .int(Int64(seconds / 86_400))
            case (.dateTime64, .int):
                return .int(Int64(try days(of: value, type: source)))
            case (_, .float(let v)): return .int(v.isFinite ? Int64(Int32(clamping: Int(v.rounded(.towardZero)))) : 0)
            default: return .int(Int64(Int32(truncatingIfNeeded: value.int64 ?? 0)))
            }
        case .dateTime64(let precision, let zone):
            let from = source.removingNullable.withoutLowCardinality
            if from == .date || from == .date32, let days = value.int64 {
                // A date is midnight on the zone's wall clock.
                let seconds = TimeZoneOffsets.utc(zone, fromLocal: days * 86_400)
                return .int(seconds * DataType.ticksPerSecond(precision))
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
        case (.date32, .int(let days)): return days * 86_400 * scale
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
            where [.argumentOutOfBound, .unknownElementOfEnum, .cannotParseIPv4, .cannotParseIPv6].contains(error.code)
        {
            throw error
        } catch {
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
        case .dateTime: return Int((value.int64 ?? 0) / 86_400)
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

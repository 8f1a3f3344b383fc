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
        switch base {
        case .string:
            if case .string = value { return value }
            return .string(ValueRendering.text(value, source))
        case .fixedString: return value
        case .float32, .float64: return .float(value.double ?? 0)
        case .int8, .int16, .int32, .int64:
            if case .float(let v) = value {
                return .int(v.isFinite ? Int64(clamping: Int(exactly: v.rounded(.towardZero)) ?? 0) : 0)
            }
            return .int(value.int64 ?? 0)
        case .uint8, .uint16, .uint32, .uint64:
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
            return .uint(UInt64(truncatingIfNeeded: value.int64 ?? 0) & 0xFFFF)
        case .dateTime:
            if source.removingNullable == .date, case .uint(let days) = value { return .uint(days * 86_400) }
            return .uint(UInt64(truncatingIfNeeded: value.int64 ?? 0) & 0xFFFF_FFFF)
        case .array(let inner):
            guard case .array(let items) = value else { return value }
            let sourceInner: DataType = if case .array(let s) = source.removingNullable { s } else { inner }
            return .array(try items.map { $0.isNull ? .null : try convert($0, from: sourceInner, to: inner) })
        default:
            return value
        }
    }

    /// Parses text into a value of `type` (`toInt32('12')`, `toDate('2024-01-02')`).
    static func parse(_ bytes: [UInt8], as type: DataType) throws -> Value {
        do {
            return try ValueText.parsePlain(bytes, type: type)
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
        case .date: return Int(value.int64 ?? 0)
        case .dateTime: return Int((value.int64 ?? 0) / 86_400)
        case .string:
            guard case .string(let bytes) = value, case .uint(let days) = try parse(bytes, as: .date) else { return 0 }
            return Int(days)
        default:
            throw DatabaseError(.illegalTypeOfArgument, "Illegal type \(type) of argument of function")
        }
    }
}

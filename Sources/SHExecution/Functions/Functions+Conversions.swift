import SHColumns
import SHCore
import SHFormats

/// `DateTime64(P[, 'zone'])` from the constant arguments of `toDateTime64(x, P, zone)` or `now64(P, zone)`.
func dateTime64Type(_ name: String, _ constants: [Value?], precisionAt index: Int) throws -> DataType {
    var precision = 3
    if constants.count > index {
        let tooLarge = { (text: String) in
            DatabaseError(
                .argumentOutOfBound, "Scale \(text) is too large for DateTime64. Maximum is up to nanoseconds (9)")
        }
        switch constants[index] {
        case .uint(let v)?:
            guard v <= 9 else { throw tooLarge(String(v)) }
            precision = Int(v)
        case .int(let v)?:
            guard (0...9).contains(v) else { throw tooLarge(String(v)) }
            precision = Int(v)
        default:
            throw DatabaseError(
                .illegalTypeOfArgument, "Precision argument of function \(name) must be a constant integer 0…9")
        }
    }
    var zone: String?
    if constants.count > index + 1 {
        guard case .string(let bytes)? = constants[index + 1] else {
            throw DatabaseError(
                .illegalTypeOfArgument, "Time zone argument of function \(name) must be a constant string")
        }
        zone = String(decoding: bytes, as: UTF8.self)
    }
    return .dateTime64(precision, timeZone: zone)
}

extension FunctionRegistry {
    mutating func registerConversions() {
        let numeric: [(String, DataType)] = [
            ("toInt8", .int8), ("toInt16", .int16), ("toInt32", .int32), ("toInt64", .int64),
            ("toUInt8", .uint8), ("toUInt16", .uint16), ("toUInt32", .uint32), ("toUInt64", .uint64),
            ("toInt128", .int128), ("toUInt128", .uint128), ("toInt256", .int256), ("toUInt256", .uint256),
            ("toFloat32", .float32), ("toFloat64", .float64), ("toDate", .date), ("toDate32", .date32),
            ("toString", .string), ("toUUID", .uuid), ("toBool", .bool), ("toIPv4", .ipv4), ("toIPv6", .ipv6),
        ]
        for (name, target) in numeric {
            register(name) { types, constants, _ in
                try expectArguments(name, types, 1...2)
                var source = types[0]
                // toString(time, 'zone'): the text is that zone's wall-clock time.
                if name == "toString", types.count == 2, case .string(let bytes)? = constants[1] {
                    let zone = String(decoding: bytes, as: UTF8.self)
                    switch source.removingNullable.withoutLowCardinality {
                    case .dateTime: source = .dateTime(timeZone: zone)
                    case .dateTime64(let precision, _): source = .dateTime64(precision, timeZone: zone)
                    default:
                        throw DatabaseError(
                            .numberOfArgumentsDoesntMatch,
                            "Number of arguments for function toString doesn't match: passed 2, should be 1 (a zone is only for a time)"
                        )
                    }
                }
                return .rowwise(target.nullable(if: [types[0]])) { [source] args in
                    try Conversion.convert(args[0], from: source, to: target)
                }
            }
        }
        register("toDateTime") { types, constants, _ in
            // toDateTime(x[, 'zone']): the zone is the result type's (its text and calendar).
            try expectArguments("toDateTime", types, 1...2)
            // Without a zone argument the result keeps a DateTime or DateTime64 argument's zone, as in ClickHouse.
            var zone: String? = types[0].removingNullable.withoutLowCardinality.timeZone
            if types.count == 2 {
                guard case .string(let bytes)? = constants[1] else {
                    throw DatabaseError(
                        .illegalTypeOfArgument, "Time zone argument of function toDateTime must be a constant string")
                }
                zone = String(decoding: bytes, as: UTF8.self)
            }
            let target = DataType.dateTime(timeZone: zone)
            let source = types[0]
            return .rowwise(target.nullable(if: [source])) { args in
                try Conversion.convert(args[0], from: source, to: target)
            }
        }
        for (name, unit) in [
            ("toStartOfDay", Int64(86_400)), ("toStartOfHour", 3_600), ("toStartOfFifteenMinutes", 900),
            ("toStartOfFiveMinutes", 300), ("toStartOfMinute", 60),
        ] {
            register(name) { types, _, _ in
                try expectArguments(name, types, 1...2)
                let source = types[0].removingNullable.withoutLowCardinality
                let zone: String?
                switch source {
                case .dateTime(let z): zone = z
                case .dateTime64(_, let z): zone = z
                case .date where unit == 86_400, .date32 where unit == 86_400: zone = nil
                default:
                    throw DatabaseError(
                        .illegalTypeOfArgument, "Illegal argument of type \(source) for function \(name)")
                }
                let target = DataType.dateTime(timeZone: zone)
                return .rowwise(target.nullable(if: types)) { args in
                    // Rounded down on the zone's wall clock; the result saturates to DateTime's range.
                    let seconds: Int64
                    switch (source, args[0]) {
                    case (.date, .uint(let days)): seconds = Int64(days) * 86_400
                    case (.date32, .int(let days)): seconds = days * 86_400
                    case (.dateTime64(let precision, _), .int(let ticks)):
                        seconds = Conversion.floorDivide(ticks, DataType.ticksPerSecond(precision))
                    default: seconds = args[0].int64 ?? 0
                    }
                    let local =
                        seconds
                        + (source.isDateTime || source.isDateTime64 ? TimeZoneOffsets.offset(zone, atUTC: seconds) : 0)
                    let start = TimeZoneOffsets.utc(zone, fromLocal: local - Conversion.floorModulo(local, unit))
                    return .uint(UInt64(min(max(start, 0), 0xFFFF_FFFF)))
                }
            }
        }
        register("toUnixTimestamp") { types, constants, _ in
            try expectArguments("toUnixTimestamp", types, 1...2)
            let source = types[0].removingNullable.withoutLowCardinality
            // toUnixTimestamp(string, 'zone'): the text is that zone's wall-clock time.
            var zone: String?
            if types.count == 2, case .string(let bytes)? = constants[1] {
                zone = String(decoding: bytes, as: UTF8.self)
            }
            let textType = DataType.dateTime(timeZone: zone)
            return .rowwise(DataType.uint32.nullable(if: types)) { args in
                switch (source, args[0]) {
                case (.dateTime64(let precision, _), .int(let ticks)):
                    let seconds = Conversion.floorDivide(ticks, DataType.ticksPerSecond(precision))
                    guard (0...0xFFFF_FFFF).contains(seconds) else {
                        throw DatabaseError(.decimalOverflow, "Convert overflow")
                    }
                    return .uint(UInt64(seconds))
                case (.string, .string(let bytes)):
                    do {
                        return try Conversion.convert(.string(bytes), from: .string, to: textType)
                    } catch {
                        throw DatabaseError(
                            .cannotParseDateTime,
                            "Cannot read DateTime: unexpected word: Cannot parse UInt32 from String")
                    }
                case (.date, _), (.date32, _), (.dateTime, _):
                    return try Conversion.convert(args[0], from: source, to: .dateTime)
                default:
                    // A number: its seconds wrap to UInt32, as in ClickHouse (`toUnixTimestamp(-1)` is 4294967295).
                    let whole = try Conversion.wholeNumber(args[0])
                    return .uint(UInt64(truncatingIfNeeded: whole) & 0xFFFF_FFFF)
                }
            }
        }
        // `_CAST` is the name ClickHouse gives the conversions it adds itself (a query parameter's value).
        let cast: FunctionResolver = { types, constants, _ in
            try expectArguments("CAST", types, 2...2)
            guard case .string(let name)? = constants[1] else {
                throw DatabaseError(
                    .illegalTypeOfArgument, "Second argument to CAST must be a constant string describing type")
            }
            let target = try DataType(parsing: String(decoding: name, as: UTF8.self))
            let source = types[0]
            return .rowwise(target, nullPropagating: false) { args in
                if args[0].isNull {
                    guard target.isNullable else {
                        throw DatabaseError(.cannotConvertType, "Cannot convert NULL value to non-Nullable type")
                    }
                    return .null
                }
                return try Conversion.convert(args[0], from: source.removingNullable, to: target.removingNullable)
            }
        }
        register("CAST", caseInsensitive: true, cast)
        register("_CAST", cast)
        register("toDateTime64") { types, constants, _ in
            try expectArguments("toDateTime64", types, 2...3)
            var requested = try dateTime64Type("toDateTime64", constants, precisionAt: 1)
            // Without a zone argument the result keeps a DateTime or DateTime64 argument's zone, as in ClickHouse.
            if types.count == 2, case .dateTime64(let precision, nil) = requested,
                let zone = types[0].removingNullable.withoutLowCardinality.timeZone
            {
                requested = .dateTime64(precision, timeZone: zone)
            }
            let target = requested
            let source = types[0]
            return .rowwise(target.nullable(if: [source])) { args in
                try Conversion.convert(args[0], from: source, to: target)
            }
        }
        for (name, precision) in [("toDecimal32", 9), ("toDecimal64", 18), ("toDecimal128", 38), ("toDecimal256", 76)] {
            register(name) { types, constants, _ in
                try expectArguments(name, types, 2...2)
                guard let scaleValue = constants[1], var scale = scaleValue.int64 else {
                    throw DatabaseError(.illegalColumn, "Second argument for function \(name) must be a constant")
                }
                // ClickHouse reads the scale as a UInt32: a huge UInt64 is reported by its low 32 bits.
                if case .uint(let v) = scaleValue { scale = Int64(UInt32(truncatingIfNeeded: v)) }
                guard (0...Int64(precision)).contains(scale) else {
                    throw DatabaseError(
                        .argumentOutOfBound, "Scale \(scale) is out of bounds (max scale: \(precision))")
                }
                let target = DataType.decimal(precision: precision, scale: Int(scale))
                let source = types[0]
                return .rowwise(target.nullable(if: [source])) { args in
                    try Conversion.convert(args[0], from: source, to: target)
                }
            }
        }
        register("toFixedString") { types, constants, _ in
            try expectArguments("toFixedString", types, 2...2)
            guard let width = constants[1]?.int64, width > 0 else {
                if case .uint? = constants[1] {
                    throw DatabaseError(.argumentOutOfBound, "FixedString size is too large")
                }
                throw DatabaseError(
                    .illegalColumn, "Second argument for function toFixedString must be a positive constant")
            }
            // ClickHouse's limit: a FixedString(N) column takes N bytes per row.
            guard width <= 0xFF_FFFF else { throw DatabaseError(.argumentOutOfBound, "FixedString size is too large") }
            return .rowwise(DataType.fixedString(Int(width)).nullable(if: [types[0]])) { args in
                guard case .string(let bytes) = args[0], bytes.count <= Int(width) else {
                    throw DatabaseError(.tooLargeStringSize, "String too long for type FixedString(\(width))")
                }
                return .string(bytes)
            }
        }
        register("toTypeName") { types, _, _ in
            try expectArguments("toTypeName", types, 1...1)
            let name = Value.string(types[0].description)
            return .rowwise(.string, nullPropagating: false) { _ in name }
        }
        let yearMonthDay: [(String, @Sendable (Int, Int, Int) -> Int)] = [
            ("toYYYYMM", { y, m, _ in y * 100 + m }), ("toYYYYMMDD", { y, m, d in y * 10000 + m * 100 + d }),
        ]
        for (name, number) in yearMonthDay {
            register(name) { types, _, _ in
                try expectArguments(name, types, 1...1)
                try requireDateOrTime(types[0], name)
                let source = types[0]
                return .rowwise(DataType.uint32.nullable(if: types)) { args in
                    let (y, m, d) = CivilCalendar.date(fromDays: try Conversion.days(of: args[0], type: source))
                    return .uint(UInt64(number(y, m, d)))
                }
            }
        }
        for (name, part) in [("toYear", 0), ("toMonth", 1), ("toDayOfMonth", 2)] {
            register(name) { types, _, _ in
                try expectArguments(name, types, 1...1)
                try requireDateOrTime(types[0], name, orInterval: true)
                let source = types[0]
                let type: DataType = part == 0 ? .uint16 : .uint8
                return .rowwise(type.nullable(if: types)) { args in
                    let (y, m, d) = CivilCalendar.date(fromDays: try Conversion.days(of: args[0], type: source))
                    return .uint(UInt64([y, m, d][part]))
                }
            }
        }
        register("toStartOfMonth") { types, _, _ in
            try expectArguments("toStartOfMonth", types, 1...1)
            try requireDateOrTime(types[0], "toStartOfMonth")
            let source = types[0]
            return .rowwise(DataType.date.nullable(if: types)) { args in
                let (y, m, _) = CivilCalendar.date(fromDays: try Conversion.days(of: args[0], type: source))
                // The result is a Date: days outside its range saturate (Date32 and DateTime64 arguments).
                return .uint(UInt64(min(max(CivilCalendar.days(year: y, month: m, day: 1), 0), 65_535)))
            }
        }
    }
}

/// The check of ClickHouse's calendar functions (toYYYYMM, toYear…): the argument is a date or a time.
private func requireDateOrTime(_ type: DataType, _ name: String, orInterval: Bool = false) throws {
    let base = type.removingNullable.withoutLowCardinality
    guard !base.isDateOrTime, base != .nothing else { return }
    throw DatabaseError(
        .illegalTypeOfArgument,
        "Illegal type \(base) of argument of function \(name). Should be Date, Date32, DateTime\(orInterval ? ", DateTime64 or Interval" : " or DateTime64")"
    )
}

import SHColumns
import SHCore
import SHFormats

/// `DateTime64(P[, 'zone'])` from the constant arguments of `toDateTime64(x, P, zone)` or `now64(P, zone)`.
func dateTime64Type(_ name: String, _ constants: [Value?], precisionAt index: Int) throws -> DataType {
    var precision = 3
    if constants.count > index {
        guard let value = constants[index]?.int64, (0...9).contains(value) else {
            throw DatabaseError(
                .illegalTypeOfArgument, "Precision argument of function \(name) must be a constant integer 0…9")
        }
        precision = Int(value)
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
            ("toFloat32", .float32), ("toFloat64", .float64), ("toDate", .date), ("toDate32", .date32),
            ("toDateTime", .dateTime),
            ("toString", .string), ("toUUID", .uuid), ("toBool", .bool), ("toIPv4", .ipv4), ("toIPv6", .ipv6),
        ]
        for (name, target) in numeric {
            register(name) { types, _, _ in
                try expectArguments(name, types, 1...2)
                let source = types[0]
                return .rowwise(target.nullable(if: [source])) { args in
                    try Conversion.convert(args[0], from: source, to: target)
                }
            }
        }
        register("CAST", caseInsensitive: true) { types, constants, _ in
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
        register("toDateTime64") { types, constants, _ in
            try expectArguments("toDateTime64", types, 2...3)
            let target = try dateTime64Type("toDateTime64", constants, precisionAt: 1)
            let source = types[0]
            return .rowwise(target.nullable(if: [source])) { args in
                try Conversion.convert(args[0], from: source, to: target)
            }
        }
        for (name, precision) in [("toDecimal32", 9), ("toDecimal64", 18), ("toDecimal128", 38)] {
            register(name) { types, constants, _ in
                try expectArguments(name, types, 2...2)
                guard let scale = constants[1]?.int64 else {
                    throw DatabaseError(.illegalColumn, "Second argument for function \(name) must be a constant")
                }
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
                throw DatabaseError(
                    .illegalColumn, "Second argument for function toFixedString must be a positive constant")
            }
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
        register("toYYYYMM") { types, _, _ in
            try expectArguments("toYYYYMM", types, 1...1)
            let source = types[0]
            return .rowwise(DataType.uint32.nullable(if: types)) { args in
                let days = try Conversion.days(of: args[0], type: source)
                let (y, m, _) = CivilCalendar.date(fromDays: days)
                return .uint(UInt64(y * 100 + m))
            }
        }
        register("toYYYYMMDD") { types, _, _ in
            try expectArguments("toYYYYMMDD", types, 1...1)
            let source = types[0]
            return .rowwise(DataType.uint32.nullable(if: types)) { args in
                let (y, m, d) = CivilCalendar.date(fromDays: try Conversion.days(of: args[0], type: source))
                return .uint(UInt64(y * 10000 + m * 100 + d))
            }
        }
        for (name, part) in [("toYear", 0), ("toMonth", 1), ("toDayOfMonth", 2)] {
            register(name) { types, _, _ in
                try expectArguments(name, types, 1...1)
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
            let source = types[0]
            return .rowwise(DataType.date.nullable(if: types)) { args in
                let (y, m, _) = CivilCalendar.date(fromDays: try Conversion.days(of: args[0], type: source))
                // The result is a Date: days outside its range saturate (Date32 and DateTime64 arguments).
                return .uint(UInt64(min(max(CivilCalendar.days(year: y, month: m, day: 1), 0), 65_535)))
            }
        }
    }
}

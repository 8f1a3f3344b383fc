import SHColumns
import SHCore

/// Calendar functions real table keys use: `toUnixTimestamp64Second/Milli/Micro/Nano` (DateTime64 ticks at another
/// scale, truncated toward zero), `toMonday`, `toStartOfWeek`, `toRelativeDayNum`.
extension FunctionRegistry {
    mutating func registerDateTime() {
        for (name, scale) in [
            ("toUnixTimestamp64Second", 0), ("toUnixTimestamp64Milli", 3), ("toUnixTimestamp64Micro", 6),
            ("toUnixTimestamp64Nano", 9),
        ] {
            register(name) { types, _, _ in
                try expectArguments(name, types, 1...1)
                guard case .dateTime64(let precision, _) = types[0].removingNullable.withoutLowCardinality else {
                    throw DatabaseError(
                        .illegalTypeOfArgument,
                        "A value of illegal type was provided as 1st argument 'value' to function '\(name)'. Expected: DateTime64, got: \(types[0])"
                    )
                }
                return .rowwise(DataType.int64.nullable(if: types)) { args in
                    guard case .int(let ticks) = args[0] else { return .null }
                    if scale >= precision {
                        let (scaled, overflow) = ticks.multipliedReportingOverflow(
                            by: DataType.ticksPerSecond(scale - precision))
                        guard !overflow else { throw DatabaseError(.decimalOverflow, "Convert overflow") }
                        return .int(scaled)
                    }
                    return .int(ticks / DataType.ticksPerSecond(precision - scale))
                }
            }
        }
        // Week starts: toMonday; toStartOfWeek(x[, mode]) starts on Sunday for even modes, Monday for odd ones.
        for name in ["toMonday", "toStartOfWeek"] {
            register(name) { types, constants, _ in
                try expectArguments(name, types, name == "toMonday" ? 1...1 : 1...2)
                try requireCalendarArgument(types[0], name)
                var monday = name == "toMonday"
                if types.count == 2 {
                    guard let mode = constants[1]?.int64 else {
                        throw DatabaseError(
                            .illegalColumn, "Illegal column of second argument of function \(name), must be constant")
                    }
                    monday = mode & 1 == 1
                }
                let source = types[0]
                let startsMonday = monday
                return .rowwise(DataType.date.nullable(if: [types[0]])) { args in
                    let days = try Conversion.days(of: args[0], type: source)
                    // 1970-01-01 was a Thursday.
                    let back = Conversion.floorModulo(Int64(days) + (startsMonday ? 3 : 4), 7)
                    return .uint(UInt64(min(max(Int64(days) - back, 0), 65_535)))
                }
            }
        }
        register("toRelativeDayNum") { types, _, _ in
            try expectArguments("toRelativeDayNum", types, 1...1)
            try requireCalendarArgument(types[0], "toRelativeDayNum")
            let source = types[0]
            return .rowwise(DataType.uint32.nullable(if: types)) { args in
                let days = try Conversion.days(of: args[0], type: source)
                return .uint(UInt64(UInt32(truncatingIfNeeded: days)))
            }
        }
    }
}

/// ClickHouse's check of a calendar function's argument (Date, Date32, DateTime or DateTime64).
private func requireCalendarArgument(_ type: DataType, _ name: String) throws {
    let base = type.removingNullable.withoutLowCardinality
    guard !base.isDateOrTime, base != .nothing else { return }
    throw DatabaseError(
        .illegalTypeOfArgument,
        "Illegal type \(base) of argument of function \(name). Should be Date, Date32, DateTime or DateTime64")
}

import SHColumns
import SHCore

/// Calendar arithmetic: `addSeconds` … `addYears` and `subtractSeconds` … `subtractYears`, which `x + INTERVAL n
/// unit` (`plus(x, toIntervalUnit(n))`) means (see ``IntervalArithmetic``), as TTL expressions and defaults use them.
/// Results as ClickHouse's: a Date plus days, weeks, months, quarters or years stays a Date (months clamp the day to
/// the month's end: 2020-01-31 + 1 month is 2020-02-29); a Date plus seconds, minutes or hours becomes a DateTime at
/// UTC midnight; DateTime and DateTime64 keep their type and zone. Month arithmetic of a DateTime in a zone other
/// than UTC is not done yet (NOT_IMPLEMENTED): it would need the zone's wall clock.
extension FunctionRegistry {
    /// The interval units, their function suffixes, and their length in seconds (nil for calendar months).
    static let intervalUnits: [(name: String, seconds: Int64?, months: Int64)] = [
        ("Second", 1, 0), ("Minute", 60, 0), ("Hour", 3600, 0), ("Day", 86_400, 0), ("Week", 604_800, 0),
        ("Month", nil, 1), ("Quarter", nil, 3), ("Year", nil, 12),
    ]

    mutating func registerDateArithmetic() {
        for unit in Self.intervalUnits {
            for (prefix, sign) in [("add", Int64(1)), ("subtract", Int64(-1))] {
                let name = prefix + unit.name + "s"
                register(name) { types, _, _ in
                    try expectArguments(name, types, 2...2)
                    let source = types[0].removingNullable.withoutLowCardinality
                    guard types[1].removingNullable.withoutLowCardinality.isInteger else {
                        throw illegalType(types[1], argument: 2, of: name)
                    }
                    let step = DateStep(seconds: unit.seconds.map { $0 * sign }, months: unit.months * sign)
                    let (result, apply) = try step.function(for: source, name: name)
                    return .rowwise(result.nullable(if: types)) { args in
                        guard let amount = args[1].int64, args[0] != .null else { return .null }
                        return try apply(args[0], amount)
                    }
                }
            }
        }
    }
}

/// One unit of calendar arithmetic: a fixed number of seconds, or a number of months.
private struct DateStep: Sendable {
    var seconds: Int64?
    var months: Int64

    /// The result type and the row function of `x + amount * step` for an `x` of type `source`.
    func function(for source: DataType, name: String) throws -> (DataType, @Sendable (Value, Int64) throws -> Value) {
        switch (source, seconds) {
        case (.date, let seconds?) where seconds % 86_400 != 0:
            return (
                .dateTime(timeZone: nil),
                { value, amount in
                    let days = (value.int64 ?? 0)
                    return .uint(
                        UInt64(truncatingIfNeeded: UInt32(truncatingIfNeeded: days &* 86_400 &+ amount &* seconds)))
                }
            )
        case (.date, let seconds?):
            let days = seconds / 86_400
            return (
                .date,
                { value, amount in
                    .uint(UInt64(UInt16(truncatingIfNeeded: (value.int64 ?? 0) &+ amount &* days)))
                }
            )
        case (.date, nil):
            return (
                .date,
                { value, amount in
                    .uint(UInt64(UInt16(truncatingIfNeeded: Self.addMonths((value.int64 ?? 0), monthCount(amount)))))
                }
            )
        case (.date32, let seconds?) where seconds % 86_400 == 0:
            let days = seconds / 86_400
            return (.date32, { value, amount in .int((value.int64 ?? 0) &+ amount &* days) })
        case (.date32, nil):
            return (.date32, { value, amount in .int(Self.addMonths(value.int64 ?? 0, monthCount(amount))) })
        case (.dateTime(let zone), _):
            try Self.requireUTC(zone, months: seconds == nil, name: name)
            return (
                source,
                { value, amount in
                    let time = (value.int64 ?? 0)
                    return .uint(UInt64(UInt32(truncatingIfNeeded: try self.add(time, amount, scale: 1))))
                }
            )
        case (.dateTime64(let precision, let zone), _):
            try Self.requireUTC(zone, months: seconds == nil, name: name)
            let scale = DataType.ticksPerSecond(precision)
            return (source, { value, amount in .int(try self.add(value.int64 ?? 0, amount, scale: scale)) })
        default:
            throw DatabaseError(
                .illegalTypeOfArgument,
                "Illegal type \(source) of first argument of function \(name). Should be a date or a date with time")
        }
    }

    /// `time` (in units of 1/`scale` s) plus `amount` steps; months keep the time of day and clamp the day.
    private func add(_ time: Int64, _ amount: Int64, scale: Int64) throws -> Int64 {
        if let seconds {
            let (delta, overflow) = (amount &* seconds).multipliedReportingOverflow(by: scale)
            guard !overflow else { throw DatabaseError(.decimalOverflow, "Date arithmetic overflow") }
            return time &+ delta
        }
        let perDay = 86_400 * scale
        let days = Conversion.floorDivide(time, perDay)
        let withinDay = time - days * perDay
        return Self.addMonths(days, monthCount(amount)) &* perDay &+ withinDay
    }

    /// `amount` steps in months, saturating (a SQL amount may be any Int64).
    private func monthCount(_ amount: Int64) -> Int64 {
        let (product, overflow) = amount.multipliedReportingOverflow(by: months)
        guard overflow else { return product }
        return (amount < 0) != (months < 0) ? Int64.min : Int64.max
    }

    /// The range of days and months calendar arithmetic works in (about ±100,000 years): beyond it every result wraps
    /// in its type anyway, and the calendar's own arithmetic must not overflow.
    static let dayLimit: Int64 = 36_600_000
    static let monthLimit: Int64 = 1_200_000

    /// `days` (since 1970-01-01) plus `months` calendar months, the day clamped to the month's last day.
    static func addMonths(_ days: Int64, _ months: Int64) -> Int64 {
        let (year, month, day) = CivilCalendar.date(fromDays: Int(min(max(days, -dayLimit), dayLimit)))
        let total = Int64(year) * 12 + Int64(month - 1) + min(max(months, -monthLimit), monthLimit)
        let newYear = Int(clamping: Conversion.floorDivide(total, 12))
        let newMonth = Int(Conversion.floorModulo(total, 12)) + 1
        let first = CivilCalendar.days(year: newYear, month: newMonth, day: 1)
        let next =
            newMonth == 12
            ? CivilCalendar.days(year: newYear + 1, month: 1, day: 1)
            : CivilCalendar.days(year: newYear, month: newMonth + 1, day: 1)
        return Int64(first + min(day, next - first) - 1)
    }

    static func requireUTC(_ zone: String?, months: Bool, name: String) throws {
        guard months, let zone, zone != "UTC" else { return }
        throw DatabaseError(.notImplemented, "\(name) of a DateTime in time zone \(zone) is not supported yet")
    }
}

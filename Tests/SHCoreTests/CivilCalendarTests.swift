import SHCore
import Testing

/// Day numbers of dates, from chdb 26.9: `SELECT toInt32(toDate32('1970-01-01')), toInt32(toDate32('1969-12-31')), …`.
@Suite struct CivilCalendarTests {
    static let cases: [(days: Int, year: Int, month: Int, day: Int)] = [
        (0, 1970, 1, 1),
        (-1, 1969, 12, 31),
        (-25567, 1900, 1, 1),
        (11016, 2000, 2, 29),
        (19753, 2024, 1, 31),
        (19782, 2024, 2, 29),
        (47541, 2100, 3, 1),
        (65535, 2149, 6, 6),
        (120_529, 2299, 12, 31),
    ]

    @Test(arguments: cases.indices)
    func dayNumbersMatchClickHouse(_ index: Int) {
        let c = Self.cases[index]
        #expect(CivilCalendar.days(year: c.year, month: c.month, day: c.day) == c.days)
        let date = CivilCalendar.date(fromDays: c.days)
        #expect(date.year == c.year && date.month == c.month && date.day == c.day)
    }
}

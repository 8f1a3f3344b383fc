import Foundation

/// `YYYY-MM-DD hh:mm:ss` in UTC, as ClickHouse writes a backup manifest's `<timestamp>` and its `status` file.
public enum UTCTimestamp {
    /// The text of `date`, to the second.
    public static func text(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var second = seconds % 86_400
        if second < 0 {
            days -= 1
            second += 86_400
        }
        let (y, m, d) = CivilCalendar.date(fromDays: days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d)) \(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))"
    }

    /// The date of a `YYYY-MM-DD hh:mm:ss` text read as UTC; nil when the text is not one.
    public static func date(_ text: String) -> Date? {
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})/),
            let year = Int(match.1), let month = Int(match.2), let day = Int(match.3), let hour = Int(match.4),
            let minute = Int(match.5), let second = Int(match.6), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second))
    }
}

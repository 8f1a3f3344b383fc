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
}

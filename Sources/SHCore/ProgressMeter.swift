import Foundation

/// One line of progress as a terminal shows it: a bar, the percent, what is done of the total, the rate, the time
/// elapsed and the time left (estimated from the rate so far).
public struct ProgressMeter: Sendable {
    /// What is done (bytes, or rows).
    public var done: UInt64
    /// What there is to do; 0 when not known (no bar, percent or time left then).
    public var total: UInt64
    /// Seconds since the work started.
    public var elapsed: Double
    /// Cells in the bar.
    public static let barWidth = 20

    public init(done: UInt64, total: UInt64, elapsed: Double) {
        self.done = done
        self.total = total
        self.elapsed = elapsed
    }

    /// Of the whole, 0...1; nil when the total is unknown.
    public var fraction: Double? { total > 0 ? min(1, Double(done) / Double(total)) : nil }

    /// Per second so far; 0 before any time has passed.
    public var rate: Double { elapsed > 0 ? Double(done) / elapsed : 0 }

    /// Seconds left at the rate so far; nil when the total or the rate is unknown.
    public var remaining: Double? {
        guard total > 0, rate > 0 else { return nil }
        return Double(total > done ? total - done : 0) / rate
    }

    /// `[██████░░░░░░░░░░░░░░]  31%`, or empty when the total is unknown.
    public var bar: String {
        guard let fraction else { return "" }
        let filled = Int((fraction * Double(Self.barWidth)).rounded(.down))
        let percent = Int((fraction * 100).rounded(.down))
        let cells = String(repeating: "█", count: filled) + String(repeating: "░", count: Self.barWidth - filled)
        return "[\(cells)] " + String(format: "%3d%%", percent)
    }

    /// `elapsed 0:07, left 0:13` (no `left` while it is unknown).
    public var times: String {
        var text = "elapsed \(Self.clock(elapsed))"
        if let remaining { text += ", left \(Self.clock(remaining))" }
        return text
    }

    /// `1:05`, `1:02:05`.
    public static func clock(_ seconds: Double) -> String {
        let whole = Int(max(0, min(seconds, 359_999)).rounded())
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }

    /// Decimal units as ClickHouse prints sizes in progress: `912 B`, `1.20 MB`, `3.40 GB`.
    public static func bytes(_ count: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB"]
        var value = count
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(Int(value)) B" : String(format: "%.2f", value) + " " + units[unit]
    }

    /// `912 rows`, `1.20 thousand rows`, `3.40 million rows`, as ClickHouse's client counts rows.
    public static func rows(_ count: Double) -> String {
        let units = ["", " thousand", " million", " billion", " trillion"]
        var value = count
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(Int(value)) rows" : String(format: "%.2f", value) + units[unit] + " rows"
    }
}

import Foundation

/// UTC offsets of named time zones (the system's tz database), for `DateTime64(P, 'zone')` columns, whose
/// text is the zone's wall-clock time. SwiftHouse otherwise works in UTC.
public enum TimeZoneOffsets {
    /// The zone's offset from UTC, in seconds, at `seconds` since the epoch (0 for UTC and unknown zones).
    public static func offset(_ zone: String?, atUTC seconds: Int64) -> Int64 {
        guard let zone, zone != "UTC", let timeZone = TimeZone(identifier: zone) else { return 0 }
        return Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    /// The UTC seconds of a wall-clock time in the zone. As in ClickHouse, a time read twice (a daylight-saving
    /// overlap) is the earlier instant, and a time that does not exist (a gap) is read with the offset after the
    /// transition (`2024-03-10 02:30:00` in New York is 06:30 UTC, shown as 01:30 EST).
    public static func utc(_ zone: String?, fromLocal local: Int64) -> Int64 {
        guard let zone, zone != "UTC" else { return local }
        // The offsets a day before and after (zones change their offset at most once in two days).
        let before = offset(zone, atUTC: local &- 86_400)
        let after = offset(zone, atUTC: local &+ 86_400)
        let candidates = Set([local &- before, local &- after]).filter { local &- offset(zone, atUTC: $0) == $0 }
        if let earliest = candidates.min() { return earliest }
        return local &- after
    }
}

import Foundation

/// UTC offsets of named time zones (the system's tz database), for `DateTime64(P, 'zone')` columns, whose
/// text is the zone's wall-clock time. SwiftHouse otherwise works in UTC.
public enum TimeZoneOffsets {
    /// The zone's offset from UTC, in seconds, at `seconds` since the epoch (0 for UTC and unknown zones).
    public static func offset(_ zone: String?, atUTC seconds: Int64) -> Int64 {
        guard let zone, zone != "UTC", let timeZone = TimeZone(identifier: zone) else { return 0 }
        return Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    /// The UTC seconds of a wall-clock time in the zone (times in a daylight-saving gap or overlap resolve
    /// to one of their readings).
    public static func utc(_ zone: String?, fromLocal local: Int64) -> Int64 {
        guard let zone, zone != "UTC" else { return local }
        let first = local - offset(zone, atUTC: local)
        return local - offset(zone, atUTC: first)
    }
}

import SHCore

/// ClickHouse's partition id: `all` without a partition key; for integral keys (incl. Date, DateTime) the
/// values joined by `-` (Date as YYYYMMDD, DateTime as its seconds, Bool as 0/1); other keys use a SipHash128
/// (not yet).
public enum PartitionID {
    public static func compute(values: [Value], types: [DataType]) throws -> String {
        guard !values.isEmpty else { return "all" }
        var parts: [String] = []
        for (value, type) in zip(values, types) {
            switch (type.removingNullable.withoutLowCardinality, value) {
            case (.date, .uint(let days)):
                let (y, m, d) = CivilCalendar.date(fromDays: Int(days))
                parts.append(String(y * 10000 + m * 100 + d))
            case (.dateTime64, _), (.decimal, _):
                throw DatabaseError(
                    .notImplemented, "Partition keys of type \(type) are not supported yet (only integers and dates)")
            case (_, .uint(let v)): parts.append(String(v))
            case (_, .int(let v)): parts.append(String(v))
            default:
                throw DatabaseError(
                    .notImplemented, "Partition keys of type \(type) are not supported yet (only integers and dates)")
            }
        }
        return parts.joined(separator: "-")
    }
}

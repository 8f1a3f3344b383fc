import SHCore
import SHSQL

/// The MergeTree settings SwiftHouse honours (others given in `SETTINGS` are kept in the definition).
public struct MergeTreeSettings: Sendable {
    public var indexGranularity = 8192
    /// Parts smaller than this many uncompressed bytes are written Compact, larger ones Wide.
    public var minBytesForWidePart = 10_485_760

    public init() {}

    public init(_ assignments: [SettingAssignment]) throws {
        for assignment in assignments {
            guard case .literal(let literal) = assignment.value else { continue }
            let number: Int? =
                switch literal {
                // Clamped: `index_granularity = 18446744073709551615` is accepted by ClickHouse; Int(v) traps.
                case .unsignedInteger(let v): Int(clamping: v)
                case .integer(let v): Int(v)
                default: nil
                }
            switch assignment.name {
            case "index_granularity":
                guard let number, number > 0 else {
                    throw DatabaseError(.badArguments, "index_granularity: value must be positive")
                }
                indexGranularity = number
            case "min_bytes_for_wide_part": minBytesForWidePart = number ?? minBytesForWidePart
            default: break
            }
        }
    }
}

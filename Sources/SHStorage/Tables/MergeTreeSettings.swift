import SHCore
import SHSQL

/// The MergeTree settings SwiftHouse honours (others given in `SETTINGS` are kept in the definition).
public struct MergeTreeSettings: Sendable {
    public var indexGranularity = 8192
    /// Parts smaller than this many uncompressed bytes are written Compact, larger ones Wide.
    public var minBytesForWidePart = 10_485_760
    /// Skip index files up to this many bytes are packed into `skp_idx.packed`; 0 disables packing.
    public var packedSkipIndexMaxBytes = 1_048_576

    public init() {}

    /// The settings of a table's `SETTINGS` clause. A name ClickHouse does not know is UNKNOWN_SETTING, as in
    /// ClickHouse (a misspelt setting is not silently ignored).
    public init(_ assignments: [SettingAssignment]) throws {
        for assignment in assignments {
            guard Self.knownNames.contains(assignment.name) else {
                throw DatabaseError(.unknownSetting, "Unknown setting '\(assignment.name)': for storage MergeTree")
            }
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
            case "packed_skip_index_max_bytes":
                packedSkipIndexMaxBytes = number ?? Self.sizeWithSuffix(literal) ?? packedSkipIndexMaxBytes
            default: break
            }
        }
    }

    /// A size written as a string with ClickHouse's suffixes (`'4M'`, `'64Ki'`): K, M, G, T are powers of 1000,
    /// Ki, Mi, Gi, Ti powers of 1024.
    static func sizeWithSuffix(_ literal: Literal) -> Int? {
        guard case .string(let text) = literal else { return nil }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard let number = Int(digits) else { return nil }
        let multipliers: [String: Int] = [
            "": 1, "K": 1000, "M": 1_000_000, "G": 1_000_000_000, "T": 1_000_000_000_000, "Ki": 1 << 10, "Mi": 1 << 20,
            "Gi": 1 << 30, "Ti": 1 << 40,
        ]
        guard let multiplier = multipliers[String(text.dropFirst(digits.count))] else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }
}

import SHCore
import SHSQL

/// `PARTITION 202401`, `PARTITIONS '202401', '202402'`, `PARTITION ID '202401'` → partition ids.
enum PartitionFilter {
    /// The partition ids the expressions name.
    static func ids(_ expressions: [Expression]) throws -> [String] {
        try expressions.map { expression in
            switch expression {
            case .literal(.string(let text)): return text
            case .literal(.unsignedInteger(let v)): return String(v)
            case .literal(.integer(let v)): return String(v)
            case .function(let call) where call.name == "tuple" && call.arguments.isEmpty: return "all"
            case .identifier(let parts) where parts == ["all"]: return "all"
            default:
                throw DatabaseError(
                    .notImplemented, "Partition expression \(SQLFormatter.format(expression)) is not supported")
            }
        }
    }
}

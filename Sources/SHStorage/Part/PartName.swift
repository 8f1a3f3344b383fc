import SHCore

/// A MergeTree part name: `<partition_id>_<min_block>_<max_block>_<level>[_<mutation>]`, e.g. `all_1_1_0`.
public struct PartName: Sendable, Hashable, CustomStringConvertible {
    public var partitionID: String
    public var minBlock: Int64
    public var maxBlock: Int64
    public var level: Int
    public var mutation: Int64?

    public init(partitionID: String, minBlock: Int64, maxBlock: Int64, level: Int, mutation: Int64? = nil) {
        self.partitionID = partitionID
        self.minBlock = minBlock
        self.maxBlock = maxBlock
        self.level = level
        self.mutation = mutation
    }

    /// Parses a part directory name (partition ids never contain `_`: `all`, `202401`, hex hashes, `1-2`,
    /// `-1`; only ASCII letters, digits and `-`, so a name can never be a path). Throws `BAD_DATA_PART_NAME`.
    public init(parsing text: String) throws {
        let fields = text.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard (4...5).contains(fields.count), !fields[0].isEmpty,
            fields[0].utf8.allSatisfy({
                $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0)
                    || (0x61...0x7A).contains($0)
            }),
            let minBlock = Int64(fields[1]), let maxBlock = Int64(fields[2]), let level = Int(fields[3]),
            minBlock >= 0, minBlock <= maxBlock, level >= 0
        else { throw DatabaseError(.badDataPartName, "Unexpected part name: \(text)") }
        var mutation: Int64?
        if fields.count == 5 {
            guard let value = Int64(fields[4]), value >= 0 else {
                throw DatabaseError(.badDataPartName, "Unexpected part name: \(text)")
            }
            mutation = value
        }
        self.init(partitionID: fields[0], minBlock: minBlock, maxBlock: maxBlock, level: level, mutation: mutation)
    }

    public var description: String {
        var name = "\(partitionID)_\(minBlock)_\(maxBlock)_\(level)"
        if let mutation { name += "_\(mutation)" }
        return name
    }
}

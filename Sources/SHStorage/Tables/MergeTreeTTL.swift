import SHColumns
import SHCore

/// A MergeTree table's TTL, as ClickHouse's `TTLTableDescription` and column TTLs: what its merges delete or reset,
/// and what each part's `ttl.txt` records (the least and greatest TTL time of its rows, per rule).
///
/// Merges apply it (rows whose DELETE time has passed are dropped, a column's expired values are reset to the
/// type's default; ClickHouse's TTL merge algorithms); INSERTs only record the times. `TO DISK` / `TO VOLUME` /
/// `RECOMPRESS` rules are recorded in ttl.txt like ClickHouse's but move and recompress nothing (one disk).
public struct MergeTreeTTL: Sendable {
    /// The section of ttl.txt a rule's times go to.
    public enum Section: String, Sendable {
        /// The table's DELETE rule without WHERE (`"table"`).
        case table
        /// DELETE … WHERE (`"rows_where"`).
        case rowsWhere = "rows_where"
        /// `TO DISK` / `TO VOLUME` (`"moves"`).
        case moves
        /// `RECOMPRESS` (`"recompression"`).
        case recompression
    }

    /// One table TTL rule.
    public struct Rule: Sendable {
        public var section: Section
        /// The rule's expression as ClickHouse names its result column (`ts + toIntervalDay(1)`), ttl.txt's key.
        public var text: String
        /// The TTL time (one expression of type Date, Date32, DateTime or DateTime64).
        public var expression: any KeyExpressions
        /// `WHERE cond` of a DELETE rule.
        public var condition: (any KeyExpressions)?

        public init(section: Section, text: String, expression: any KeyExpressions, condition: (any KeyExpressions)?) {
            self.section = section
            self.text = text
            self.expression = expression
            self.condition = condition
        }

        var deletes: Bool { section == .table || section == .rowsWhere }
    }

    /// One column's TTL.
    public struct ColumnRule: Sendable {
        /// The stored column's index.
        public var column: Int
        public var name: String
        public var expression: any KeyExpressions

        public init(column: Int, name: String, expression: any KeyExpressions) {
            self.column = column
            self.name = name
            self.expression = expression
        }
    }

    public var rules: [Rule]
    public var columns: [ColumnRule]

    public init(rules: [Rule] = [], columns: [ColumnRule] = []) {
        self.rules = rules
        self.columns = columns
    }

    /// No TTL.
    public static let none = MergeTreeTTL()

    public var isEmpty: Bool { rules.isEmpty && columns.isEmpty }

    /// `chunk` as a merge at `now` (seconds) leaves it: expired rows deleted, expired column values reset; `info`
    /// records the times of what is kept. Times of 0 never expire (ClickHouse's `isTTLExpired`).
    func apply(to chunk: Chunk, now: Int64, recordingIn info: inout PartTTLInfo) throws -> Chunk {
        var keep = [Bool](repeating: true, count: chunk.rowCount)
        for rule in rules {
            let times = try Self.times(rule.expression, chunk)
            let conditions = try rule.condition.map { try $0.evaluate(chunk)[0] }
            for row in 0..<chunk.rowCount where keep[row] {
                let expired =
                    rule.deletes && times[row] != 0 && times[row] <= now
                    && (conditions.map { $0.value(at: row).isTrue } ?? true)
                if expired { keep[row] = false }
            }
        }
        var columns = chunk.columns
        for rule in self.columns {
            let times = try Self.times(rule.expression, chunk)
            let expired = (0..<chunk.rowCount).filter { keep[$0] && times[$0] != 0 && times[$0] <= now }
            guard !expired.isEmpty else { continue }
            let original = columns[rule.column]
            let reset = Set(expired)
            var column = Column(type: original.type)
            for row in 0..<chunk.rowCount {
                if reset.contains(row) {
                    column.append(original.type.defaultValue)
                } else {
                    column.append(contentsOf: original, range: row..<(row + 1))
                }
            }
            columns[rule.column] = column
        }
        let kept = (0..<chunk.rowCount).filter { keep[$0] }
        let result =
            kept.count == chunk.rowCount
            ? Chunk(columns: columns, rowCount: chunk.rowCount)
            : Chunk(columns: columns.map { $0.gather(kept) }, rowCount: kept.count)
        try record(result, into: &info, now: now)
        return result
    }

    /// Records the TTL times of every row of `chunk` (an INSERT's rows, or a merge's kept rows when `now` is given:
    /// then expired times of DELETE rules and columns are not counted — a kept row's DELETE … WHERE did not apply, a
    /// column's values were reset — as in ClickHouse's TTL algorithms; moves and recompressions count every row).
    func record(_ chunk: Chunk, into info: inout PartTTLInfo, now: Int64? = nil) throws {
        guard chunk.rowCount > 0 else { return }
        for rule in rules {
            for time in try Self.times(rule.expression, chunk)
            where !rule.deletes || (now.map { time == 0 || time > $0 } ?? true) {
                info.update(rule.section, rule.text, time)
            }
        }
        for rule in columns {
            for time in try Self.times(rule.expression, chunk) where now.map({ time == 0 || time > $0 }) ?? true {
                info.updateColumn(rule.name, time)
            }
        }
    }

    /// The TTL times of `expression` over `chunk`, in seconds since 1970 (a Date is its UTC midnight).
    static func times(_ expression: any KeyExpressions, _ chunk: Chunk) throws -> [Int64] {
        guard let column = try expression.evaluate(chunk).first, let type = expression.types.first else { return [] }
        let base = type.removingNullable.withoutLowCardinality
        return (0..<chunk.rowCount).map { row in
            let value = column.value(at: row)
            switch base {
            case .date, .date32: return (value.int64 ?? 0) &* 86_400
            case .dateTime64(let precision, _):
                let scale = DataType.ticksPerSecond(precision)
                let ticks = value.int64 ?? 0
                return ticks / scale - (ticks % scale < 0 ? 1 : 0)  // floor, without negating Int64.min
            default: return value.int64 ?? 0
            }
        }
    }
}

/// The TTL times a part holds (`ttl.txt`): per rule and per column, the least (non-zero) and greatest time.
public struct PartTTLInfo: Sendable, Equatable {
    struct Range: Sendable, Equatable {
        var min: Int64 = 0
        var max: Int64 = 0

        mutating func update(_ time: Int64) {
            if time != 0, min == 0 || time < min { min = time }
            max = Swift.max(max, time)
        }
    }

    var table = Range()
    var columns: [String: Range] = [:]
    var sections: [MergeTreeTTL.Section: [String: Range]] = [:]

    public init() {}

    mutating func update(_ section: MergeTreeTTL.Section, _ text: String, _ time: Int64) {
        if section == .table {
            table.update(time)
        } else {
            sections[section, default: [:]][text, default: Range()].update(time)
        }
    }

    mutating func updateColumn(_ name: String, _ time: Int64) { columns[name, default: Range()].update(time) }

    /// `ttl.txt` as ClickHouse 26.9 writes it (`MergeTreeDataPartTTLInfos::write`): names and expressions in byte
    /// order, every entry `"finished":0`.
    public func serialized() -> [UInt8] {
        var parts: [String] = []
        func sorted(_ keys: Dictionary<String, Range>.Keys) -> [String] {
            keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        }
        if !columns.isEmpty {
            let entries = sorted(columns.keys).map { name in
                let range = columns[name] ?? Range()
                return "{\"name\":\(Self.quoted(name)),\"min\":\(range.min),\"max\":\(range.max),\"finished\":0}"
            }
            parts.append("\"columns\":[" + entries.joined(separator: ",") + "]")
        }
        if table.min != 0 {
            parts.append("\"table\":{\"min\":\(table.min),\"max\":\(table.max),\"finished\":0}")
        }
        for section in [MergeTreeTTL.Section.moves, .recompression, .rowsWhere] {
            guard let infos = sections[section], !infos.isEmpty else { continue }
            let entries = sorted(infos.keys).map { text in
                let range = infos[text] ?? Range()
                return "{\"expression\":\(Self.quoted(text)),\"min\":\(range.min),\"max\":\(range.max),\"finished\":0}"
            }
            parts.append("\"\(section.rawValue)\":[" + entries.joined(separator: ",") + "]")
        }
        return Array(("ttl format version: 1\n{" + parts.joined(separator: ",") + "}").utf8)
    }

    /// ClickHouse's `doubleQuoteString`: `"` and `\` escaped, control characters as C escapes.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{0}": out += "\\0"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

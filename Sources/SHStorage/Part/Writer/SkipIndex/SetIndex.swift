import SHCodecs
import SHColumns
import SHCore

/// `TYPE set(max_rows)`: per index granule the distinct values of the expression (tuples of its elements), in the
/// order they first occur, as ClickHouse's MergeTreeIndexSet writes them (`.idx`, version 1): the number of values
/// (UInt64), then each element's column of those values in its position-dependent bulk form. A granule with more
/// than `max_rows` distinct values (when not 0) is written as the count 0 alone.
struct SetIndexKind: SkipIndexKind {
    let maxRows: Int
    let types: [DataType]

    var fileExtension: String { ".idx" }

    func makeAggregator() -> any SkipIndexAggregator { SetAggregator(maxRows: maxRows, types: types) }

    /// `set(N)` takes one non-negative integer; element types SwiftHouse serializes in the position-dependent form
    /// (LowCardinality as an element itself, not inside an Array or Tuple).
    static func make(_ arguments: [Value], _ types: [DataType]) throws -> any SkipIndexKind {
        guard arguments.count == 1, let limit = arguments[0].int64, limit >= 0 else {
            throw DatabaseError(.incorrectQuery, "Set index must have exactly one argument.")
        }
        for type in types where !PositionDependentBulk.supports(PositionDependentBulk.dictionaryKeys(type) ?? type) {
            throw DatabaseError(.notImplemented, "Set index on \(type) is not built by SwiftHouse")
        }
        return SetIndexKind(maxRows: Int(clamping: limit), types: types)
    }
}

/// The distinct rows of one index granule; once there are more than `maxRows` (not 0) no more are collected.
struct SetAggregator: SkipIndexAggregator {
    let maxRows: Int
    let types: [DataType]
    private var seen: Set<[UInt8]> = []
    private var columns: [Column]
    private var rows = 0

    init(maxRows: Int, types: [DataType]) {
        self.maxRows = maxRows
        self.types = types
        columns = types.map { Column(type: $0) }
    }

    var isEmpty: Bool { rows == 0 }

    private var overflowed: Bool { maxRows != 0 && rows > maxRows }

    mutating func update(_ values: [Column]) throws {
        guard let count = values.first?.count, count > 0, !overflowed else { return }
        var fresh: [Int] = []
        for row in 0..<count {
            // A row's key: its elements' single-value forms (bit-exact, as ClickHouse's hash sets compare keys).
            var key: [UInt8] = []
            for (slot, column) in values.enumerated() {
                ColumnSerializer.appendSingleValue(column.value(at: row), type: types[slot], to: &key)
            }
            if seen.insert(key).inserted { fresh.append(row) }
        }
        guard !fresh.isEmpty else { return }
        for (slot, column) in values.enumerated() {
            columns[slot].append(contentsOf: column.gather(fresh))
        }
        rows += fresh.count
    }

    func serialized() throws -> [UInt8] {
        var out: [UInt8] = []
        if overflowed {
            ColumnSerializer.appendLE(0, to: &out)
            return out
        }
        ColumnSerializer.appendLE(UInt64(rows), to: &out)
        for (slot, column) in columns.enumerated() {
            PositionDependentBulk.append(column, rows: 0..<column.count, type: types[slot], to: &out)
        }
        return out
    }
}

/// ClickHouse's bulk serialization of a column into one buffer with `position_independent_encoding = false`: every
/// substream in turn, an Array's sizes as its running offsets (UInt64) rather than sizes.
enum PositionDependentBulk {
    static func supports(_ type: DataType) -> Bool {
        switch type {
        case .lowCardinality: false
        case .map: type.mapEntries.map(supports) ?? false
        case .nullable(let inner), .array(let inner): supports(inner)
        case .tuple(let items, _): items.allSatisfy(supports)
        default:
            if case .string = type.storageKind { true } else { type.fixedWidth != nil }
        }
    }

    /// The type of a LowCardinality's keys (nil for another type).
    static func dictionaryKeys(_ type: DataType) -> DataType? {
        if case .lowCardinality(let inner) = type { return inner }
        return nil
    }

    static func append(_ column: Column, rows: Range<Int>, type: DataType, to out: inout [UInt8]) {
        switch type {
        case .lowCardinality(let inner):
            // The keys version of the state prefix, then the rows with all their keys as additional keys: ClickHouse's
            // LowCardinality bulk form without a shared dictionary (`low_cardinality_max_dictionary_size = 0`).
            out += LowCardinalitySerializer.statePrefix
            var sink = StreamSink(collectAll: true)
            LowCardinalitySerializer.serialize(column, rows: rows, inner: inner, path: "c", into: &sink)
            out += sink.all
        case .nullable(let inner):
            out += column.nulls[rows]
            append(column.children[0], rows: rows, type: inner, to: &out)
        case .array(let inner):
            let start = rows.isEmpty || rows.lowerBound == 0 ? 0 : column.offsets[rows.lowerBound - 1]
            for row in rows { ColumnSerializer.appendLE(column.offsets[row] - start, to: &out) }
            let end = rows.isEmpty ? start : column.offsets[rows.upperBound - 1]
            append(column.children[0], rows: Int(start)..<Int(end), type: inner, to: &out)
        case .tuple(let items, _):
            for (index, item) in items.enumerated() {
                append(column.children[index], rows: rows, type: item, to: &out)
            }
        case .map:
            // A Map is held and written as its Array(Tuple(keys, values)).
            if let entries = type.mapEntries { append(column, rows: rows, type: entries, to: &out) }
        default:
            if let width = type.fixedWidth {
                out += column.data[(rows.lowerBound * width)..<(rows.upperBound * width)]
            } else {
                for row in rows {
                    let bounds = column.bounds(of: row)
                    VarUInt.write(UInt64(bounds.count), to: &out)
                    out += column.data[bounds]
                }
            }
        }
    }
}

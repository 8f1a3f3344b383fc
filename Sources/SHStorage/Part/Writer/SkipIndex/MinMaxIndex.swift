import SHColumns
import SHCore

/// `TYPE minmax`: per index granule the least and greatest value of each expression element, written as
/// ClickHouse's MergeTreeIndexMinMax format version 2 (`.idx2`): for each element its min then its max, each in the
/// element type's `serializeBinary` form.
struct MinMaxIndexKind: SkipIndexKind {
    let types: [DataType]

    var fileExtension: String { ".idx2" }

    func makeAggregator() -> any SkipIndexAggregator { MinMaxAggregator(types: types) }
}

/// The running min/max of one index granule. Each data granule's extremes are ClickHouse's `getExtremes` (NaN is
/// skipped unless every value is NaN; a Nullable column's NULL is its greatest value); granules are combined with
/// `accurateLess`, under which NULL and NaN are greater than every value.
struct MinMaxAggregator: SkipIndexAggregator {
    let types: [DataType]
    private var ranges: [(min: Value, max: Value)] = []

    init(types: [DataType]) { self.types = types }

    var isEmpty: Bool { ranges.isEmpty }

    mutating func update(_ values: [Column]) throws {
        guard let rows = values.first?.count, rows > 0 else { return }
        for (slot, column) in values.enumerated() {
            let (low, high) = Self.extremes(column, rows: rows)
            if slot >= ranges.count {
                ranges.append((low, high))
            } else {
                if !Self.accurateLess(ranges[slot].min, low) { ranges[slot].min = low }
                if Self.accurateLess(ranges[slot].max, high) { ranges[slot].max = high }
            }
        }
    }

    func serialized() throws -> [UInt8] {
        var out: [UInt8] = []
        for (slot, range) in ranges.enumerated() where slot < types.count {
            ColumnSerializer.appendSingleValue(range.min, type: types[slot], to: &out)
            ColumnSerializer.appendSingleValue(range.max, type: types[slot], to: &out)
        }
        return out
    }

    /// ClickHouse's `getExtremes` of a column, `getExtremesNullLast` for a Nullable one, LowCardinality(Nullable) too
    /// (min of the non-NULL values, NULL as max when there is a NULL).
    static func extremes(_ column: Column, rows: Int) -> (Value, Value) {
        if case .nullable = column.type.withoutLowCardinality {
            var hasNull = false
            var present: [Int] = []
            for row in 0..<rows {
                if column.nulls[row] != 0 { hasNull = true } else { present.append(row) }
            }
            guard !present.isEmpty else { return (.null, .null) }
            let (low, high) = extremes(of: present.lazy.map { column.children[0].value(at: $0) })
            return (low, hasNull ? .null : high)
        }
        return extremes(of: (0..<rows).lazy.map { column.value(at: $0) })
    }

    /// The extremes of non-Nullable values: NaN (and the NULL of a LowCardinality(Nullable)) skipped, the first of
    /// equal values kept (`-0` before `0` stays the min and the max).
    private static func extremes<S: Sequence>(of values: S) -> (Value, Value) where S.Element == Value {
        var low: Value?
        var high: Value?
        var skipped: Value?
        for value in values {
            if value.isNull || value.isNaN {
                skipped = skipped ?? value
                continue
            }
            guard let currentLow = low, let currentHigh = high else {
                (low, high) = (value, value)
                continue
            }
            if Value.compare(value, currentLow) < 0 {
                low = value
            } else if Value.compare(value, currentHigh) > 0 {
                high = value
            }
        }
        guard let low, let high else {
            let only = skipped ?? .null
            return (only, only)
        }
        return (low, high)
    }

    /// ClickHouse's `accurateLess` of two fields as the minmax aggregator meets them: NULL and NaN are greater than
    /// every value (`accurateLess(1, NULL)` and `accurateLess(1, nan)` are true), and not less than themselves.
    static func accurateLess(_ a: Value, _ b: Value) -> Bool {
        Value.compare(a, b, nullsLast: true) < 0
    }
}

extension Value {
    /// True for a floating-point NaN.
    fileprivate var isNaN: Bool {
        if case .float(let value) = self { return value.isNaN }
        return false
    }
}

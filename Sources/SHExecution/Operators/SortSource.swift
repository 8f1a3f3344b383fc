import SHColumns
import SHCore

/// One ORDER BY key: the column to sort by and its direction.
public struct SortKey: Sendable {
    public var column: Int
    public var descending: Bool
    public var nullsFirst: Bool

    public init(column: Int, descending: Bool, nullsFirst: Bool) {
        self.column = column
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

/// Sorts all input rows (stable, so equal keys keep their read order, as ClickHouse's full sort does).
public enum Sorting {
    /// The row permutation that sorts `chunk` by `keys`.
    public static func permutation(_ chunk: Chunk, keys: [SortKey]) -> [Int] {
        let keyColumns = keys.map { key in (0..<chunk.rowCount).map { chunk.columns[key.column].value(at: $0) } }
        var order = Array(0..<chunk.rowCount)
        order.sort { a, b in
            for (index, key) in keys.enumerated() {
                let x = keyColumns[index][a]
                let y = keyColumns[index][b]
                if x.isNull != y.isNull { return x.isNull == key.nullsFirst }
                // NaNs (and NULLs inside arrays and tuples) go where NULLs go, whatever the direction.
                var c = Value.compare(x, y, nullsLast: key.nullsFirst == key.descending)
                if key.descending { c = -c }
                if c != 0 { return c < 0 }
            }
            return a < b
        }
        return order
    }

    /// `chunk` with its rows reordered by `keys`.
    public static func sorted(_ chunk: Chunk, keys: [SortKey]) -> Chunk {
        let order = permutation(chunk, keys: keys)
        return Chunk(columns: chunk.columns.map { $0.gather(order) }, rowCount: chunk.rowCount)
    }
}

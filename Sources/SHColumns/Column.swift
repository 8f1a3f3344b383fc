import SHCore

/// A column of values of one `DataType`, in ClickHouse's in-memory layout.
///
/// One struct serves every type; which fields are used depends on `type.storageKind`:
/// - fixed-width types (`Int*`, `UInt*`, `Float*`, `Bool`, `Date`, `DateTime`, `UUID`, `FixedString(N)`):
///   `data` holds the values back to back, little-endian, as on disk (`UUID` = high then low UInt64);
/// - `String`: `data` holds the bytes of all rows, `offsets[i]` is the end of row `i` in `data`;
/// - `Nullable(T)`: `nulls[i]` is 1 for NULL, `children[0]` holds a value (a default) for every row;
/// - `Array(T)`: `offsets[i]` is the end of row `i` in `children[0]`;
/// - `Tuple(…)`: `children` holds one column per element.
/// `LowCardinality(T)` columns are held exactly like `T`.
public struct Column: Sendable {
    public let type: DataType
    public internal(set) var count: Int = 0
    public var data: [UInt8] = []
    public var offsets: [UInt64] = []
    public var nulls: [UInt8] = []
    public var children: [Column] = []

    /// An empty column of `type`.
    public init(type: DataType) {
        self.type = type
        switch type.storageKind {
        case .nullable(let inner), .array(let inner): children = [Column(type: inner)]
        case .tuple(let items): children = items.map { Column(type: $0) }
        case .fixed, .string: break
        }
    }

    /// A column assembled from parts that already satisfy the layout rules above.
    public init(
        type: DataType, count: Int, data: [UInt8] = [], offsets: [UInt64] = [], nulls: [UInt8] = [],
        children: [Column] = []
    ) {
        self.type = type
        self.count = count
        self.data = data
        self.offsets = offsets
        self.nulls = nulls
        self.children = children
    }

    /// A column holding `values`.
    public init(type: DataType, values: [Value]) {
        self.init(type: type)
        reserveCapacity(values.count)
        for value in values { append(value) }
    }

    public mutating func reserveCapacity(_ rows: Int) {
        switch type.storageKind {
        case .fixed(let width): data.reserveCapacity(rows * width)
        case .string: offsets.reserveCapacity(rows)
        case .nullable: nulls.reserveCapacity(rows)
        case .array: offsets.reserveCapacity(rows)
        case .tuple: break
        }
    }

    /// Sets the row count after filling the storage fields directly (readers and generators do this).
    public mutating func setCount(_ rows: Int) { count = rows }
}

extension Column {
    /// The start and end of row `row` in `data` (strings) or in `children[0]` (arrays).
    @inline(__always)
    public func bounds(of row: Int) -> Range<Int> {
        let start = row == 0 ? 0 : Int(offsets[row - 1])
        return start..<Int(offsets[row])
    }

    /// Total number of bytes the column holds, for progress and size estimates.
    public var byteSize: Int {
        data.count + offsets.count * 8 + nulls.count + children.reduce(0) { $0 + $1.byteSize }
    }
}

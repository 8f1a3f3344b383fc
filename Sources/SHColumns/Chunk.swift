import SHCore

/// A named, typed column slot of a result or table: what ClickHouse calls a header entry.
public struct ColumnDescription: Sendable, Hashable {
    public var name: String
    public var type: DataType

    public init(name: String, type: DataType) {
        self.name = name
        self.type = type
    }
}

/// Equal-length columns: a block of rows flowing through a query.
public struct Chunk: Sendable {
    public var columns: [Column]
    public var rowCount: Int

    public init(columns: [Column], rowCount: Int? = nil) {
        self.columns = columns
        self.rowCount = rowCount ?? columns.first?.count ?? 0
    }

    /// The values of row `row`, one per column.
    public func row(_ row: Int) -> [Value] { columns.map { $0.value(at: row) } }
}

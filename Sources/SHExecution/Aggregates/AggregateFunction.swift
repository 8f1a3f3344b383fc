import SHColumns
import SHCore

/// An aggregate function bound to argument types: makes per-group states and finalises them.
public struct AggregateFunction: Sendable {
    public let name: String
    public let returnType: DataType
    public let makeState: @Sendable () -> any AggregateState
    /// Checks a chunk's argument columns before their rows are added (states that read untrusted bytes, such as
    /// `-Merge`'s, fail here rather than in `add`); nil when there is nothing to check.
    public let check: (@Sendable ([Column]) throws -> Void)?

    public init(
        name: String, returnType: DataType, makeState: @escaping @Sendable () -> any AggregateState,
        check: (@Sendable ([Column]) throws -> Void)? = nil
    ) {
        self.name = name
        self.returnType = returnType
        self.makeState = makeState
        self.check = check
    }
}

/// The running state of one aggregate for one group.
public protocol AggregateState {
    /// Adds row `row` of `arguments`.
    mutating func add(_ arguments: [Column], row: Int)
    /// Adds every row of `arguments` (a fast path for aggregation without GROUP BY).
    mutating func addAll(_ arguments: [Column], rows: Int)
    func result() -> Value
    /// The result as a one-row column, for states that keep their data columnar (nil: use `result()`).
    func resultColumn(type: DataType) -> Column?
}

extension AggregateState {
    public func resultColumn(type: DataType) -> Column? { nil }

    public mutating func addAll(_ arguments: [Column], rows: Int) {
        for row in 0..<rows { add(arguments, row: row) }
    }
}

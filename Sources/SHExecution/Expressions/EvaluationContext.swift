import SHCore

/// Facts about the running query that functions such as `now()` or `currentDatabase()` read.
public struct EvaluationContext: Sendable {
    public var currentDatabase: String
    /// Seconds since the epoch when the query started (`now()` is constant within a query).
    public var now: UInt64
    public var version: String

    public init(currentDatabase: String, now: UInt64, version: String) {
        self.currentDatabase = currentDatabase
        self.now = now
        self.version = version
    }
}

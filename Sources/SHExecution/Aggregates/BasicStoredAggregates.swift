import SHCore

extension StoredAggregateRegistry {
    /// The functions whose states are a value or two (`argMax`, `min`, `sum`, `any`, ...).
    static let basicStoredAggregates: [String: StoredAggregateResolver] = [:]
}

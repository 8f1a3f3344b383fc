import SHCore

extension StoredAggregateRegistry {
    /// The functions whose states are sketches (`uniq`, `quantiles`, `quantilesTDigestWeighted`, ...).
    static let sketchStoredAggregates: [String: StoredAggregateResolver] = [:]
}

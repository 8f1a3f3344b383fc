import Foundation

/// Limits the average rate of a BACKUP or RESTORE to `bytesPerSecond` (ClickHouse's `max_backup_bandwidth`).
public actor Throttle {
    private let bytesPerSecond: Double
    private let start = ContinuousClock.now
    private var consumed: Double = 0

    public init(bytesPerSecond: Int) { self.bytesPerSecond = Double(bytesPerSecond) }

    /// Accounts for `bytes` and waits until the average rate is back under the limit.
    public func consume(_ bytes: Int) async {
        consumed += Double(bytes)
        let due = start + .milliseconds(Int64(consumed / bytesPerSecond * 1000))
        let now = ContinuousClock.now
        if due > now { try? await Task.sleep(until: due, clock: .continuous) }
    }
}

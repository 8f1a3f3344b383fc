import Foundation
import SHCore

extension BackupOperationInfo {
    /// A one-line progress display now (see ``progressText(at:)``).
    public var progressText: String { progressText(at: Date()) }

    /// A one-line progress display at `now`: the status and stage, a bar and the percent of the bytes done (a
    /// BACKUP's bytes uploaded of those it gathered; a RESTORE's bytes read of the backup's, as ClickHouse counts
    /// them), the bytes, the files, the rate, the time elapsed and the time left. Files are counted when they
    /// are done, so a large file in flight holds the counts until it ends.
    public func progressText(at now: Date) -> String {
        let restoring = status == .restoring
        let done = restoring ? bytesRead : bytesWritten
        let meter = ProgressMeter(done: done, total: totalSize, elapsed: now.timeIntervalSince(startTime))
        var parts: [String] = []
        var sizes = ProgressMeter.bytes(Double(done))
        if totalSize > 0 { sizes += " of " + ProgressMeter.bytes(Double(totalSize)) }
        parts.append(sizes)
        parts.append(numFiles > 0 ? "\(filesRead)/\(numFiles) files" : "\(filesRead) files")
        parts.append(ProgressMeter.bytes(meter.rate) + "/s")
        parts.append(meter.times)
        let bar = meter.bar
        return "\(status) \(stage)" + (bar.isEmpty ? ":" : " " + bar) + " " + parts.joined(separator: ", ")
    }
}

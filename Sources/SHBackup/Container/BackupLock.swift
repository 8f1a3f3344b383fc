import Foundation
import SHCore

/// The `.lock` protocol of a destination: the lock holds the backup UUID (as ClickHouse writes it), and a
/// companion `.lock.heartbeat` that the writer refreshes tells whether the writer is still alive.
public enum BackupLock {
    /// Heartbeat content: who holds the lock and when it last said so.
    static func heartbeat(uuid: String) -> @Sendable () -> [UInt8] {
        let host = ProcessInfo.processInfo.hostName
        let pid = ProcessInfo.processInfo.processIdentifier
        return {
            Array(
                "{\"uuid\":\"\(uuid)\",\"host\":\"\(host)\",\"pid\":\(pid),\"time\":\(Int(Date().timeIntervalSince1970))}"
                    .utf8)
        }
    }

    /// Seconds since the lock's holder last showed life (heartbeat time, else the lock's modification time);
    /// nil when unknown.
    public static func age(in storage: any BackupStorage) async throws -> Double? {
        if let bytes = try? await storage.read(BackupLayout.heartbeatPath),
            let text = String(bytes: bytes, encoding: .utf8),
            let range = text.range(of: #""time":\d+"#, options: .regularExpression),
            let time = Double(text[range].dropFirst(7))
        {
            return Date().timeIntervalSince1970 - time
        }
        guard let modified = try await storage.info(of: BackupLayout.lockPath)?.modified else { return nil }
        return Date().timeIntervalSince(modified)
    }

    /// Removes what a dead writer left: there is no `.backup`, so the backup's own objects (`data/…`,
    /// `metadata/…`) and its unfinished writes (incomplete multipart uploads, temporary files) are debris.
    /// No other object under the prefix is touched.
    public static func clearAbandoned(in storage: any BackupStorage) async throws {
        try await storage.abortIncompleteWrites()
        let debris =
            try await storage.list(prefix: BackupLayout.dataPrefix) + storage.list(prefix: BackupLayout.metadataPrefix)
        try await storage.remove(debris)
        try await storage.remove([BackupLayout.heartbeatPath, BackupLayout.lockPath])
    }
}

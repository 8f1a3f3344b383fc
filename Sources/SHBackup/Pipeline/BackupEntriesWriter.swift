import Foundation
import SHStorage

/// Uploads the collected entries through a `BackupWriter` (which de-duplicates, references the base and stores),
/// with a bounded number of files in flight, throttled to `max_backup_bandwidth`, counting each file done.
struct BackupEntriesWriter {
    /// Files uploaded at the same time.
    static let filesInFlight = 8

    let writer: BackupWriter
    let throttle: Throttle?
    let progress: BackupProgressRecorder

    /// Uploads every entry; the first failure cancels the rest and is thrown.
    func write(_ entries: [BackupEntriesCollector.Entry]) async throws {
        let writer = self.writer
        let throttle = self.throttle
        let progress = self.progress
        try await withThrowingTaskGroup(of: Void.self) { group in
            var index = 0
            func startNext() {
                let entry = entries[index]
                index += 1
                group.addTask {
                    switch entry.source {
                    case .bytes(let bytes):
                        try await writer.addFile(name: entry.name, bytes: bytes)
                    case .file(let url):
                        try await writer.addFile(name: entry.name, localPath: url.path)
                    }
                    await throttle?.consume(entry.source.size)
                    progress.update { info in
                        info.filesRead += 1
                        info.bytesWritten += UInt64(entry.source.size)
                    }
                }
            }
            while index < min(Self.filesInFlight, entries.count) { startNext() }
            while try await group.next() != nil {
                if index < entries.count { startNext() }
            }
        }
    }
}

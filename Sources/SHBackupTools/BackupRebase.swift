import Foundation
import SHBackup
import SHCore

/// `rebase`: writes a self-contained full backup equal to the chain ending at a backup, so that its bases can be
/// pruned. Every file is read back verified through the chain (through a temporary local file, so memory stays
/// bounded) and written in ClickHouse's layout with a manifest that names no base; the new backup keeps the
/// source's timestamp (it is the same point in time) and gets a new UUID. Nothing is left at the destination if it
/// fails.
public enum BackupRebase {
    /// Statistics of a rebase.
    public struct Result: Sendable {
        public var files: Int
        public var storedBytes: Int
    }

    /// Rebases the backup at `source` into `destination`, `parallelism` files at a time.
    public static func rebase(
        _ source: BackupAddress, to destination: BackupAddress, sameCredentialsForBase: Bool = false,
        parallelism: Int = 4, progress: ToolProgress = ToolProgress()
    ) async throws -> Result {
        let reader = try await BackupChain.open(
            source.spec, origin: .user, locations: source.locations, sameCredentialsForBase: sameCredentialsForBase)
        let writer = try BackupWriter(
            storage: try destination.openStorage(), uuid: UUID(), backupID: nil,
            timestamp: UTCTimestamp.date(reader.manifest.timestamp) ?? Date(), deduplicateFiles: true, base: nil,
            baseName: nil)
        try await writer.begin()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "swifthouse-rebase-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let names = reader.manifest.files.map(\.name).sorted()
            progress.expect(files: names.count, bytes: reader.manifest.files.reduce(0) { $0 &+ $1.size })
            try await withThrowingTaskGroup(of: Void.self) { group in
                var pending = names.enumerated().makeIterator()
                func start(_ index: Int, _ name: String) {
                    group.addTask {
                        let local = scratch.appendingPathComponent("\(index)").path
                        defer { try? FileManager.default.removeItem(atPath: local) }
                        let size = try await reader.copy(name, toLocalFile: local)
                        try await writer.addFile(name: name, localPath: local)
                        progress.done(files: 1, bytes: size)
                    }
                }
                for _ in 0..<max(1, parallelism) {
                    guard let (index, name) = pending.next() else { break }
                    start(index, name)
                }
                while try await group.next() != nil {
                    if let (index, name) = pending.next() { start(index, name) }
                }
            }
            try await writer.commit()
        } catch {
            await writer.abort()
            throw error
        }
        let statistics = writer.statistics
        return Result(files: statistics.files, storedBytes: statistics.storedBytes)
    }
}

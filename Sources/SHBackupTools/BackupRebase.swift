import Foundation
import SHBackup
import SHCore
import Synchronization

/// `rebase`: writes a self-contained full backup equal to the chain ending at a backup, so that its bases can be
/// pruned. On one S3 endpoint read with the same key (any buckets) each object is copied by S3 itself (CopyObject,
/// UploadPartCopy above 5 GiB); otherwise every file is read back verified through the chain (through a temporary local file, so memory stays bounded) and written in ClickHouse's layout with a manifest that names no base; the new backup keeps the
/// source's timestamp (it is the same point in time) and gets a new UUID. Nothing is left at the destination if it
/// fails.
public enum BackupRebase {
    /// Statistics of a rebase.
    public struct Result: Sendable {
        public var files: Int
        public var storedBytes: Int
        /// Objects copied by the storage itself (S3 CopyObject inside one bucket), not read back.
        public var copiedObjects: Int
    }

    /// Rebases the backup at `source` into `destination`, `parallelism` files at a time.
    public static func rebase(
        _ source: BackupAddress, to destination: BackupAddress, sameCredentialsForBase: Bool = false,
        parallelism: Int = 4, progress: ToolProgress = ToolProgress()
    ) async throws -> Result {
        let reader = try await BackupChain.open(
            source.spec, origin: .user, locations: source.locations, sameCredentialsForBase: sameCredentialsForBase)
        let target = try destination.openStorage()
        let writer = try BackupWriter(
            storage: target, uuid: UUID(), backupID: nil,
            timestamp: UTCTimestamp.date(reader.manifest.timestamp) ?? Date(), deduplicateFiles: true, base: nil,
            baseName: nil)
        try await writer.begin()
        let copied = Counter()
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
                        // Within one bucket the object is copied by S3 itself; its manifest entry (size, checksum)
                        // is the source's, so damage in the source stays visible to `verify`.
                        if let entry = reader.entry(name), let checksum = entry.checksum,
                            let (source, object) = reader.wholeObject(of: name), target.canCopy(from: source)
                        {
                            try await writer.addFile(name: name, size: entry.size, checksum: checksum) { stored in
                                try await target.copy(object, size: entry.size, from: source, to: stored)
                                guard try await target.info(of: stored)?.size == entry.size else {
                                    throw DatabaseError(
                                        .backupDamaged,
                                        "The copy of \(object) of \(source.displayName) is not \(entry.size) bytes long"
                                    )
                                }
                                copied.increment()
                            }
                            progress.done(files: 1, bytes: entry.size)
                            return
                        }
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
        return Result(
            files: statistics.files, storedBytes: statistics.storedBytes, copiedObjects: copied.value)
    }
}

/// A count shared by tasks.
private final class Counter: Sendable {
    private let count = Mutex(0)

    func increment() { count.withLock { $0 += 1 } }

    var value: Int { count.withLock { $0 } }
}

import Foundation
import SHCodecs
import SHCore

/// Writes one backup: claims the destination with a conditional create of `.lock`, stores files
/// (skipping those the base chain or this backup already holds), writes `.backup` last and releases the lock.
/// `abort()` removes everything written. Safe to call `addFile` concurrently.
public final class BackupWriter: @unchecked Sendable {
    public let storage: any BackupStorage
    public let uuid: UUID
    let backupID: String?
    let timestamp: Date
    let deduplicateFiles: Bool
    let base: BackupReader?
    let baseName: String?
    let staleLockSeconds: Int

    private let lock = NSLock()
    private var entries: [String: BackupFileEntry] = [:]
    /// Content already stored in this backup → the object that holds it.
    private var stored: [ContentKey: String] = [:]
    private var written: [String] = []
    private var storedBytes = 0
    private var heartbeat: Task<Void, Never>?
    private var claimed = false

    static let lockPath = ".lock"
    static let heartbeatPath = ".lock.heartbeat"
    static let manifestPath = ".backup"

    /// Counters of what was stored (as opposed to referenced).
    public struct Statistics: Sendable {
        public var files: Int
        public var storedFiles: Int
        public var storedBytes: Int
    }

    public init(
        storage: any BackupStorage, uuid: UUID, backupID: String?, timestamp: Date, deduplicateFiles: Bool,
        base: BackupReader?, baseName: String?, staleLockSeconds: Int = 300
    ) throws {
        self.storage = storage
        self.uuid = uuid
        self.backupID = backupID
        self.timestamp = timestamp
        self.deduplicateFiles = deduplicateFiles
        self.base = base
        self.baseName = baseName
        self.staleLockSeconds = staleLockSeconds
    }

    public var statistics: Statistics {
        lock.withLock { Statistics(files: entries.count, storedFiles: written.count, storedBytes: storedBytes) }
    }

    var uuidText: String { uuid.uuidString.lowercased() }

    /// Claims the destination. A lock left by a writer that stopped heart-beating more than
    /// `staleLockSeconds` ago is cleared together with its partial files.
    public func begin() async throws {
        if try await storage.info(of: Self.manifestPath) != nil {
            throw DatabaseError(.backupAlreadyExists, "Backup \(storage.displayName) already exists")
        }
        if try await storage.createExclusively(Self.lockPath, bytes: Array(uuidText.utf8)) {
            return startHeartbeat()
        }
        guard let age = try await BackupLock.age(in: storage), age > Double(staleLockSeconds) else {
            throw DatabaseError(
                .backupAlreadyExists, "Backup \(storage.displayName) is being written already",
                hint: "If no backup is running there, the lock is stale: it is cleared automatically once it is "
                    + "\(staleLockSeconds) s old (SETTINGS stale_lock_seconds = N), or remove \(Self.lockPath) by hand."
            )
        }
        try await BackupLock.clearAbandoned(in: storage)
        guard try await storage.createExclusively(Self.lockPath, bytes: Array(uuidText.utf8)) else {
            throw DatabaseError(.backupAlreadyExists, "Backup \(storage.displayName) is being written already")
        }
        startHeartbeat()
    }

    private func startHeartbeat() {
        let storage = self.storage
        let body = BackupLock.heartbeat(uuid: uuidText)
        lock.withLock {
            claimed = true
            heartbeat = Task {
                while !Task.isCancelled {
                    try? await storage.write(Self.heartbeatPath, bytes: body())
                    try? await Task.sleep(for: .seconds(10))
                }
            }
        }
    }

    /// Adds a file whose bytes are in memory.
    public func addFile(name: String, bytes: [UInt8]) async throws {
        let digest = FileDigest.of(bytes: bytes)
        if let object = try plan(name: name, size: digest.size, checksum: digest.checksum) {
            try await storage.write(object, bytes: bytes)
        }
    }

    /// Adds a local file (hashed and uploaded in bounded memory).
    public func addFile(name: String, localPath: String) async throws {
        let digest = try await FileDigest.of(file: localPath)
        if let object = try plan(name: name, size: digest.size, checksum: digest.checksum) {
            try await storage.write(object, fromLocalFile: localPath)
        }
    }

    /// Records the entry; returns the object to store, or nil when the content is already available.
    private func plan(name: String, size: Int, checksum: UInt128Hash) throws -> String? {
        var entry = BackupFileEntry(name: name, size: size, checksum: size > 0 ? checksum : nil)
        let key = entry.contentKey
        let baseHasIt = size > 0 && (base?.contains(key) ?? false)
        return try lock.withLock {
            guard entries[name] == nil else {
                throw DatabaseError(
                    .backupEntryAlreadyExists, "Entry \(name) already exists in backup \(storage.displayName)")
            }
            var object: String?
            if size == 0 {
            } else if baseHasIt {
                entry.useBase = true
            } else if deduplicateFiles, let existing = stored[key] {
                entry.dataFile = existing
            } else {
                stored[key] = name
                written.append(name)
                storedBytes += size
                object = name
            }
            entries[name] = entry
            return object
        }
    }

    /// Writes `.backup` (only if no other writer committed first) and releases the lock.
    public func commit() async throws {
        let (manifest, task) = lock.withLock { () -> (BackupManifest, Task<Void, Never>?) in
            var manifest = BackupManifest(
                timestamp: UTCTimestamp.text(timestamp), uuid: uuidText, files: Array(entries.values))
            manifest.deduplicateFiles = deduplicateFiles
            manifest.backupID = backupID ?? uuidText
            if let base, entries.values.contains(where: \.useBase) {
                manifest.baseBackup = baseName
                manifest.baseBackupUUID = base.manifest.uuid
                manifest.copyS3CredentialsFromBackup = baseName?.hasPrefix("S3(") == true
            }
            return (manifest, heartbeat)
        }
        task?.cancel()
        if !(storage is NullBackupStorage) {
            let owner = String(decoding: (try? await storage.read(Self.lockPath)) ?? [], as: UTF8.self)
            guard owner == uuidText else {
                throw DatabaseError(
                    .backupAlreadyExists, "Backup \(storage.displayName): the lock was taken over by another writer")
            }
        }
        guard try await storage.createExclusively(Self.manifestPath, bytes: manifest.serialized()) else {
            throw DatabaseError(.backupAlreadyExists, "Backup \(storage.displayName) already exists")
        }
        try await storage.remove([Self.heartbeatPath, Self.lockPath])
        lock.withLock { claimed = false }
    }

    /// Removes every object this writer stored, and its lock.
    public func abort() async {
        let (objects, task, owned) = lock.withLock { (written, heartbeat, claimed) }
        task?.cancel()
        guard owned else { return }
        try? await storage.remove(objects)
        try? await storage.remove([Self.heartbeatPath, Self.lockPath])
    }
}

import Foundation
import SHCodecs
import SHCore
import Synchronization

/// Writes one backup: claims the destination with a conditional create of `.lock`, stores files
/// (skipping those the base chain or this backup already holds), writes `.backup` last and releases the lock.
/// `abort()` removes everything written. Safe to call `addFile` concurrently.
public final class BackupWriter: Sendable {
    /// Where the backup is written.
    public let storage: any BackupStorage
    /// The backup's UUID (`<uuid>` of the manifest, and the content of `.lock`).
    public let uuid: UUID
    let backupID: String?
    let timestamp: Date
    let deduplicateFiles: Bool
    let base: BackupReader?
    let baseName: String?
    /// Whether the manifest says `base_backup_copy_s3_credentials_from_backup` (the base is an S3 backup).
    let copyS3CredentialsToBase: Bool
    let staleLockSeconds: Int
    /// Data files named by checksum (`data_file_name_generator = 'checksum'`): the length of their directory prefix.
    let checksumNamePrefixLength: Int?

    /// What the writer has done so far, behind one lock.
    private struct State {
        var entries: [String: BackupFileEntry] = [:]
        /// Content already stored in this backup → the object that holds it.
        var stored: [ContentKey: String] = [:]
        var written: [String] = []
        var storedBytes = 0
        var heartbeat: Task<Void, Never>?
        var claimed = false
    }
    private let state = Mutex(State())

    /// Counters of what was stored (as opposed to referenced).
    public struct Statistics: Sendable {
        /// Entries of the manifest.
        public var files: Int
        /// Objects written (neither empty, in the base, nor de-duplicated).
        public var storedFiles: Int
        /// Bytes of the objects written.
        public var storedBytes: Int
    }

    /// A writer of a new backup at `storage`; nothing is written before `begin()`. `baseName`: the base as the manifest names it.
    public init(
        storage: any BackupStorage, uuid: UUID, backupID: String?, timestamp: Date, deduplicateFiles: Bool,
        base: BackupReader?, baseName: String?, copyS3CredentialsToBase: Bool = false, staleLockSeconds: Int = 300,
        checksumNamePrefixLength: Int? = nil
    ) throws {
        self.checksumNamePrefixLength = checksumNamePrefixLength
        self.storage = storage
        self.uuid = uuid
        self.backupID = backupID
        self.timestamp = timestamp
        self.deduplicateFiles = deduplicateFiles
        self.base = base
        self.baseName = baseName
        self.copyS3CredentialsToBase = copyS3CredentialsToBase
        self.staleLockSeconds = staleLockSeconds
    }

    /// What was stored so far.
    public var statistics: Statistics {
        state.withLock {
            Statistics(files: $0.entries.count, storedFiles: $0.written.count, storedBytes: $0.storedBytes)
        }
    }

    var uuidText: String { uuid.uuidString.lowercased() }

    /// Claims the destination. A lock left by a writer that stopped heart-beating more than
    /// `staleLockSeconds` ago is cleared together with its partial files.
    public func begin() async throws {
        if try await storage.info(of: BackupLayout.manifestPath) != nil {
            throw DatabaseError(.backupAlreadyExists, "Backup \(storage.displayName) already exists")
        }
        if try await storage.createExclusively(BackupLayout.lockPath, bytes: Array(uuidText.utf8)) {
            return startHeartbeat()
        }
        guard let age = try await BackupLock.age(in: storage), age > Double(staleLockSeconds) else {
            throw DatabaseError(
                .backupAlreadyExists, "Backup \(storage.displayName) is being written already",
                hint: "If no backup is running there, the lock is stale: it is cleared automatically once it is "
                    + "\(staleLockSeconds) s old (SETTINGS stale_lock_seconds = N), or remove \(BackupLayout.lockPath) by hand."
            )
        }
        try await BackupLock.clearAbandoned(in: storage)
        guard try await storage.createExclusively(BackupLayout.lockPath, bytes: Array(uuidText.utf8)) else {
            throw DatabaseError(.backupAlreadyExists, "Backup \(storage.displayName) is being written already")
        }
        startHeartbeat()
    }

    private func startHeartbeat() {
        let storage = self.storage
        let body = BackupLock.heartbeat(uuid: uuidText)
        let task = Task {
            while !Task.isCancelled {
                try? await storage.write(BackupLayout.heartbeatPath, bytes: body())
                try? await Task.sleep(for: .seconds(10))
            }
        }
        state.withLock {
            $0.claimed = true
            $0.heartbeat = task
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

    /// Adds a file whose size and checksum are known (from another backup's manifest); `store` writes its object
    /// when one is needed (not in the base, not de-duplicated), e.g. by a server-side copy.
    public func addFile(
        name: String, size: Int, checksum: UInt128Hash, store: (String) async throws -> Void
    ) async throws {
        if let object = try plan(name: name, size: size, checksum: checksum) { try await store(object) }
    }

    /// Records the entry; returns the object to store, or nil when the content is already available.
    private func plan(name: String, size: Int, checksum: UInt128Hash) throws -> String? {
        var entry = BackupFileEntry(name: name, size: size, checksum: size > 0 ? checksum : nil)
        let key = entry.contentKey
        let baseHasIt = size > 0 && (base?.contains(key) ?? false)
        let displayName = storage.displayName
        return try state.withLock { state in
            guard state.entries[name] == nil else {
                throw DatabaseError(
                    .backupEntryAlreadyExists, "Entry \(name) already exists in backup \(displayName)")
            }
            var object: String?
            if size == 0 {
            } else if baseHasIt {
                entry.useBase = true
            } else if deduplicateFiles, let existing = state.stored[key] {
                entry.dataFile = existing
            } else {
                // Named by checksum, as ClickHouse names them: `<first hex digits>/<the others>`.
                let stored = checksumNamePrefixLength.map { length in
                    let hex = checksum.manifestHex
                    return String(hex.prefix(length)) + "/" + String(hex.dropFirst(length))
                }
                if let stored { entry.dataFile = stored }
                state.stored[key] = stored ?? name
                state.written.append(stored ?? name)
                state.storedBytes += size
                object = stored ?? name
            }
            state.entries[name] = entry
            return object
        }
    }

    /// Writes `.backup` (only if no other writer committed first) and releases the lock.
    public func commit() async throws {
        let (manifest, task) = state.withLock { state -> (BackupManifest, Task<Void, Never>?) in
            var manifest = BackupManifest(
                timestamp: UTCTimestamp.text(timestamp), uuid: uuidText, files: Array(state.entries.values))
            manifest.deduplicateFiles = deduplicateFiles
            if checksumNamePrefixLength != nil { manifest.dataFileNameGenerator = "checksum" }
            manifest.backupID = backupID ?? uuidText
            if let base, state.entries.values.contains(where: \.useBase) {
                manifest.baseBackup = baseName
                manifest.baseBackupUUID = base.manifest.uuid
                manifest.copyS3CredentialsFromBackup = copyS3CredentialsToBase
            }
            return (manifest, state.heartbeat)
        }
        task?.cancel()
        // A storage that discards what it is given cannot show who holds its lock.
        if !storage.capabilities.contains(.discardsData) {
            let owner = String(decoding: (try? await storage.read(BackupLayout.lockPath)) ?? [], as: UTF8.self)
            guard owner == uuidText else {
                throw DatabaseError(
                    .backupAlreadyExists, "Backup \(storage.displayName): the lock was taken over by another writer")
            }
        }
        guard try await storage.createExclusively(BackupLayout.manifestPath, bytes: manifest.serialized()) else {
            throw DatabaseError(.backupAlreadyExists, "Backup \(storage.displayName) already exists")
        }
        try await storage.remove([BackupLayout.heartbeatPath, BackupLayout.lockPath])
        state.withLock { $0.claimed = false }
    }

    /// Removes every object this writer stored, and its lock.
    public func abort() async {
        let (objects, task, owned) = state.withLock { ($0.written, $0.heartbeat, $0.claimed) }
        task?.cancel()
        guard owned else { return }
        try? await storage.remove(objects)
        try? await storage.remove([BackupLayout.heartbeatPath, BackupLayout.lockPath])
    }
}

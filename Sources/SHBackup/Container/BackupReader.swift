import Foundation
import SHCodecs
import SHCore
import SHStorage

/// Reads one backup and, through `base`, its whole chain. Every read is verified against the manifest's
/// size and checksum while it streams: corrupted or truncated objects fail instead of restoring silently.
public final class BackupReader: Sendable {
    /// Where the backup is.
    public let storage: any BackupStorage
    /// Its parsed `.backup`.
    public let manifest: BackupManifest
    /// The base backup, opened only when some file is in it.
    public let base: BackupReader?
    let entries: [String: BackupFileEntry]
    let byContent: [ContentKey: String]

    init(storage: any BackupStorage, manifest: BackupManifest, base: BackupReader?) {
        self.storage = storage
        self.manifest = manifest
        self.base = base
        var entries: [String: BackupFileEntry] = [:]
        var byContent: [ContentKey: String] = [:]
        for entry in manifest.files {
            entries[entry.name] = entry
            if entry.size > 0, byContent[entry.contentKey] == nil { byContent[entry.contentKey] = entry.name }
        }
        self.entries = entries
        self.byContent = byContent
    }

    /// The backup's display name, secrets hidden.
    public var displayName: String { storage.displayName }

    /// The largest `.backup` read: a manifest takes about 250 bytes a file, so this is about a million files.
    public static let maxManifestSize = 256 << 20

    /// Opens the backup at `storage`; `openBase` opens the base the manifest names (in its `<base_backup>`), and is
    /// called only when some file is in the base.
    public static func open(
        storage: any BackupStorage, name: String,
        openBase: @Sendable (BackupManifest) async throws -> BackupReader
    ) async throws -> BackupReader {
        guard let info = try await storage.info(of: BackupLayout.manifestPath) else {
            throw DatabaseError(.backupNotFound, "Backup \(name) not found")
        }
        guard info.size <= maxManifestSize else {
            throw DatabaseError(
                .backupDamaged,
                "Backup \(name): the .backup file is \(info.size) bytes long, more than the \(maxManifestSize) allowed")
        }
        let manifest = try BackupManifest(parsing: try await storage.read(BackupLayout.manifestPath), backupName: name)
        var base: BackupReader?
        if manifest.baseBackup != nil, manifest.files.contains(where: \.useBase) {
            let opened = try await openBase(manifest)
            guard opened.manifest.uuid == manifest.baseBackupUUID else {
                throw DatabaseError(
                    .wrongBaseBackup,
                    "Backup \(name): The base backup \(opened.displayName) has different UUID (\(manifest.baseBackupUUID ?? "") != \(opened.manifest.uuid))"
                )
            }
            base = opened
        }
        return BackupReader(storage: storage, manifest: manifest, base: base)
    }

    /// Every file name in the backup that starts with `prefix`, sorted.
    public func fileNames(under prefix: String) -> [String] {
        entries.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// The manifest's entry of a file.
    public func entry(_ name: String) -> BackupFileEntry? { entries[name] }

    /// Whether this backup (which lists its whole chain's files) holds content with this size and checksum.
    public func contains(_ key: ContentKey) -> Bool { byContent[key] != nil }

    /// A whole file, verified.
    public func read(_ name: String) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        try await stream(name) { bytes += $0 }
        return bytes
    }

    /// Copies a file into a local file, verified; returns its size.
    @discardableResult
    public func copy(_ name: String, toLocalFile path: String) async throws -> Int {
        let handle = try NewFile.open(URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var size = 0
        try await stream(name) { chunk in
            size += chunk.count
            try handle.write(contentsOf: chunk)
        }
        try handle.synchronize()
        return size
    }

    /// Streams a file's bytes to `sink` and checks its size and checksum at the end.
    public func stream(_ name: String, to sink: ([UInt8]) throws -> Void) async throws {
        guard let entry = entries[name] else {
            throw DatabaseError(.backupEntryNotFound, "File \(name) not found in backup \(displayName)")
        }
        var hasher = ChainedFileHasher()
        var size = 0
        try await raw(entry) { chunk in
            hasher.update(chunk)
            size += chunk.count
            guard size <= entry.size else {
                throw DatabaseError(
                    .s3ObjectChangedDuringRead,
                    "The data of file \(name) of backup \(displayName) is longer than the \(entry.size) bytes the manifest says: the object was replaced after the backup was made"
                )
            }
            try sink(chunk)
        }
        guard size == entry.size else {
            throw DatabaseError(
                .s3ObjectChangedDuringRead,
                "The data of file \(name) of backup \(displayName) is \(size) bytes long, while the file of the backup is \(entry.size) bytes long: the object was replaced after the backup was made"
            )
        }
        if entry.size > 0, let expected = entry.checksum {
            let actual = hasher.finalize()
            guard actual == expected else {
                throw DatabaseError(
                    .checksumDoesntMatch,
                    "Checksum mismatch for file \(name) in backup \(displayName) (expected \(expected.manifestHex), got \(actual.manifestHex))"
                )
            }
        }
    }

    /// The bytes of an entry, unverified: from the base, from a de-duplicated object, or from its own object.
    /// `visited` holds the entries already followed through `data_file`, so a crafted manifest whose entries name
    /// each other fails instead of recursing forever.
    private func raw(_ entry: BackupFileEntry, visited: Set<String> = [], sink: ([UInt8]) throws -> Void) async throws {
        if entry.size == 0 { return }
        guard !visited.contains(entry.name), visited.count < 8 else {
            throw DatabaseError(
                .backupDamaged,
                "Backup \(displayName): the data_file entries of \(entry.name) refer to each other in a cycle or a chain too long"
            )
        }
        if entry.useBase {
            let baseSize = entry.baseSize ?? entry.size
            guard let base, let baseName = base.byContent[entry.baseContentKey] else {
                throw DatabaseError(
                    .backupDamaged, "Backup \(displayName): file \(entry.name) is not in its base backup")
            }
            try await base.stream(baseName, to: sink)
            if baseSize == entry.size { return }
        }
        let object = entry.dataFile ?? entry.name
        if object != entry.name, let target = entries[object], target.useBase || target.dataFile != nil {
            return try await raw(target, visited: visited.union([entry.name]), sink: sink)
        }
        for try await chunk in storage.readChunks(object) { try sink(chunk) }
    }

    /// The storage and object that hold all of file `name`'s bytes (through the base and de-duplication), nil when
    /// the file is empty, unknown, or made of a base prefix and bytes of its own.
    public func wholeObject(of name: String) -> (storage: any BackupStorage, object: String)? {
        guard let entry = entries[name] else { return nil }
        return wholeObject(entry, depth: 0)
    }

    private func wholeObject(_ entry: BackupFileEntry, depth: Int) -> (storage: any BackupStorage, object: String)? {
        guard entry.size > 0, depth < 8 else { return nil }
        if entry.useBase {
            guard (entry.baseSize ?? entry.size) == entry.size, let base,
                let baseName = base.byContent[entry.contentKey],
                let baseEntry = base.entries[baseName]
            else { return nil }
            return base.wholeObject(baseEntry, depth: depth + 1)
        }
        let object = entry.dataFile ?? entry.name
        if object != entry.name, let target = entries[object], target.useBase || target.dataFile != nil {
            return wholeObject(target, depth: depth + 1)
        }
        return (storage, object)
    }

    /// Reads every file of the backup (and of its chain where referenced) and returns the problems found.
    public func verifyAll() async -> [String] {
        var problems: [String] = []
        for name in entries.keys.sorted() {
            do {
                try await stream(name) { _ in }
            } catch {
                problems.append(DatabaseError.wrap(error).description)
            }
        }
        return problems
    }
}

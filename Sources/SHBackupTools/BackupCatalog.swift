import Foundation
import SHBackup
import SHCore

/// Every backup under a location (a directory or an S3 prefix), found from the listing of its objects: a directory
/// with a `.backup` (ClickHouse's manifest) or a `.lock`, a directory with backup data and neither, or a tar
/// archive. Works on ClickHouse's backups and SwiftHouse's alike, with no server.
public struct BackupCatalog: Sendable {
    /// The location listed.
    public let location: BackupAddress
    /// The backups found, by name (the path under the location; "" when the location itself is a backup).
    public private(set) var backups: [BackupSummary] = []

    /// How old a lock's heartbeat (else the lock itself) must be for its writer to count as gone.
    public static let defaultStaleLockSeconds = 300.0

    /// Lists `location` and reads every manifest found (not the data).
    public static func scan(_ location: BackupAddress, staleLockSeconds: Double = defaultStaleLockSeconds)
        async throws -> BackupCatalog
    {
        let storage = try location.openStorage()
        var directories: [String: Set<String>] = [:]
        var archives: [String] = []
        for path in try await storage.list(prefix: "") {
            if let (directory, marker) = Self.backupDirectory(of: path) {
                directories[directory, default: []].insert(marker)
            } else if TarBackupStorage.isArchive(path) {
                archives.append(path)
            }
        }
        var catalog = BackupCatalog(location: location)
        for (name, markers) in directories {
            let address = location.appending(name)
            let backupStorage = try address.openStorage()
            catalog.backups.append(
                try await BackupSummary.read(
                    name: name, address: address, storage: backupStorage, markers: markers,
                    staleLockSeconds: staleLockSeconds))
        }
        for name in archives {
            let address = location.appending(name)
            catalog.backups.append(
                try await BackupSummary.read(
                    name: name, address: address, storage: try address.openStorage(), markers: [".backup"],
                    staleLockSeconds: staleLockSeconds))
        }
        catalog.backups.sort { ($0.timestamp, $0.name) < ($1.timestamp, $1.name) }
        catalog.linkChains()
        return catalog
    }

    /// The summary of the backup called `name`.
    public func backup(named name: String) -> BackupSummary? { backups.first { $0.name == name } }

    /// The backup an object of the location belongs to: the one whose directory is the longest prefix of the path
    /// (objects named by checksum, `<hex>/<hex>`, lie outside `data/`); nil when none.
    public func owner(of path: String) -> String? {
        var best: String?
        for backup in backups where backup.name.isEmpty || path.hasPrefix(backup.name + "/") {
            if backup.name.count >= (best?.count ?? -1) { best = backup.name }
        }
        return best
    }

    /// The backups whose base is `name` (directly).
    public func dependents(of name: String) -> [BackupSummary] { backups.filter { $0.baseName == name } }

    /// The directory of the backup an object belongs to and what the object says about it (`.backup`, `.lock`,
    /// `data`): the part of the path before `.backup`/`.lock`/`.lock.heartbeat`, or before its first `data` or
    /// `metadata` component; nil for other objects.
    static func backupDirectory(of path: String) -> (String, String)? {
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let last = components.last else { return nil }
        if [BackupLayout.manifestPath, BackupLayout.lockPath, BackupLayout.heartbeatPath].contains(last) {
            return (components.dropLast().joined(separator: "/"), last == BackupLayout.heartbeatPath ? ".lock" : last)
        }
        for (index, component) in components.enumerated().dropLast()
        where component == "data" || component == "metadata" {
            return (components[..<index].joined(separator: "/"), "data")
        }
        return nil
    }

    /// Resolves each backup's base inside the location, its chain, and marks chains whose base is missing or is
    /// another backup (its UUID differs from the one the manifest recorded).
    private mutating func linkChains() {
        let byName = Dictionary(backups.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for index in backups.indices {
            var chain: [String] = []
            var current = backups[index]
            var broken = false
            while let baseText = current.baseBackup {
                guard let spec = try? BackupChain.parse(baseText), let name = location.relativeName(of: spec) else {
                    // A base outside the listed location: shown as written, checked by `verify`.
                    chain.append(baseText)
                    break
                }
                chain.append(name)
                guard let base = byName[name], base.uuid == current.baseUUID, base.state == .complete,
                    !chain.dropLast().contains(name), chain.count < BackupChain.maxDepth
                else {
                    broken = true
                    break
                }
                current = base
            }
            backups[index].chain = chain
            backups[index].baseName = chain.first.flatMap { byName[$0] != nil ? $0 : nil }
            if broken, backups[index].state == .complete { backups[index].state = .brokenChain }
        }
    }
}

/// What `list` shows of one backup.
public struct BackupSummary: Sendable {
    /// The state of a backup, as `list` reports it.
    public enum State: String, Sendable {
        /// A manifest, and every base of its chain found with the UUID it recorded.
        case complete
        /// No manifest yet; a lock whose writer showed life recently.
        case inProgress = "in progress"
        /// No manifest; a lock whose writer is gone (`unlock` removes it).
        case staleLock = "stale lock"
        /// Backup data without a manifest or a lock: a writer that died without its lock, or a half-deleted backup.
        case incomplete
        /// A manifest whose base is missing or was replaced (its UUID differs).
        case brokenChain = "broken chain"
        /// A manifest that cannot be read.
        case damaged
    }

    /// The path under the location.
    public var name: String
    /// Where it is.
    public var address: BackupAddress
    public var uuid: String = ""
    /// The manifest's timestamp (`YYYY-MM-DD hh:mm:ss`), else the lock's age for unfinished backups.
    public var timestamp: String = ""
    /// The manifest's `<base_backup>`, as written.
    public var baseBackup: String?
    /// The base's UUID the manifest recorded.
    public var baseUUID: String?
    /// The base's name in the location, when it is there.
    public var baseName: String?
    /// The bases, nearest first (names in the location, else the text of the manifest).
    public var chain: [String] = []
    /// Tables (`metadata/<db>/<table>.sql`).
    public var tables = 0
    /// Files of the manifest.
    public var files = 0
    /// Bytes this backup stores itself (not in its base, not de-duplicated).
    public var storedBytes = 0
    /// Bytes of every file the backup restores.
    public var logicalBytes = 0
    public var state: State = .complete
    /// Why the manifest could not be read.
    public var problem: String?

    static func read(
        name: String, address: BackupAddress, storage: any BackupStorage, markers: Set<String>,
        staleLockSeconds: Double
    ) async throws -> BackupSummary {
        var summary = BackupSummary(name: name, address: address)
        guard markers.contains(BackupLayout.manifestPath) else {
            if markers.contains(BackupLayout.lockPath) {
                let age = try await BackupLock.age(in: storage)
                summary.state = (age ?? .infinity) > staleLockSeconds ? .staleLock : .inProgress
            } else {
                summary.state = .incomplete
            }
            return summary
        }
        do {
            guard let info = try await storage.info(of: BackupLayout.manifestPath) else {
                summary.state = .incomplete
                return summary
            }
            guard info.size <= BackupReader.maxManifestSize else {
                throw DatabaseError(
                    .backupDamaged, "the .backup file is \(info.size) bytes long, more than allowed")
            }
            let manifest = try BackupManifest(
                parsing: try await storage.read(BackupLayout.manifestPath), backupName: address.displayName)
            summary.uuid = manifest.uuid
            summary.timestamp = manifest.timestamp
            summary.baseBackup = manifest.baseBackup
            summary.baseUUID = manifest.baseBackupUUID
            summary.files = manifest.files.count
            summary.tables = BackupLayout.Contents(names: manifest.files.map(\.name)).tables.count
            summary.logicalBytes = manifest.files.reduce(0) { $0 &+ $1.size }
            summary.storedBytes = manifest.storedObjects.reduce(0) { $0 &+ $1.size }
        } catch {
            summary.state = .damaged
            summary.problem = DatabaseError.wrap(error).description
        }
        return summary
    }
}

extension BackupManifest {
    /// The objects the backup stores itself, each once (de-duplicated files share one), with their sizes: a
    /// file in the base stores nothing, a file appended to its base's copy stores the appended bytes.
    var storedObjects: [(object: String, size: Int)] {
        var seen: Set<String> = []
        var objects: [(object: String, size: Int)] = []
        let byName = Dictionary(files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in files {
            // Bytes named after another entry that is itself in the base or elsewhere are that entry's.
            if let target = entry.dataFile, target != entry.name, let other = byName[target],
                other.useBase || other.dataFile != nil
            {
                continue
            }
            let size = entry.useBase ? max(0, entry.size - (entry.baseSize ?? entry.size)) : entry.size
            let object = entry.dataFile ?? entry.name
            guard size > 0, seen.insert(object).inserted else { continue }
            objects.append((object, size))
        }
        return objects
    }
}

extension BackupCatalog {
    /// One row per backup, oldest first.
    public var rows: ToolTable {
        var table = ToolTable([
            ("name", .string), ("state", .string), ("uuid", .string), ("timestamp", .string), ("base", .string),
            ("chain", .array(.string)), ("tables", .uint64), ("files", .uint64), ("stored_bytes", .uint64),
            ("logical_bytes", .uint64), ("problem", .string),
        ])
        for backup in backups {
            table.append([
                .string(backup.name), .string(backup.state.rawValue), .string(backup.uuid), .string(backup.timestamp),
                .string(backup.baseName ?? backup.baseBackup ?? ""), .array(backup.chain.map(Value.string)),
                .count(backup.tables), .count(backup.files), .count(backup.storedBytes), .count(backup.logicalBytes),
                .string(backup.problem ?? ""),
            ])
        }
        return table
    }
}

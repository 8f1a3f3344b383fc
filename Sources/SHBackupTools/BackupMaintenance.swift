import Foundation
import SHBackup
import SHCore

/// A change `delete` or `unlock` would make, refused when it would break a chain or a live writer.
public struct MaintenancePlan: Sendable {
    /// The objects to remove, in order (the manifest first, so a half-deleted backup never looks complete).
    public var objects: [(path: String, size: Int)]
    /// Why the change is refused (another backup uses this one as its base, the lock is live); nil when allowed.
    public var refusal: DatabaseError?

    /// The plan as rows.
    public var rows: ToolTable {
        var table = ToolTable([("object", .string), ("size", .uint64)])
        for object in objects { table.append([.string(object.path), .count(object.size)]) }
        return table
    }
}

/// `delete` and `unlock`: the backup is `name` in `catalog`'s location.
public enum BackupMaintenance {
    /// The plan to delete backup `name`: every object of its directory (not other backups' objects under it) or its
    /// archive; refused while another backup of the location has it as its base, unless `force`.
    public static func deletion(of name: String, in catalog: BackupCatalog, force: Bool) async throws
        -> MaintenancePlan
    {
        guard let backup = catalog.backup(named: name) else {
            throw DatabaseError(.backupNotFound, "Backup \(catalog.location.appending(name).displayName) not found")
        }
        let dependents = catalog.dependents(of: name).map(\.name)
        var refusal: DatabaseError?
        if !dependents.isEmpty, !force {
            refusal = DatabaseError(
                .haveDependentObjects,
                "Backup \(backup.address.displayName) is the base of \(dependents.joined(separator: ", ")): deleting it would break them (use --force to delete it anyway)"
            )
        }
        return MaintenancePlan(objects: try await objects(of: name, in: catalog), refusal: refusal)
    }

    /// The plan to remove the lock of backup `name`: refused while its writer shows life (a heartbeat or lock newer
    /// than `staleLockSeconds`). Without a manifest, the dead writer's objects go with the lock.
    public static func unlocking(of name: String, in catalog: BackupCatalog, staleLockSeconds: Double) async throws
        -> MaintenancePlan
    {
        let storage = try catalog.location.appending(name).openStorage()
        guard try await storage.info(of: BackupLayout.lockPath) != nil else {
            throw DatabaseError(
                .badArguments, "Backup \(catalog.location.appending(name).displayName) has no lock to remove")
        }
        let age = try await BackupLock.age(in: storage) ?? .infinity
        var refusal: DatabaseError?
        if age <= staleLockSeconds {
            refusal = DatabaseError(
                .badArguments,
                "The lock of backup \(catalog.location.appending(name).displayName) is live (its writer showed life \(Int(age)) s ago, less than \(Int(staleLockSeconds)) s): refusing to remove it"
            )
        }
        let complete = try await storage.info(of: BackupLayout.manifestPath) != nil
        let objects = try await objects(of: name, in: catalog).filter { object in
            complete
                ? [BackupLayout.lockPath, BackupLayout.heartbeatPath].contains(where: { object.path.hasSuffix($0) })
                : true
        }
        return MaintenancePlan(objects: objects, refusal: refusal)
    }

    /// Applies a plan that is not refused: removes its objects in order; for an unfinished backup also aborts
    /// its incomplete uploads.
    public static func apply(_ plan: MaintenancePlan, of name: String, in catalog: BackupCatalog) async throws {
        if let refusal = plan.refusal { throw refusal }
        let storage = try catalog.location.openStorage()
        // The manifest first: from then on the backup is "incomplete", never "complete" with objects missing.
        let (first, rest) = plan.objects.partitioned { $0.path.hasSuffix(BackupLayout.manifestPath) }
        try await storage.remove(first.map(\.path))
        let (locks, data) = rest.partitioned {
            $0.path.hasSuffix(BackupLayout.lockPath) || $0.path.hasSuffix(BackupLayout.heartbeatPath)
        }
        for batch in stride(from: 0, to: data.count, by: 1000) {
            try await storage.remove(data[batch..<min(batch + 1000, data.count)].map(\.path))
        }
        if !locks.isEmpty {
            try await catalog.location.appending(name).openStorage().abortIncompleteWrites()
            try await storage.remove(locks.map(\.path))
        }
    }

    /// Every object of backup `name` (paths relative to the location), manifest first, with sizes.
    static func objects(of name: String, in catalog: BackupCatalog) async throws -> [(path: String, size: Int)] {
        let storage = try catalog.location.openStorage()
        if TarBackupStorage.isArchive(name), let info = try await storage.info(of: name) {
            let lock = try await storage.list(prefix: name).filter { $0 != name }
            return [(name, info.size)] + lock.map { ($0, 0) }
        }
        let prefix = name.isEmpty ? "" : name + "/"
        // Sizes from the manifest where it names the object (no request per object), else from the storage.
        var known: [String: Int] = [:]
        let manifestPath = prefix + BackupLayout.manifestPath
        if let info = try await storage.info(of: manifestPath), info.size <= BackupReader.maxManifestSize,
            let manifest = try? BackupManifest(parsing: try await storage.read(manifestPath), backupName: name)
        {
            known[manifestPath] = info.size
            for object in manifest.storedObjects { known[prefix + object.object] = object.size }
        }
        var objects: [(path: String, size: Int)] = []
        for path in try await storage.list(prefix: prefix) {
            guard catalog.owner(of: path) == name else { continue }
            if let size = known[path] {
                objects.append((path, size))
            } else {
                objects.append((path, try await storage.info(of: path)?.size ?? 0))
            }
        }
        let manifest = prefix + BackupLayout.manifestPath
        return objects.filter { $0.path == manifest } + objects.filter { $0.path != manifest }
    }
}

extension Array {
    /// The elements that satisfy `belongs`, then the others, each in order.
    fileprivate func partitioned(_ belongs: (Element) -> Bool) -> ([Element], [Element]) {
        (filter(belongs), filter { !belongs($0) })
    }
}

import Foundation
import SHCore

/// Where `File`/`Disk` backups may be written (ClickHouse's `<backups><allowed_path>`/`<allowed_disk>`).
public struct BackupLocations: Sendable {
    public var allowedPath: String?
    /// Disk name → local directory.
    public var disks: [String: String]
    public var environment: [String: String]

    public init(
        allowedPath: String?, disks: [String: String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.allowedPath = allowedPath
        self.disks = disks
        self.environment = environment
    }
}

/// Opens the storage behind a backup engine spec (`S3`, `File`, `Disk`, `Memory`, `Null`).
public enum BackupDestinations {
    /// Opens `spec`. An S3 spec without keys uses the environment's credentials only when `ambientCredentials`
    /// (a destination the user named); otherwise its requests are anonymous.
    public static func open(
        _ spec: BackupEngineSpec, locations: BackupLocations, storageClass: String? = nil,
        ambientCredentials: Bool = true
    ) throws -> any BackupStorage {
        switch spec.name {
        case "S3":
            guard spec.arguments.count == 1 || spec.arguments.count == 3 else {
                throw DatabaseError(
                    .numberOfArgumentsDoesntMatch,
                    "Backup S3 requires 1 or 3 arguments: url, [access_key_id, secret_access_key]")
            }
            return try S3BackupStorage(
                url: spec.arguments[0],
                accessKeyID: spec.arguments.count == 3 ? spec.arguments[1] : nil,
                secretAccessKey: spec.arguments.count == 3 ? spec.arguments[2] : nil,
                displayName: spec.displayName, environment: locations.environment, storageClass: storageClass,
                ambientCredentials: ambientCredentials)
        case "File":
            guard spec.arguments.count == 1 else {
                throw DatabaseError(.badArguments, "Backup engine 'File' requires 1 argument (path)")
            }
            guard let allowed = locations.allowedPath else {
                throw DatabaseError(
                    .invalidConfigParameter,
                    "The 'backups.allowed_path' configuration parameter is not set, cannot use 'File' backup engine")
            }
            let root = try resolve(spec.arguments[0], inside: allowed)
            return LocalDirectoryBackupStorage(root: root, displayName: spec.displayName)
        case "Disk":
            guard spec.arguments.count == 2 else {
                throw DatabaseError(.badArguments, "Backup engine 'Disk' requires 2 arguments (disk name, path)")
            }
            guard let disk = locations.disks[spec.arguments[0]] else {
                throw DatabaseError(.badArguments, "Disk '\(spec.arguments[0])' is not allowed for backups")
            }
            let root = try resolve(spec.arguments[1], inside: disk)
            return LocalDirectoryBackupStorage(root: root, displayName: spec.displayName)
        case "Memory":
            guard spec.arguments.count == 1 else {
                throw DatabaseError(.badArguments, "Backup engine 'Memory' requires 1 argument (name)")
            }
            return MemoryBackupStorage(name: spec.arguments[0], displayName: spec.displayName)
        case "Null":
            return NullBackupStorage(displayName: spec.displayName)
        default:
            throw DatabaseError(.backupEngineNotFound, "Not found backup engine '\(spec.name)'")
        }
    }

    /// `path` relative to `allowed`, or absolute but inside it; anything else is refused.
    static func resolve(_ path: String, inside allowed: String) throws -> URL {
        let base = URL(fileURLWithPath: allowed, isDirectory: true).standardizedFileURL
        let target =
            (path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)).standardizedFileURL
        let basePath = base.path.hasSuffix("/") ? base.path : base.path + "/"
        guard target.path.hasPrefix(basePath), target.path != base.path else {
            throw DatabaseError(.badArguments, "Path '\(path)' is not allowed for backups")
        }
        return target
    }
}

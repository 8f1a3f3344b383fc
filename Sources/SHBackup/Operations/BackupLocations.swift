import Foundation
import SHCore

/// Where `File`/`Disk` backups may be written (ClickHouse's `<backups><allowed_path>`/`<allowed_disk>`).
public struct BackupLocations: Sendable {
    /// The directory `File('path')` backups must lie in (`backups.allowed_path`); nil forbids `File`.
    public var allowedPath: String?
    /// Disk name → local directory.
    public var disks: [String: String]
    /// The environment S3 credentials are taken from when a spec has no keys.
    public var environment: [String: String]

    /// Locations with the given allowed path and disks, and the process's environment unless given.
    public init(
        allowedPath: String?, disks: [String: String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.allowedPath = allowedPath
        self.disks = disks
        self.environment = environment
    }
}

extension BackupLocations {
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

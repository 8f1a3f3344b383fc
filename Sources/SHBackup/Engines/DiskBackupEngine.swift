import SHCore

/// `Disk('disk', 'path')`: a directory on a disk allowed for backups.
struct DiskBackupEngine: BackupEngine {
    var name: String { "Disk" }

    func open(_ spec: BackupEngineSpec, locations: BackupLocations, options: BackupEngineOptions) throws
        -> any BackupStorage
    {
        let given = try arguments(of: spec, "disk name", "path")
        guard let disk = locations.disks[given[0]] else {
            throw DatabaseError(.badArguments, "Disk '\(given[0])' is not allowed for backups")
        }
        let root = try BackupLocations.resolve(given[1], inside: disk)
        return LocalDirectoryBackupStorage(root: root, displayName: spec.displayName)
    }
}

import SHCore

/// `Disk('disk', 'path')`: a directory on a disk allowed for backups.
struct DiskBackupEngine: BackupEngine {
    var name: String { "Disk" }

    func open(_ spec: BackupEngineSpec, locations: BackupLocations, options: BackupEngineOptions) throws
        -> any BackupStorage
    {
        guard spec.arguments.count == 2 else {
            throw DatabaseError(.badArguments, "Backup engine 'Disk' requires 2 arguments (disk name, path)")
        }
        guard let disk = locations.disks[spec.arguments[0]] else {
            throw DatabaseError(.badArguments, "Disk '\(spec.arguments[0])' is not allowed for backups")
        }
        let root = try BackupLocations.resolve(spec.arguments[1], inside: disk)
        return LocalDirectoryBackupStorage(root: root, displayName: spec.displayName)
    }
}

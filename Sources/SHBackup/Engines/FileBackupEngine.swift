import SHCore

/// `File('path')`: a directory inside `backups.allowed_path`.
struct FileBackupEngine: BackupEngine {
    var name: String { "File" }

    func open(_ spec: BackupEngineSpec, locations: BackupLocations, options: BackupEngineOptions) throws
        -> any BackupStorage
    {
        let path = try arguments(of: spec, "path")[0]
        guard let allowed = locations.allowedPath else {
            throw DatabaseError(
                .invalidConfigParameter,
                "The 'backups.allowed_path' configuration parameter is not set, cannot use 'File' backup engine")
        }
        let root = try BackupLocations.resolve(path, inside: allowed)
        return LocalDirectoryBackupStorage(root: root, displayName: spec.displayName)
    }
}

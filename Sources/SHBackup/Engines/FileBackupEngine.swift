import SHCore

/// `File('path')`: a directory inside `backups.allowed_path`.
struct FileBackupEngine: BackupEngine {
    var name: String { "File" }

    func open(_ spec: BackupEngineSpec, locations: BackupLocations, options: BackupEngineOptions) throws
        -> any BackupStorage
    {
        guard spec.arguments.count == 1 else {
            throw DatabaseError(.badArguments, "Backup engine 'File' requires 1 argument (path)")
        }
        guard let allowed = locations.allowedPath else {
            throw DatabaseError(
                .invalidConfigParameter,
                "The 'backups.allowed_path' configuration parameter is not set, cannot use 'File' backup engine")
        }
        let root = try BackupLocations.resolve(spec.arguments[0], inside: allowed)
        return LocalDirectoryBackupStorage(root: root, displayName: spec.displayName)
    }
}

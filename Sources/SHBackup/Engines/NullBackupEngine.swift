/// `Null`: a backup that writes nothing (to measure reading).
struct NullBackupEngine: BackupEngine {
    var name: String { "Null" }

    func open(_ spec: BackupEngineSpec, locations: BackupLocations, options: BackupEngineOptions) throws
        -> any BackupStorage
    {
        NullBackupStorage(displayName: spec.displayName)
    }
}

import SHCore

/// `Memory('name')`: a backup kept in this process's memory.
struct MemoryBackupEngine: BackupEngine {
    var name: String { "Memory" }

    func open(_ spec: BackupEngineSpec, locations: BackupLocations, options: BackupEngineOptions) throws
        -> any BackupStorage
    {
        let name = try arguments(of: spec, "name")[0]
        return MemoryBackupStorage(name: name, displayName: spec.displayName)
    }
}

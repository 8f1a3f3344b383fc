import SHCore

/// `Memory('name')`: a backup kept in this process's memory.
struct MemoryBackupEngine: BackupEngine {
    var name: String { "Memory" }

    func open(_ spec: BackupEngineSpec, locations: BackupLocations, options: BackupEngineOptions) throws
        -> any BackupStorage
    {
        guard spec.arguments.count == 1 else {
            throw DatabaseError(.badArguments, "Backup engine 'Memory' requires 1 argument (name)")
        }
        return MemoryBackupStorage(name: spec.arguments[0], displayName: spec.displayName)
    }
}

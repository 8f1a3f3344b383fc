import Foundation
import SHCore

/// How a backup engine opens its storage beyond the spec itself.
public struct BackupEngineOptions: Sendable {
    /// The S3 storage class of the objects written (`s3_storage_class`), or nil for the bucket's default.
    public var storageClass: String?
    /// Whether an S3 spec without keys may use the environment's credentials (a destination the user named);
    /// otherwise its requests are anonymous.
    public var ambientCredentials: Bool

    /// Options with the given storage class and credential rule.
    public init(storageClass: String? = nil, ambientCredentials: Bool = true) {
        self.storageClass = storageClass
        self.ambientCredentials = ambientCredentials
    }
}

/// A backup engine (`S3(…)`, `File(…)`, `Disk(…)`, `Memory(…)`, `Null`): checks its arguments and opens the
/// storage they name. Adding an engine is one file conforming to this plus one line in
/// `BackupEngineRegistry.engines`.
public protocol BackupEngine: Sendable {
    /// The name written in `TO name(…)` (case-sensitive, as in ClickHouse).
    var name: String { get }
    /// Opens the storage of `spec` (whose name is this engine's), inside `locations` where the engine writes
    /// to local directories.
    func open(_ spec: BackupEngineSpec, locations: BackupLocations, options: BackupEngineOptions) throws
        -> any BackupStorage
}

extension BackupEngine {
    /// The arguments of `spec` when they are the ones `names` describe; `BAD_ARGUMENTS` naming them otherwise.
    func arguments(of spec: BackupEngineSpec, _ names: String...) throws -> [String] {
        guard spec.arguments.count == names.count else {
            let count = names.count == 1 ? "1 argument" : "\(names.count) arguments"
            throw DatabaseError(
                .badArguments, "Backup engine '\(name)' requires \(count) (\(names.joined(separator: ", ")))")
        }
        return spec.arguments
    }
}

/// Every backup engine, by name.
public enum BackupEngineRegistry {
    /// The registered engines; one line per engine.
    static let engines = Registry<any BackupEngine>(
        [
            S3BackupEngine(),
            FileBackupEngine(),
            DiskBackupEngine(),
            MemoryBackupEngine(),
            NullBackupEngine(),
        ], name: \.name
    ) { DatabaseError(.backupEngineNotFound, "Not found backup engine '\($0)'") }

    /// The engines' names, sorted.
    public static var names: [String] { engines.names }

    /// The engine called `name`; `BACKUP_ENGINE_NOT_FOUND` (`Not found backup engine 'X'`) when there is none.
    public static func engine(named name: String) throws -> any BackupEngine { try engines.entry(named: name) }

    /// Opens the storage of `spec` through its engine.
    public static func open(_ spec: BackupEngineSpec, locations: BackupLocations, options: BackupEngineOptions)
        throws -> any BackupStorage
    {
        let storage = try engine(named: spec.name).open(spec, locations: locations, options: options)
        guard let (container, name) = storage.archiveContainer() else { return storage }
        if TarBackupStorage.isArchive(name) {
            return TarBackupStorage(container: container, archive: name, displayName: spec.displayName)
        }
        if [".zip", ".zipx"].contains(where: name.lowercased().hasSuffix) {
            throw DatabaseError(.notImplemented, "Backups in zip archives are not supported yet (\(spec.displayName))")
        }
        return storage
    }
}

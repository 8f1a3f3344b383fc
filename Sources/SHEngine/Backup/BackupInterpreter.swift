import Foundation
import SHBackup
import SHColumns
import SHCore
import SHSQL

/// BACKUP and RESTORE statements: parses the engine and settings, registers the operation in
/// `system.backups`, runs it (in the background with `ASYNC`) and returns the `id | status` row.
struct BackupInterpreter {
    let context: QueryContext

    func backup(_ query: BackupQuery) async throws -> QueryResult {
        let spec = try Self.engineSpec(query.engine)
        let settings = try parseSettings(query)
        let id = settings.id ?? UUID().uuidString.lowercased()
        let storage = try BackupDestinations.open(spec, locations: locations, storageClass: settings.s3StorageClass)
        try context.engine.backups.start(
            id: id, name: spec.displayName, baseBackupName: settings.baseBackup?.displayName ?? "", restoring: false)
        let job = BackupJob(
            context: context, id: id, elements: query.elements, storage: storage, settings: settings,
            locations: locations)
        return try await run(id: id, async: query.async ?? settings.async, restoring: false) { try await job.run() }
    }

    func restore(_ query: BackupQuery) async throws -> QueryResult {
        let spec = try Self.engineSpec(query.engine)
        let settings = try parseSettings(query)
        let id = settings.id ?? UUID().uuidString.lowercased()
        let storage = try BackupDestinations.open(spec, locations: locations)
        try context.engine.backups.start(
            id: id, name: spec.displayName, baseBackupName: settings.baseBackup?.displayName ?? "", restoring: true)
        let job = RestoreJob(
            context: context, id: id, elements: query.elements, storage: storage, spec: spec, settings: settings,
            locations: locations)
        return try await run(id: id, async: query.async ?? settings.async, restoring: true) { try await job.run() }
    }

    private var locations: BackupLocations {
        BackupLocations(allowedPath: context.engine.configuration.allowedBackupPath, disks: disks)
    }

    private var disks: [String: String] {
        var disks = context.engine.configuration.disks
        if disks["backups"] == nil, let path = context.engine.configuration.allowedBackupPath {
            disks["backups"] = path
        }
        return disks
    }

    /// Runs the operation now, or in a background task for ASYNC; records the final status.
    private func run(id: String, async: Bool, restoring: Bool, _ body: @escaping @Sendable () async throws -> Void)
        async throws -> QueryResult
    {
        let operations = context.engine.backups
        let success: BackupStatus = restoring ? .restored : .backupCreated
        let failure: BackupStatus = restoring ? .restoreFailed : .backupFailed
        if async {
            let task = Task {
                do {
                    try await body()
                    operations.finish(id, status: success)
                } catch {
                    operations.finish(id, status: failure, error: DatabaseError.wrap(error).description)
                }
            }
            operations.attach(id, task: task)
            return statusRow(id: id, status: restoring ? .restoring : .creatingBackup)
        }
        do {
            try await body()
        } catch {
            operations.finish(id, status: failure, error: DatabaseError.wrap(error).description)
            throw error
        }
        operations.finish(id, status: success)
        return statusRow(id: id, status: success)
    }

    private func statusRow(id: String, status: BackupStatus) -> QueryResult {
        let header = [ColumnDescription(name: "id", type: .string), ColumnDescription(name: "status", type: .string)]
        return .rows(
            header,
            Chunk(columns: [
                Column(type: .string, values: [.string(id)]),
                Column(type: .string, values: [.string(status.description)]),
            ]))
    }

    private func parseSettings(_ query: BackupQuery) throws -> BackupSettings {
        var values: [(String, Value)] = []
        var base: BackupEngineSpec?
        for assignment in query.settings {
            if assignment.name == "base_backup" {
                guard case .function(let call) = assignment.value else {
                    throw DatabaseError(.cannotParseBackupSettings, "Setting base_backup must be a backup engine")
                }
                base = try Self.engineSpec(call)
                continue
            }
            guard case .literal(let literal) = assignment.value else {
                throw DatabaseError(.cannotParseBackupSettings, "Cannot parse setting \(assignment.name)")
            }
            values.append((assignment.name, literal.value))
        }
        let settings = try BackupSettings(values: values, baseBackup: base)
        for name in settings.coreSettings.keys where !SettingsCatalog.known.contains(name) {
            throw DatabaseError(.unknownSetting, "Unknown setting '\(name)'")
        }
        return settings
    }

    /// Evaluates `S3('url', 'key', 'secret')` to a spec of strings. `extra_credentials(role_arn = …)` (ClickHouse
    /// Cloud's assumed roles) is refused: SwiftHouse cannot honour it.
    static func engineSpec(_ call: FunctionCall) throws -> BackupEngineSpec {
        var arguments: [String] = []
        for argument in call.arguments {
            switch argument {
            case .literal(.string(let text)): arguments.append(text)
            case .literal(.unsignedInteger(let v)): arguments.append(String(v))
            case .function(let inner) where inner.name == "extra_credentials":
                throw DatabaseError(
                    .badArguments,
                    "extra_credentials of backup engine \(call.name) is not supported by SwiftHouse (it is a ClickHouse Cloud feature): give the access key id and secret access key as arguments, or set them in the environment"
                )
            default:
                throw DatabaseError(.badArguments, "Backup engine \(call.name) expects string literals as arguments")
            }
        }
        return BackupEngineSpec(name: call.name, arguments: arguments)
    }
}

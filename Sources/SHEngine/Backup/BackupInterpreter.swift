import Foundation
import SHBackup
import SHColumns
import SHCore
import SHSQL

/// BACKUP and RESTORE statements: turns the query into an engine spec, settings and elements, hands them to the
/// engine's `BackupsWorker` and returns the `id | status` row.
struct BackupInterpreter {
    let context: QueryContext

    /// `BACKUP … TO …`.
    func backup(_ query: BackupQuery) async throws -> QueryResult { try await run(query, restoring: false) }

    /// `RESTORE … FROM …`.
    func restore(_ query: BackupQuery) async throws -> QueryResult { try await run(query, restoring: true) }

    private func run(_ query: BackupQuery, restoring: Bool) async throws -> QueryResult {
        let spec = try BackupEngineSpec(evaluating: query.engine)
        let settings = try parseSettings(query)
        let async = query.async ?? settings.async
        let host = EngineBackupHost(context: context)
        let worker = context.engine.backups
        let (id, status) =
            restoring
            ? try await worker.restore(query.elements, from: spec, settings: settings, async: async, host: host)
            : try await worker.backup(query.elements, to: spec, settings: settings, async: async, host: host)
        return statusRow(id: id, status: status)
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

    /// The SETTINGS clause: `base_backup` as an engine, the rest as values; settings that are neither backup
    /// settings nor known session settings are refused.
    private func parseSettings(_ query: BackupQuery) throws -> BackupSettings {
        var values: [(String, Value)] = []
        var base: BackupEngineSpec?
        for assignment in query.settings {
            if assignment.name == "base_backup" {
                guard case .function(let call) = assignment.value else {
                    throw DatabaseError(.cannotParseBackupSettings, "Setting base_backup must be a backup engine")
                }
                base = try BackupEngineSpec(evaluating: call)
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
}

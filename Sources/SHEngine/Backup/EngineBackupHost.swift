import Foundation
import SHBackup
import SHCodecs
import SHSQL
import SHStorage

/// The engine as the backup pipeline sees it (SHBackup's `BackupHost`): the one file through which BACKUP and
/// RESTORE reach the catalog, the DDL interpreters and the part check (which needs the Binder).
struct EngineBackupHost: BackupHost {
    let context: QueryContext
    /// The Backup database being attached, the one read-only database tables may be restored into.
    var attaching: String?

    init(context: QueryContext, attaching: String? = nil) {
        self.context = context
        self.attaching = attaching
    }

    var catalog: Catalog { context.catalog }

    var locations: BackupLocations {
        var disks = context.engine.configuration.disks
        if disks["backups"] == nil, let path = context.engine.configuration.allowedBackupPath {
            disks["backups"] = path
        }
        return BackupLocations(allowedPath: context.engine.configuration.allowedBackupPath, disks: disks)
    }

    var temporaryDirectory: URL { context.engine.path.appendingPathComponent("tmp") }

    func qualify(_ name: TableName) -> (database: String, table: String) { context.qualify(name) }

    func canonicalTableDefinition(_ query: CreateTableQuery, database: String) throws -> CreateTableQuery {
        try TableInterpreter.canonical(query, database: database, checkCodecChains: false)
    }

    func createTable(_ definition: CreateTableQuery, database: String) throws -> any Table {
        try BackupDatabase.refuseCreate(in: database, catalog: catalog, attaching: attaching)
        return try TableInterpreter(context: context).createTable(definition, database: database, uuid: UUID())
    }

    func dropTable(database: String, table: String) throws {
        try TableInterpreter(context: context).dropTable(database: database, table: table)
    }

    func createDatabase(_ name: String) throws {
        try DatabaseInterpreter.createDatabase(name: name, engine: context.engine)
    }

    func dropDatabase(_ name: String) throws {
        try DatabaseInterpreter.drop(name, ifExists: true, engine: context.engine)
    }

    func dataDirectory(database: String, table: String) -> URL {
        context.engine.metadata.dataDirectory(database: database, table: table)
    }

    func checkRestoredPart(
        _ directory: URL, name: PartName, table: MergeTreeTable, verified: [String: (size: Int, hash: UInt128Hash)]
    ) throws {
        try PartVerification.checkReadable(directory, name: name, table: table, context: context, verified: verified)
    }
}

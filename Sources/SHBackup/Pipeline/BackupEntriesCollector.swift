import Foundation
import SHCore
import SHSQL
import SHStorage

/// Gathers what a BACKUP writes (ClickHouse's `BackupEntriesCollector`): walks the elements through the catalog,
/// adds the CREATE query of every database and table (`BackupLayout`'s `metadata/` paths) and, unless
/// `structure_only`, each table's data as the table itself gives it (`BackupableTable.backupData`).
struct BackupEntriesCollector {
    /// A file to put into the backup: its name in the backup and where its bytes are.
    struct Entry: Sendable {
        var name: String
        var source: TableBackupEntry.Source
    }

    let host: any BackupHost
    let elements: [BackupElement]
    let structureOnly: Bool

    /// Every entry of the elements, metadata and data; parts are hard-linked under `snapshotDirectory` first, so that
    /// merges or drops running meanwhile cannot remove them.
    func collect(snapshotDirectory: URL) throws -> [Entry] {
        var entries: [Entry] = []
        var seenTables = Set<String>()
        let catalog = host.catalog
        func addTable(_ table: any Table, as target: (String, String), partitions: [String]?) throws {
            guard seenTables.insert("\(target.0).\(target.1)").inserted else { return }
            var query = table.createQuery
            query.name = TableName(database: target.0, table: target.1)
            query.uuid = table.uuid.uuidString.lowercased()
            entries.append(
                Entry(
                    name: BackupLayout.tableMetadataPath(database: target.0, table: target.1),
                    source: .bytes(Array(SQLFormatter.createTable(query, pretty: false).utf8))))
            guard !structureOnly, let backupable = table as? any BackupableTable else { return }
            let snapshot = snapshotDirectory.appendingPathComponent(
                BackupLayout.tableDirectory(database: target.0, table: target.1))
            for entry in try backupable.backupData(partitions: partitions, snapshotDirectory: snapshot) {
                entries.append(
                    Entry(
                        name: BackupLayout.tableDataPath(
                            database: target.0, table: target.1, relativePath: entry.relativePath),
                        source: entry.source))
            }
        }
        func addDatabase(_ name: String, as target: String, except: Set<String>) throws {
            guard let database = catalog.database(name) else {
                throw DatabaseError(.unknownDatabase, "Database \(name) does not exist")
            }
            let create = CreateDatabaseQuery(
                name: target, uuid: database.uuid.uuidString.lowercased(), engine: database.engine)
            entries.append(
                Entry(
                    name: BackupLayout.databaseMetadataPath(target),
                    source: .bytes(Array(SQLFormatter.createDatabase(create).utf8))))
            for table in try catalog.tables(in: name) where !except.contains(table.name) {
                try addTable(table, as: (target, table.name), partitions: nil)
            }
        }
        for element in elements {
            switch element {
            case .table(let name, let newName, let partitions):
                let (database, tableName) = host.qualify(name)
                guard catalog.hasDatabase(database) else {
                    throw DatabaseError(.unknownDatabase, "Database \(database) does not exist")
                }
                guard let table = catalog.tableIfExists(database: database, name: tableName) else {
                    throw DatabaseError(.unknownTable, "Table \(database).\(tableName) was not found")
                }
                let target = newName.map { host.qualify($0) } ?? (database, tableName)
                try addTable(table, as: target, partitions: try partitions.map(PartitionFilter.ids))
            case .database(let name, let newName, let except):
                try addDatabase(name, as: newName ?? name, except: Set(except.map(\.table)))
            case .all(let exceptDatabases, let exceptTables):
                for name in catalog.databaseNames() where !exceptDatabases.contains(name) {
                    let except = Set(exceptTables.filter { ($0.database ?? name) == name }.map(\.table))
                    try addDatabase(name, as: name, except: except)
                }
            case .temporaryTable(let name, _):
                throw DatabaseError(.notImplemented, "Backup of temporary table \(name) is not supported")
            }
        }
        return entries
    }
}

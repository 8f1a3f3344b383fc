import Foundation
import SHCore
import SHSQL
import SHStorage

/// One RESTORE from an opened backup (ClickHouse's `RestorerFromBackup`), in ClickHouse's stages: finding tables in
/// the backup → creating databases → creating tables → inserting data (each table reads and checks its own data,
/// `BackupableTable.restoreDataFromBackup`, nothing visible yet) → finalizing (every table makes its data visible).
/// On failure nothing stays visible: what was prepared is discarded and the tables and databases it created are
/// dropped.
struct RestorerFromBackup {
    /// A table to restore: where it is in the backup and where it goes.
    struct Item {
        var sourceDatabase: String
        var sourceTable: String
        var target: (database: String, table: String)
        /// `PARTITION(S) …` of the element: only these partition ids are restored (nil: all).
        var partitions: [String]? = nil
    }

    let host: any BackupHost
    let reader: BackupReader
    let elements: [BackupElement]
    let settings: BackupSettings
    let progress: BackupProgressRecorder

    /// Runs every stage.
    func run() async throws {
        let contents = BackupLayout.Contents(names: reader.fileNames(under: BackupLayout.metadataPrefix))
        let items = try findTables(contents)
        var createdTables: [(String, String)] = []
        var createdDatabases: [String] = []
        var prepared: [any RestoredTableData] = []
        do {
            progress.stage(.creatingDatabases)
            createdDatabases = try createDatabases(items, contents: contents)
            progress.stage(.creatingTables)
            var tables: [(Item, any Table)] = []
            for item in items {
                let (table, created) = try await createTable(item)
                if created { createdTables.append(item.target) }
                tables.append((item, table))
            }
            if settings.restoresTableData {
                progress.stage(.insertingData)
                for (item, table) in tables {
                    if let data = try await restoreData(item, into: table) { prepared.append(data) }
                }
                progress.stage(.finalizing)
                for data in prepared { try data.finalize() }
            }
            for (database, table) in createdTables {
                RestoreMarker.clear(host.dataDirectory(database: database, table: table))
            }
        } catch {
            for data in prepared { data.discard() }
            for (database, table) in createdTables { try? host.dropTable(database: database, table: table) }
            for database in createdDatabases { try? host.dropDatabase(database) }
            throw error
        }
        progress.stage(.completed)
    }

    /// Which tables of the backup the elements name, and their targets.
    private func findTables(_ inBackup: BackupLayout.Contents) throws -> [Item] {
        var items: [Item] = []
        for element in elements {
            switch element {
            case .table(let name, let newName, let partitions):
                let source = host.qualify(name)
                guard inBackup.contains(database: source.database, table: source.table) else {
                    throw DatabaseError(
                        .backupEntryNotFound, "Table \(source.database).\(source.table) not found in backup",
                        hint: inBackup.hint)
                }
                items.append(
                    Item(
                        sourceDatabase: source.database, sourceTable: source.table,
                        target: newName.map { host.qualify($0) } ?? source,
                        partitions: try partitions.map(PartitionFilter.ids)))
            case .database(let name, let newName, let except):
                let tables = inBackup.tables.filter { $0.database == name && !except.map(\.table).contains($0.table) }
                guard inBackup.databases.contains(name) || !tables.isEmpty else {
                    throw DatabaseError(
                        .backupEntryNotFound, "Database \(name) not found in backup", hint: inBackup.hint)
                }
                items += tables.map {
                    Item(sourceDatabase: $0.database, sourceTable: $0.table, target: (newName ?? name, $0.table))
                }
            case .all(let exceptDatabases, let exceptTables):
                items += inBackup.tables.filter { table in
                    !exceptDatabases.contains(table.database)
                        && !exceptTables.contains {
                            ($0.database ?? table.database) == table.database && $0.table == table.table
                        }
                }.map { Item(sourceDatabase: $0.database, sourceTable: $0.table, target: ($0.database, $0.table)) }
            case .temporaryTable(let name, _):
                throw DatabaseError(.notImplemented, "Restore of temporary table \(name) is not supported")
            }
        }
        return items
    }

    /// Creates the target databases that do not exist; returns them. As in ClickHouse, a database is created only
    /// when the backup holds its definition.
    private func createDatabases(_ items: [Item], contents: BackupLayout.Contents) throws -> [String] {
        var created: [String] = []
        let inBackup = Set(contents.databases)
        do {
            for item in items where !host.catalog.hasDatabase(item.target.database) {
                let database = item.target.database
                if settings.createDatabase == .mustExist || !inBackup.contains(item.sourceDatabase) {
                    throw DatabaseError(
                        .unknownDatabase,
                        "Database \(database) does not exist: While creating table \(database).\(item.target.table)")
                }
                try host.createDatabase(database)
                created.append(database)
            }
        } catch {
            for database in created { try? host.dropDatabase(database) }
            throw error
        }
        return created
    }

    /// Creates the target table or checks the existing one, per create_table / allow_* settings; returns it and
    /// whether it was created (then it carries a `RestoreMarker` until the RESTORE finishes).
    private func createTable(_ item: Item) async throws -> (any Table, Bool) {
        let path = BackupLayout.tableMetadataPath(database: item.sourceDatabase, table: item.sourceTable)
        let text = String(decoding: try await reader.read(path), as: UTF8.self)
        guard case .createTable(let backedUp) = try Parser.parseStatement(text).statement else {
            throw DatabaseError(
                .backupDamaged, "Backup \(reader.displayName): \(path) does not hold a CREATE TABLE query")
        }
        var definition = try host.canonicalTableDefinition(backedUp, database: item.target.database)
        definition.name = TableName(database: item.target.database, table: item.target.table)
        definition.uuid = nil
        let qualified = "\(item.target.database).\(item.target.table)"
        if let existing = host.catalog.tableIfExists(database: item.target.database, name: item.target.table) {
            if settings.createTable == .create {
                throw DatabaseError(
                    .tableAlreadyExists, "Table \(qualified) already exists: While creating table \(qualified)")
            }
            var current = existing.createQuery
            current.uuid = nil
            if !settings.allowDifferentTableDefinition, current != definition {
                throw DatabaseError(
                    .cannotRestoreTable,
                    "The table has a different definition: \(SQLFormatter.createTable(existing.createQuery, pretty: false)) comparing to its definition in the backup: \(SQLFormatter.createTable(backedUp, pretty: false)): While checking table \(qualified)"
                )
            }
            if settings.restoresTableData, !settings.allowNonEmptyTables, existing.totalRows > 0 {
                throw DatabaseError(
                    .cannotRestoreTable,
                    "Cannot restore the table \(qualified) because it already contains some data. You can set structure_only=true, restore_table_data=false or allow_non_empty_tables=true to overcome that in the way you want: While restoring data of table \(qualified)"
                )
            }
            return (existing, false)
        }
        if settings.createTable == .mustExist {
            throw DatabaseError(.unknownTable, "Table \(qualified) does not exist: While checking table \(qualified)")
        }
        let table = try host.createTable(definition, database: item.target.database)
        try RestoreMarker.set(host.dataDirectory(database: item.target.database, table: item.target.table))
        return (table, true)
    }

    /// Has the table read and check its data from the backup (nil when the backup holds none for it).
    private func restoreData(_ item: Item, into table: any Table) async throws -> (any RestoredTableData)? {
        let source = TableDataInBackup(
            reader: reader, database: item.sourceDatabase, table: item.sourceTable, progress: progress,
            throttle: settings.maxBandwidth.map { Throttle(bytesPerSecond: $0) })
        guard !source.files.isEmpty else { return nil }
        guard let backupable = table as? any BackupableTable else {
            throw DatabaseError(
                .cannotRestoreTable,
                "Cannot restore data of table \(table.qualifiedName) with engine \(table.engineName)")
        }
        let host = self.host
        let options = TableRestoreOptions(
            partitions: item.partitions, detachBrokenParts: settings.restoreBrokenPartsAsDetached
        ) { directory, name, table, verified in
            try host.checkRestoredPart(directory, name: name, table: table, verified: verified)
        }
        return try await backupable.restoreDataFromBackup(source, options: options)
    }
}

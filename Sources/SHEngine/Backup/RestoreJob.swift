import Foundation
import SHBackup
import SHCodecs
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// One RESTORE: finds the requested tables in the backup, creates databases and tables, downloads and
/// verifies every part file into temporary directories, and only then attaches the parts.
/// On failure nothing stays visible: temporary files are removed and tables/databases it created are dropped.
struct RestoreJob: Sendable {
    let context: QueryContext
    let id: String
    let elements: [BackupElement]
    let storage: any BackupStorage
    let spec: BackupEngineSpec
    let settings: BackupSettings
    let locations: BackupLocations

    /// A table to restore: where it is in the backup and where it goes.
    struct Item {
        var sourceDatabase: String
        var sourceTable: String
        var target: (database: String, table: String)
        /// `PARTITION(S) …` of the element: only these partition ids are restored (nil: all).
        var partitions: [String]? = nil
    }

    func run() async throws {
        let operations = context.engine.backups
        operations.update(id) { $0.stage = BackupStage.findingTablesInBackup.rawValue }
        let spec = self.spec
        let settings = self.settings
        let locations = self.locations
        // A RESTORE's own `base_backup` setting overrides the base its manifest names (both are then followed).
        let reader: BackupReader
        if let base = settings.baseBackup {
            let baseReader = try await BackupChain.open(
                base, origin: .user, locations: locations, sameCredentialsForBase: settings.sameS3CredentialsForBase)
            reader = try await BackupReader.open(storage: storage, name: spec.displayName) { _ in baseReader }
        } else {
            reader = try await BackupChain.open(
                spec, storage: storage, origin: .user, locations: locations,
                sameCredentialsForBase: settings.sameS3CredentialsForBase)
        }
        let items = try plan(reader)
        var createdTables: [(String, String)] = []
        var createdDatabases: [String] = []
        var prepared: [PreparedPart] = []
        do {
            operations.update(id) { $0.stage = BackupStage.creatingDatabases.rawValue }
            let inBackup = Set(BackupContents(names: reader.fileNames(under: "metadata/")).databases)
            for item in items where !context.catalog.hasDatabase(item.target.database) {
                let database = item.target.database
                // As in ClickHouse, a database is created only when the backup holds its definition.
                if settings.createDatabase == .mustExist || !inBackup.contains(item.sourceDatabase) {
                    throw DatabaseError(
                        .unknownDatabase,
                        "Database \(database) does not exist: While creating table \(database).\(item.target.table)")
                }
                try DatabaseInterpreter.createDatabase(name: database, engine: context.engine)
                createdDatabases.append(database)
            }
            operations.update(id) { $0.stage = BackupStage.creatingTables.rawValue }
            var tables: [(Item, any Table)] = []
            for item in items {
                let (table, created) = try await prepareTable(item, reader: reader)
                if created { createdTables.append(item.target) }
                tables.append((item, table))
            }
            if settings.restoresTableData {
                operations.update(id) { $0.stage = BackupStage.insertingData.rawValue }
                var memoryRows: [(MemoryTable, [Chunk])] = []
                for (item, table) in tables {
                    if let memory = table as? MemoryTable {
                        memoryRows.append((memory, try await memoryChunks(item, table: memory, reader: reader)))
                    } else {
                        prepared += try await downloadParts(item, into: table, reader: reader)
                    }
                }
                operations.update(id) { $0.stage = BackupStage.finalizing.rawValue }
                for part in prepared {
                    if part.broken {
                        try part.table.detachBroken(preparedPart: part.directory, originalName: part.name)
                    } else {
                        _ = try part.table.attach(preparedPart: part.directory, originalName: part.name)
                    }
                }
                for (table, chunks) in memoryRows { try table.insert(chunks.map { InsertBlock(chunk: $0) }) }
            }
            for (database, table) in createdTables {
                RestoreMarker.clear(context.engine.metadata.dataDirectory(database: database, table: table))
            }
        } catch {
            for part in prepared { try? FileManager.default.removeItem(at: part.directory) }
            let interpreter = TableInterpreter(context: context)
            for (database, table) in createdTables { try? interpreter.dropTable(database: database, table: table) }
            for database in createdDatabases {
                try? DatabaseInterpreter.drop(database, ifExists: true, engine: context.engine)
            }
            throw error
        }
        operations.update(id) { $0.stage = BackupStage.completed.rawValue }
    }

    /// Which tables of the backup the elements name, and their targets.
    private func plan(_ reader: BackupReader) throws -> [Item] {
        let inBackup = BackupContents(names: reader.fileNames(under: "metadata/"))
        var items: [Item] = []
        for element in elements {
            switch element {
            case .table(let name, let newName, let partitions):
                let source = context.qualify(name)
                guard inBackup.tables.contains(where: { $0 == (source.database, source.table) }) else {
                    throw DatabaseError(
                        .backupEntryNotFound, "Table \(source.database).\(source.table) not found in backup",
                        hint: inBackup.hint)
                }
                items.append(
                    Item(
                        sourceDatabase: source.database, sourceTable: source.table,
                        target: newName.map { context.qualify($0) } ?? source,
                        partitions: try partitions.map(PartitionFilter.ids)))
            case .database(let name, let newName, let except):
                let tables = inBackup.tables.filter { $0.0 == name && !except.map(\.table).contains($0.1) }
                guard inBackup.databases.contains(name) || !tables.isEmpty else {
                    throw DatabaseError(
                        .backupEntryNotFound, "Database \(name) not found in backup", hint: inBackup.hint)
                }
                items += tables.map { Item(sourceDatabase: $0.0, sourceTable: $0.1, target: (newName ?? name, $0.1)) }
            case .all(let exceptDatabases, let exceptTables):
                items += inBackup.tables.filter { table in
                    !exceptDatabases.contains(table.0)
                        && !exceptTables.contains { ($0.database ?? table.0) == table.0 && $0.table == table.1 }
                }.map { Item(sourceDatabase: $0.0, sourceTable: $0.1, target: ($0.0, $0.1)) }
            case .temporaryTable(let name, _):
                throw DatabaseError(.notImplemented, "Restore of temporary table \(name) is not supported")
            }
        }
        return items
    }

    /// Creates the target table or checks the existing one, per create_table / allow_* settings.
    private func prepareTable(_ item: Item, reader: BackupReader) async throws -> (any Table, Bool) {
        let path = "metadata/\(escapeForFileName(item.sourceDatabase))/\(escapeForFileName(item.sourceTable)).sql"
        let text = String(decoding: try await reader.read(path), as: UTF8.self)
        guard case .createTable(let backedUp) = try Parser.parseStatement(text).statement else {
            throw DatabaseError(
                .backupDamaged, "Backup \(spec.displayName): \(path) does not hold a CREATE TABLE query")
        }
        var definition = try TableInterpreter.canonical(backedUp, database: item.target.database)
        definition.name = TableName(database: item.target.database, table: item.target.table)
        definition.uuid = nil
        let qualified = "\(item.target.database).\(item.target.table)"
        if let existing = context.catalog.tableIfExists(database: item.target.database, name: item.target.table) {
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
        let table = try TableInterpreter(context: context).createTable(
            definition, database: item.target.database, uuid: UUID())
        try RestoreMarker.set(
            context.engine.metadata.dataDirectory(database: item.target.database, table: item.target.table))
        return (table, true)
    }

    /// Reads a Memory table's rows from its backup files (ClickHouse's layout: `data.bin` in Native format), decoded
    /// completely; they are inserted when every table is ready.
    private func memoryChunks(_ item: Item, table: MemoryTable, reader: BackupReader) async throws -> [Chunk] {
        let prefix = "data/\(escapeForFileName(item.sourceDatabase))/\(escapeForFileName(item.sourceTable))/"
        let files = reader.fileNames(under: prefix)
        guard !files.isEmpty else { return [] }
        var contents: [String: [UInt8]] = [:]
        for file in files {
            let name = String(file.dropFirst(prefix.count))
            guard MemoryTable.backupFileNames.contains(name) else {
                throw DatabaseError(
                    .cannotRestoreTable,
                    "Unexpected file \(file) in the backup of Memory table \(table.qualifiedName)")
            }
            contents[name] = try await reader.read(file)
            context.engine.backups.update(id) { info in
                info.filesRead += 1
                info.bytesRead += UInt64(contents[name]?.count ?? 0)
            }
        }
        return try table.restoredChunks(fromBackup: contents, table: table.qualifiedName)
    }

    /// A part downloaded and checked, not yet visible; a broken one (with `restore_broken_parts_as_detached`) goes to
    /// `detached/broken-from-backup_<name>` instead of the table.
    struct PreparedPart {
        var table: MergeTreeTable
        var directory: URL
        var name: PartName
        var broken = false
    }

    /// Downloads every part of the table into verified temporary directories (not yet visible), and validates each
    /// completely (`PartVerification.checkReadable`) while the next one downloads.
    private func downloadParts(_ item: Item, into table: any Table, reader: BackupReader) async throws
        -> [PreparedPart]
    {
        let prefix = "data/\(escapeForFileName(item.sourceDatabase))/\(escapeForFileName(item.sourceTable))/"
        let files = reader.fileNames(under: prefix)
        guard !files.isEmpty else { return [] }
        guard let mergeTree = table as? MergeTreeTable else {
            throw DatabaseError(
                .cannotRestoreTable,
                "Cannot restore data of table \(table.qualifiedName) with engine \(table.engineName)")
        }
        var byPart: [String: [String]] = [:]
        for file in files {
            let relative = file.dropFirst(prefix.count)
            guard let slash = relative.firstIndex(of: "/") else { continue }
            byPart[String(relative[..<slash]), default: []].append(String(relative[relative.index(after: slash)...]))
        }
        var prepared: [PreparedPart] = []
        let operations = context.engine.backups
        let id = self.id
        let throttle = settings.maxBandwidth.map { Throttle(bytesPerSecond: $0) }
        // Parts are renumbered in block order (not name order: `all_11_20_1` sorts before `all_1_10_1` as text),
        // so the restored table reads its rows in the original order.
        let names = try byPart.keys.map { ($0, try PartName(parsing: $0)) }.sorted {
            ($0.1.minBlock, $0.1.maxBlock, $0.1.partitionID) < ($1.1.minBlock, $1.1.maxBlock, $1.1.partitionID)
        }
        // The validation of the last part downloaded runs (on the other core) while the next part downloads.
        var validating: (index: Int, task: Task<Bool, any Error>)?
        func finishValidation() async throws {
            guard let (index, task) = validating else { return }
            validating = nil
            prepared[index].broken = try await task.value
        }
        defer { validating?.task.cancel() }
        for (partName, name) in names where item.partitions?.contains(name.partitionID) ?? true {
            let directory = try mergeTree.makeTemporaryDirectory(prefix: "tmp_restore_\(partName)")
            prepared.append(PreparedPart(table: mergeTree, directory: directory, name: name))
            try await withThrowingTaskGroup(of: Int.self) { group in
                for file in byPart[partName] ?? [] {
                    group.addTask {
                        let size = try await reader.copy(
                            prefix + partName + "/" + file, toLocalFile: directory.appendingPathComponent(file).path)
                        operations.update(id) { info in
                            info.filesRead += 1
                            info.bytesRead += UInt64(size)
                        }
                        await throttle?.consume(size)
                        return size
                    }
                }
                for try await _ in group {}
            }
            try await finishValidation()
            // Each download was checked against the manifest's size and hash, the hash checksums.txt uses too.
            var verified: [String: (size: Int, hash: UInt128Hash)] = [:]
            for file in byPart[partName] ?? [] {
                if let entry = reader.entry(prefix + partName + "/" + file), let hash = entry.checksum {
                    verified[file] = (entry.size, hash)
                }
            }
            let context = self.context
            let detachBroken = settings.restoreBrokenPartsAsDetached
            let tableName = table.qualifiedName
            validating = (
                prepared.count - 1,
                Task {
                    try Self.validate(
                        directory, name: name, table: mergeTree, context: context, verified: verified,
                        detachBroken: detachBroken, tableName: tableName)
                }
            )
        }
        try await finishValidation()
        return prepared
    }

    /// Validates one downloaded part; returns whether it is broken and kept aside (`restore_broken_parts_as_detached`:
    /// as in ClickHouse, the RESTORE then goes on; a codec SwiftHouse cannot read is not a broken part).
    private static func validate(
        _ directory: URL, name: PartName, table: MergeTreeTable, context: QueryContext,
        verified: [String: (size: Int, hash: UInt128Hash)], detachBroken: Bool, tableName: String
    ) throws -> Bool {
        do {
            try PartVerification.checkReadable(
                directory, name: name, table: table, context: context, verified: verified)
            return false
        } catch let error as DatabaseError {
            if detachBroken, error.code != .unknownCompressionMethod { return true }
            throw error.adding(context: "While restoring part \(name) of table \(tableName)")
        }
    }
}

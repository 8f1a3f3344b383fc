import Foundation
import SHBackup
import SHCore
import SHSQL
import SHStorage

/// One BACKUP: gathers the metadata and part files of the elements, then writes them through a `BackupWriter`
/// (claim with `.lock`, upload with de-duplication and `use_base`, `.backup` last, cleanup on failure).
struct BackupJob: Sendable {
    let context: QueryContext
    let id: String
    let elements: [BackupElement]
    let storage: any BackupStorage
    let settings: BackupSettings
    let locations: BackupLocations

    /// A file to put into the backup: its name in the backup and where its bytes are.
    struct Entry: Sendable {
        var name: String
        var source: Source
        enum Source: Sendable {
            case bytes([UInt8])
            case file(URL)
        }
    }

    func run() async throws {
        let operations = context.engine.backups
        operations.update(id) { $0.stage = BackupStage.gatheringMetadata.rawValue }
        let snapshotDirectory = context.engine.path.appendingPathComponent("tmp").appendingPathComponent(
            "backup_\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: snapshotDirectory) }
        let entries = try collect(snapshotDirectory: snapshotDirectory)
        var total = 0
        for entry in entries {
            switch entry.source {
            case .bytes(let bytes): total += bytes.count
            case .file(let url):
                total += (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            }
        }
        operations.update(id) { info in
            info.numFiles = UInt64(entries.count)
            info.totalSize = UInt64(total)
            info.stage = BackupStage.writingBackup.rawValue
        }
        let base = try await openBase()
        let uuid = settings.id == nil ? (UUID(uuidString: id) ?? UUID()) : UUID()
        let writer = try BackupWriter(
            storage: storage, uuid: uuid, backupID: settings.id, timestamp: Date(),
            deduplicateFiles: settings.deduplicateFiles, base: base, baseName: settings.baseBackup?.manifestName,
            staleLockSeconds: settings.staleLockSeconds)
        try await writer.begin()
        do {
            try await upload(entries, to: writer)
            try await writer.commit()
        } catch {
            await writer.abort()
            throw error
        }
        let stats = writer.statistics
        operations.update(id) { info in
            info.numEntries = UInt64(stats.storedFiles)
            info.uncompressedSize = UInt64(total)
            info.compressedSize = UInt64(total)
            info.stage = BackupStage.completed.rawValue
        }
    }

    /// Uploads with a bounded number of files in flight.
    private func upload(_ entries: [Entry], to writer: BackupWriter) async throws {
        let operations = context.engine.backups
        let id = self.id
        let limit = 8
        let throttle = settings.maxBandwidth.map { Throttle(bytesPerSecond: $0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var index = 0
            func startNext() {
                let entry = entries[index]
                index += 1
                group.addTask {
                    switch entry.source {
                    case .bytes(let bytes):
                        try await writer.addFile(name: entry.name, bytes: bytes)
                        await throttle?.consume(bytes.count)
                    case .file(let url):
                        try await writer.addFile(name: entry.name, localPath: url.path)
                        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
                        await throttle?.consume(size)
                    }
                    operations.update(id) { $0.filesRead += 1 }
                }
            }
            while index < min(limit, entries.count) { startNext() }
            while try await group.next() != nil {
                if index < entries.count { startNext() }
            }
        }
    }

    private func openBase() async throws -> BackupReader? {
        guard let base = settings.baseBackup else { return nil }
        return try await BackupChain.open(
            base, origin: .user, locations: locations, sameCredentialsForBase: settings.sameS3CredentialsForBase)
    }

    /// The metadata and part files of every element (parts hard-linked first, so that merges or drops
    /// running meanwhile cannot remove them).
    func collect(snapshotDirectory: URL) throws -> [Entry] {
        var entries: [Entry] = []
        var seenTables = Set<String>()
        func addTable(_ table: any Table, as target: (String, String), partitions: [String]?) throws {
            guard seenTables.insert("\(target.0).\(target.1)").inserted else { return }
            var query = table.createQuery
            query.name = TableName(database: target.0, table: target.1)
            query.uuid = table.uuid.uuidString.lowercased()
            let tablePath = "\(escapeForFileName(target.0))/\(escapeForFileName(target.1))"
            entries.append(
                Entry(
                    name: "metadata/\(tablePath).sql",
                    source: .bytes(Array(SQLFormatter.createTable(query, pretty: false).utf8))))
            guard !settings.structureOnly else { return }
            let snapshot = table.snapshot()
            if case .chunks(let chunks) = snapshot, let memory = table as? MemoryTable {
                for (file, bytes) in try memory.backupFiles(of: chunks) {
                    entries.append(Entry(name: "data/\(tablePath)/\(file)", source: .bytes(bytes)))
                }
                return
            }
            guard case .parts(let parts) = snapshot else { return }
            for part in parts where partitions == nil || partitions!.contains(part.name.partitionID) {
                let linked = snapshotDirectory.appendingPathComponent(tablePath).appendingPathComponent(
                    part.name.description)
                try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
                for file in try FileManager.default.contentsOfDirectory(atPath: part.directory.path).sorted() {
                    let source = part.directory.appendingPathComponent(file)
                    let destination = linked.appendingPathComponent(file)
                    if link(source.path, destination.path) != 0 {
                        try FileManager.default.copyItem(at: source, to: destination)
                    }
                    entries.append(Entry(name: "data/\(tablePath)/\(part.name)/\(file)", source: .file(destination)))
                }
            }
        }
        func addDatabase(_ name: String, as target: String, except: Set<String>) throws {
            guard let database = context.catalog.database(name) else {
                throw DatabaseError(.unknownDatabase, "Database \(name) does not exist")
            }
            let create = CreateDatabaseQuery(
                name: target, uuid: database.uuid.uuidString.lowercased(), engine: database.engine)
            entries.append(
                Entry(
                    name: "metadata/\(escapeForFileName(target)).sql",
                    source: .bytes(Array(SQLFormatter.createDatabase(create).utf8))))
            for table in try context.catalog.tables(in: name) where !except.contains(table.name) {
                try addTable(table, as: (target, table.name), partitions: nil)
            }
        }
        for element in elements {
            switch element {
            case .table(let name, let newName, let partitions):
                let (database, tableName) = context.qualify(name)
                guard context.catalog.hasDatabase(database) else {
                    throw DatabaseError(.unknownDatabase, "Database \(database) does not exist")
                }
                guard let table = context.catalog.tableIfExists(database: database, name: tableName) else {
                    throw DatabaseError(.unknownTable, "Table \(database).\(tableName) was not found")
                }
                let target = newName.map { context.qualify($0) } ?? (database, tableName)
                try addTable(table, as: target, partitions: try partitions.map(PartitionFilter.ids))
            case .database(let name, let newName, let except):
                try addDatabase(name, as: newName ?? name, except: Set(except.map(\.table)))
            case .all(let exceptDatabases, let exceptTables):
                for name in context.catalog.databaseNames() where !exceptDatabases.contains(name) {
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

/// `PARTITION 202401`, `PARTITIONS '202401', '202402'`, `PARTITION ID '202401'` → partition ids.
enum PartitionFilter {
    static func ids(_ expressions: [Expression]) throws -> [String] {
        try expressions.map { expression in
            switch expression {
            case .literal(.string(let text)): return text
            case .literal(.unsignedInteger(let v)): return String(v)
            case .literal(.integer(let v)): return String(v)
            case .function(let call) where call.name == "tuple" && call.arguments.isEmpty: return "all"
            case .identifier(let parts) where parts == ["all"]: return "all"
            default:
                throw DatabaseError(
                    .notImplemented, "Partition expression \(SQLFormatter.format(expression)) is not supported")
            }
        }
    }
}

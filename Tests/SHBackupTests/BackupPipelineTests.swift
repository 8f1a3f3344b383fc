import Foundation
import SHBackup
import SHCodecs
import SHColumns
import SHCore
import SHS3
import SHSQL
import SHStorage
import SHTestSupport
import Synchronization
import Testing

/// The pipeline (`BackupsWorker` → `BackupEntriesCollector`/`RestorerFromBackup`) through a small in-test host with
/// Memory tables: no engine involved.
@Suite struct BackupPipelineTests {
    /// A catalog of Memory tables, recording the DDL the pipeline asks for.
    final class TestHost: BackupHost {
        let catalog = Catalog()
        let root: URL
        let locations: BackupLocations
        let dropped = Mutex<[String]>([])

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("shbk-pipeline-\(UUID().uuidString)")
            locations = BackupLocations(allowedPath: root.appendingPathComponent("backups").path, disks: [:])
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        var temporaryDirectory: URL { root.appendingPathComponent("tmp") }

        func qualify(_ name: TableName) -> (database: String, table: String) {
            (name.database ?? "default", name.table)
        }

        func canonicalTableDefinition(_ query: CreateTableQuery, database: String) throws -> CreateTableQuery {
            var definition = query
            definition.name = TableName(database: database, table: query.name.table)
            return definition
        }

        func createTable(_ definition: CreateTableQuery, database: String) throws -> any Table {
            let columns = definition.columns.map { ColumnDescription(name: $0.name, type: $0.type) }
            let table = MemoryTable(
                database: database, name: definition.name.table, uuid: UUID(), createQuery: definition,
                columns: columns)
            try catalog.add(table, database: database, name: definition.name.table)
            return table
        }

        func dropTable(database: String, table: String) throws {
            _ = try catalog.remove(database: database, name: table)
            dropped.withLock { $0.append("\(database).\(table)") }
        }

        func createDatabase(_ name: String) throws {
            try catalog.addDatabase(name: name, uuid: UUID(), engine: "Atomic")
        }

        func dropDatabase(_ name: String) throws {
            _ = try catalog.removeDatabase(name)
            dropped.withLock { $0.append(name) }
        }

        func dataDirectory(database: String, table: String) -> URL {
            root.appendingPathComponent("data").appendingPathComponent(
                BackupLayout.tableDirectory(database: database, table: table))
        }

        func checkRestoredPart(
            _ directory: URL, name: PartName, table: MergeTreeTable, verified: [String: (size: Int, hash: UInt128Hash)]
        ) throws {
            Issue.record("no MergeTree table in these tests")
        }

        /// Adds `database.table (x UInt64) ENGINE = Memory` holding `rows`.
        @discardableResult
        func addMemoryTable(_ database: String, _ table: String, rows: [UInt64], column: String = "x") throws
            -> MemoryTable
        {
            if !catalog.hasDatabase(database) { try createDatabase(database) }
            guard
                case .createTable(let query) = try Parser.parseStatement(
                    "CREATE TABLE `\(database)`.`\(table)` (\(column) UInt64) ENGINE = Memory"
                ).statement
            else {
                throw DatabaseError(.logicalError, "not a CREATE TABLE")
            }
            let created = try createTable(query, database: database)
            try created.insert([
                InsertBlock(chunk: Chunk(columns: [Column(type: .uint64, values: rows.map { .uint($0) })]))
            ])
            return try #require(created as? MemoryTable)
        }

        func rows(_ database: String, _ table: String) throws -> [Value] {
            guard case .chunks(let chunks) = try catalog.table(database: database, name: table).snapshot() else {
                return []
            }
            return chunks.flatMap { chunk in (0..<chunk.rowCount).map { chunk.columns[0].value(at: $0) } }
        }
    }

    static func memory(_ name: String) -> BackupEngineSpec {
        BackupEngineSpec(name: "Memory", arguments: ["pipeline-\(name)-\(UUID().uuidString)"])
    }

    static func table(_ database: String, _ table: String, as target: (String, String)? = nil) -> BackupElement {
        .table(
            TableName(database: database, table: table),
            newName: target.map { TableName(database: $0.0, table: $0.1) }, partitions: nil)
    }

    /// BACKUP writes the layout's paths (escaped names) with the table's own files; RESTORE under another name
    /// brings the rows back; `system.backups` records both.
    @Test func backupAndRestoreThroughTheWorker() async throws {
        let host = try TestHost()
        try host.addMemoryTable("my db", "t ü", rows: [3, 1, 2])
        let worker = BackupsWorker()
        let spec = Self.memory("roundtrip")
        let (id, status) = try await worker.backup(
            [Self.table("my db", "t ü")], to: spec, settings: BackupSettings(), async: false, host: host)
        #expect(status == .backupCreated)
        let storage = MemoryBackupStorage(name: spec.arguments[0], displayName: spec.displayName)
        let names = try await storage.list(prefix: "")
        #expect(
            names == [
                ".backup", "data/my%20db/t%20%C3%BC/columns.txt", "data/my%20db/t%20%C3%BC/count.txt",
                "data/my%20db/t%20%C3%BC/data.bin", "data/my%20db/t%20%C3%BC/index.mrk",
                "data/my%20db/t%20%C3%BC/sizes.json", "metadata/my%20db/t%20%C3%BC.sql",
            ])
        let backedUp = try #require(worker.info(id))
        #expect(backedUp.numFiles == 6 && backedUp.filesRead == 6 && backedUp.stage == "completed")

        let (restoreID, restored) = try await worker.restore(
            [Self.table("my db", "t ü", as: ("my db", "copy"))], from: spec, settings: BackupSettings(), async: false,
            host: host)
        #expect(restored == .restored)
        #expect(try host.rows("my db", "copy") == [.uint(3), .uint(1), .uint(2)])
        #expect(!RestoreMarker.isSet(host.dataDirectory(database: "my db", table: "copy")))
        let info = try #require(worker.info(restoreID))
        #expect(info.filesRead == 5 && info.stage == "completed")
        #expect(worker.all().map(\.status) == [.backupCreated, .restored])
    }

    /// A RESTORE that fails at its second table drops the first table it created, and reports the error.
    @Test func failedRestoreDropsWhatItCreated() async throws {
        let host = try TestHost()
        try host.addMemoryTable("db", "a", rows: [1])
        try host.addMemoryTable("db", "b", rows: [2])
        let worker = BackupsWorker()
        let spec = Self.memory("rollback")
        _ = try await worker.backup(
            [.database("db", newName: nil, exceptTables: [])], to: spec, settings: BackupSettings(), async: false,
            host: host)
        // The target database exists and holds a `b` with another definition.
        try host.addMemoryTable("db2", "b", rows: [], column: "y")
        var settings = BackupSettings()
        settings.id = "rollback"
        await #expect {
            try await worker.restore(
                [.database("db", newName: "db2", exceptTables: [])], from: spec, settings: settings, async: false,
                host: host)
        } throws: { error in
            (error as? DatabaseError)?.code == .cannotRestoreTable
                && (error as? DatabaseError)?.message.hasPrefix("The table has a different definition") == true
        }
        #expect(host.catalog.tableIfExists(database: "db2", name: "a") == nil)
        #expect(host.dropped.withLock { $0 } == ["db2.a"])
        let info = try #require(worker.info("rollback"))
        #expect(info.status == .restoreFailed && info.error.contains("(CANNOT_RESTORE_TABLE)"))
    }

    /// The id of a running or finished operation cannot be used again.
    @Test func operationIDsAreUnique() async throws {
        let host = try TestHost()
        try host.addMemoryTable("db", "a", rows: [1])
        let worker = BackupsWorker()
        var settings = BackupSettings()
        settings.id = "once"
        _ = try await worker.backup(
            [Self.table("db", "a")], to: Self.memory("id1"), settings: settings, async: false, host: host)
        await #expect {
            try await worker.backup(
                [Self.table("db", "a")], to: Self.memory("id2"), settings: settings, async: false, host: host)
        } throws: { error in
            (error as? DatabaseError)?.message
                == "Cannot start backup with ID 'once' because there is another backup with the same ID"
        }
    }

    /// ASYNC returns at once with the running status; `wait` joins it.
    @Test func asyncOperationIsJoined() async throws {
        let host = try TestHost()
        try host.addMemoryTable("db", "a", rows: [1, 2])
        let worker = BackupsWorker()
        let (id, status) = try await worker.backup(
            [Self.table("db", "a")], to: Self.memory("async"), settings: BackupSettings(), async: true, host: host)
        #expect(status == .creatingBackup)
        await worker.wait(id)
        #expect(worker.info(id)?.status == .backupCreated)
    }

    /// `Null` declares that it discards data: the commit does not look for the lock it cannot read back.
    @Test func nullStorageDiscardsAndCommits() async throws {
        let host = try TestHost()
        try host.addMemoryTable("db", "a", rows: [1])
        #expect(NullBackupStorage(displayName: "Null").capabilities.contains(.discardsData))
        #expect(MemoryBackupStorage(name: "x", displayName: "Memory('x')").capabilities.isEmpty)
        let (_, status) = try await BackupsWorker().backup(
            [Self.table("db", "a")], to: BackupEngineSpec(name: "Null", arguments: []), settings: BackupSettings(),
            async: false, host: host)
        #expect(status == .backupCreated)
    }

    /// An increment says `base_backup_copy_s3_credentials_from_backup` when its base is an S3 backup (from the
    /// base's engine), and not when the base is another engine.
    @Test func copyCredentialsFlagComesFromTheBaseEngine() async throws {
        let (moto, bucket, _) = try await makeMotoBucket("shbk-pipeline")
        let host = try TestHost()
        try host.addMemoryTable("db", "a", rows: [1, 2, 3])
        let worker = BackupsWorker()
        let s3Base = BackupEngineSpec(
            name: "S3",
            arguments: ["\(moto.endpoint)/\(bucket)/base", MotoServer.testAccessKeyID, MotoServer.testSecretAccessKey])
        let memoryBase = Self.memory("base")
        for base in [s3Base, memoryBase] {
            _ = try await worker.backup(
                [Self.table("db", "a")], to: base, settings: BackupSettings(), async: false, host: host)
        }
        for (base, copies) in [(s3Base, true), (memoryBase, false)] {
            var settings = BackupSettings()
            settings.baseBackup = base
            let increment = Self.memory("inc")
            _ = try await worker.backup(
                [Self.table("db", "a")], to: increment, settings: settings, async: false, host: host)
            let storage = MemoryBackupStorage(name: increment.arguments[0], displayName: increment.displayName)
            let manifest = try BackupManifest(
                parsing: try await storage.read(BackupLayout.manifestPath), backupName: increment.displayName)
            #expect(manifest.baseBackup == base.manifestName)
            #expect(manifest.copyS3CredentialsFromBackup == copies)
        }
    }
}

import Foundation
import SHCodecs
import SHColumns
import SHCore
import SHSQL
import Synchronization

/// `ENGINE = StripeLog`: every INSERT appends its rows to `data.bin` as a Native block (ZSTD frames, a frame per
/// column) and their marks to `index.mrk`; `sizes.json` records both files' sizes. The bytes are ClickHouse's, so the
/// files and backups (`NativeTableBackup`'s layout) move between SwiftHouse and ClickHouse as they are.
///
/// The rows are also kept in memory (StripeLog tables are small by design); the files are what survives a restart.
public final class StripeLogTable: Table, Sendable {
    static let dataFileName = "data.bin"
    static let indexFileName = "index.mrk"

    public let uuid: UUID
    public let columns: [ColumnDescription]
    public let engineName = "StripeLog"
    public var dataPath: String? { directory.path + "/" }

    private struct State {
        var location: (database: String, name: String, directory: URL, createQuery: CreateTableQuery)
        var files: AppendOnlyFiles
        var chunks: [Chunk]
    }

    private let state: Mutex<State>

    /// The table over `directory`, whose files (if any) are read: bytes past what `sizes.json` records are an
    /// interrupted INSERT and cut off; damaged files throw.
    public init(
        database: String, name: String, uuid: UUID, directory: URL, createQuery: CreateTableQuery,
        columns: [ColumnDescription]
    ) throws {
        self.uuid = uuid
        self.columns = columns
        let files = try AppendOnlyFiles.open(directory)
        let chunks = try files.read(Self.dataFileName, in: directory).map {
            try NativeTableBackup.rows(ofDataFile: $0, columns: columns, table: "\(database).\(name)")
        }
        state = Mutex(
            State(location: (database, name, directory, createQuery), files: files, chunks: chunks ?? []))
    }

    var directory: URL { state.withLock { $0.location.directory } }
    public var database: String { state.withLock { $0.location.database } }
    public var name: String { state.withLock { $0.location.name } }
    public var createQuery: CreateTableQuery { state.withLock { $0.location.createQuery } }

    public func snapshot() -> TableSnapshot { .chunks(state.withLock { $0.chunks }) }

    /// Appends the blocks to `data.bin` and their marks to `index.mrk` (one index frame per INSERT), then records
    /// the new sizes; the rows become visible once they are durable.
    public func insert(_ blocks: [InsertBlock]) throws {
        let chunks = blocks.map(\.chunk).filter { $0.rowCount > 0 }
        guard !chunks.isEmpty else { return }
        try state.withLock { state in
            var files = state.files
            let directory = state.location.directory
            let (data, index) = try NativeBlocks.write(
                chunks, columns: columns, codec: LogTable.codec, startingAt: files.sizes[Self.dataFileName] ?? 0)
            _ = try files.append(data, to: Self.dataFileName, in: directory)
            _ = try files.append(index, to: Self.indexFileName, in: directory)
            try files.commit(in: directory)
            state.files = files
            state.chunks += chunks
        }
    }

    public func truncate() throws {
        try state.withLock { state in
            try FileManager.default.removeItem(at: state.location.directory)
            try FileManager.default.createDirectory(at: state.location.directory, withIntermediateDirectories: true)
            state.files = AppendOnlyFiles()
            state.chunks = []
        }
    }

    public func renamed(database: String, name: String, createQuery: CreateTableQuery) throws {
        try state.withLock { state in
            let directory = try LogTable.moveDirectory(state.location.directory, database: database, name: name)
            state.location = (database, name, directory, createQuery)
        }
    }

    public func dropData() throws {
        try? FileManager.default.removeItem(at: directory)
    }
}

extension StripeLogTable: BackupableTable {
    /// The table's `data.bin` and `index.mrk` as they are, with `count.txt`, `columns.txt` and `sizes.json`.
    public func backupData(partitions: [String]?, snapshotDirectory: URL) throws -> [TableBackupEntry] {
        let (files, directory, rows) = state.withLock { state in
            (state.files, state.location.directory, state.chunks.reduce(0) { $0 + $1.rowCount })
        }
        guard rows > 0, let data = try files.read(Self.dataFileName, in: directory),
            let index = try files.read(Self.indexFileName, in: directory)
        else { return [] }
        return NativeTableBackup.entries(
            data: data, index: index, rows: rows, columns: columns, sized: [Self.dataFileName, Self.indexFileName])
    }

    /// Reads the table's backup files and decodes every row; they are inserted at `finalize`.
    public func restoreDataFromBackup(_ source: any TableBackupSource, options: TableRestoreOptions) async throws
        -> any RestoredTableData
    {
        let chunks = try await NativeTableBackup.restoredChunks(
            source, columns: columns, table: qualifiedName, engine: engineName)
        return RestoredRows(table: self, chunks: chunks)
    }
}

import Foundation
import SHCodecs
import SHColumns
import SHCore
import SHSQL

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

    let rows: AppendedRows<AppendOnlyFiles>

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
        rows = AppendedRows(
            location: TableLocation(database: database, name: name, directory: directory, createQuery: createQuery),
            files: files, chunks: chunks ?? [])
    }

    var directory: URL { rows.location.directory }
    public var database: String { rows.location.database }
    public var name: String { rows.location.name }
    public var createQuery: CreateTableQuery { rows.location.createQuery }

    public func snapshot() -> TableSnapshot { .chunks(rows.chunks) }

    /// Appends the blocks to `data.bin` and their marks to `index.mrk` (one index frame per INSERT), then records
    /// the new sizes; the rows become visible once they are durable.
    public func insert(_ blocks: [InsertBlock]) throws {
        let chunks = blocks.map(\.chunk).filter { $0.rowCount > 0 }
        guard !chunks.isEmpty else { return }
        try rows.append(chunks) { files, directory in
            let (data, index) = try NativeBlocks.write(
                chunks, columns: columns, codec: LogTable.codec, startingAt: files.sizes[Self.dataFileName] ?? 0)
            _ = try files.append(data, to: Self.dataFileName, in: directory)
            _ = try files.append(index, to: Self.indexFileName, in: directory)
            try files.commit(in: directory)
        }
    }

    public func truncate() throws { try rows.truncate(empty: AppendOnlyFiles()) }

    public func renamed(database: String, name: String, createQuery: CreateTableQuery) throws {
        try rows.rename(database: database, name: name, createQuery: createQuery)
    }

    public func dropData() throws { rows.dropData() }
}

extension StripeLogTable: BackupableTable {
    /// The table's `data.bin` and `index.mrk` as they are, with `count.txt`, `columns.txt` and `sizes.json`.
    public func backupData(partitions: [String]?, snapshotDirectory: URL) throws -> [TableBackupEntry] {
        let (files, chunks, directory) = rows.current
        let rowCount = chunks.reduce(0) { $0 + $1.rowCount }
        guard rowCount > 0, let data = try files.read(Self.dataFileName, in: directory),
            let index = try files.read(Self.indexFileName, in: directory)
        else { return [] }
        return NativeTableBackup.entries(
            data: data, index: index, rows: rowCount, columns: columns, sized: [Self.dataFileName, Self.indexFileName])
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

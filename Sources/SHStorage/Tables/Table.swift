import Foundation
import SHColumns
import SHCore
import SHSQL

/// A table: its definition and its data. Implementations are thread-safe.
public protocol Table: AnyObject, Sendable {
    var database: String { get }
    var name: String { get }
    var uuid: UUID { get }
    /// The CREATE query (columns, engine, keys, settings) as stored in the metadata file.
    var createQuery: CreateTableQuery { get }
    var columns: [ColumnDescription] { get }
    var engineName: String { get }
    /// Where the data lives (`data_paths` in system.tables), if on disk.
    var dataPath: String? { get }

    /// An immutable view of the data at this moment: reads of it never see later inserts.
    func snapshot() -> TableSnapshot
    /// Appends rows (already converted to the table's column types, in the table's column order).
    func insert(_ blocks: [InsertBlock]) throws
    /// Removes every row.
    func truncate() throws
    /// Called when the table is renamed or moved to another database.
    func renamed(database: String, name: String, createQuery: CreateTableQuery) throws
    /// Deletes the table's data from disk (after it has been removed from the catalog).
    func dropData() throws
    /// Whether the engine knows its row count without reading the data (`total_rows` in system.tables is NULL
    /// otherwise, as for ClickHouse's TinyLog).
    var knowsTotalRows: Bool { get }
}

/// A block of rows to insert into one partition, sorted by the table's key.
public struct InsertBlock: Sendable {
    public var chunk: Chunk
    /// The partition expression's values for these rows (empty when the table is not partitioned).
    public var partitionValues: [Value]
    public var partitionTypes: [DataType]

    public init(chunk: Chunk, partitionValues: [Value] = [], partitionTypes: [DataType] = []) {
        self.chunk = chunk
        self.partitionValues = partitionValues
        self.partitionTypes = partitionTypes
    }
}

/// The data of a table at one moment.
public enum TableSnapshot: Sendable {
    /// MergeTree: the active parts, in read order (by block number).
    case parts([DataPart])
    /// Memory: the chunks.
    case chunks([Chunk])

    /// The rows the data holds, deleted rows of lightweight-DELETE parts included (ClickHouse's `total_rows`).
    public var rowCount: Int {
        switch self {
        case .parts(let parts): parts.reduce(0) { $0 + $1.rows }
        case .chunks(let chunks): chunks.reduce(0) { $0 + $1.rowCount }
        }
    }

    /// The rows a SELECT reads, when known without reading them: nil when a part has rows masked by a lightweight
    /// DELETE.
    public var visibleRowCount: Int? {
        if case .parts(let parts) = self, parts.contains(where: \.hasDeletedRows) { return nil }
        return rowCount
    }
}

extension Table {
    public var knowsTotalRows: Bool { true }

    public var qualifiedName: String { "\(database).\(name)" }
    public var totalRows: Int { snapshot().rowCount }
}

import Foundation
import SHColumns
import SHCore
import SHSQL

/// `ENGINE = Memory`: chunks kept in memory, lost on restart.
public final class MemoryTable: Table, @unchecked Sendable {
    public let uuid: UUID
    public let columns: [ColumnDescription]
    public let engineName = "Memory"
    public let dataPath: String? = nil

    private let lock = NSLock()
    private var location: (database: String, name: String, createQuery: CreateTableQuery)
    private var chunks: [Chunk] = []

    public init(database: String, name: String, uuid: UUID, createQuery: CreateTableQuery, columns: [ColumnDescription])
    {
        self.uuid = uuid
        self.columns = columns
        self.location = (database, name, createQuery)
    }

    public var database: String { lock.withLock { location.database } }
    public var name: String { lock.withLock { location.name } }
    public var createQuery: CreateTableQuery { lock.withLock { location.createQuery } }

    public func snapshot() -> TableSnapshot { .chunks(lock.withLock { chunks }) }

    public func insert(_ blocks: [InsertBlock]) throws {
        lock.withLock { chunks.append(contentsOf: blocks.map(\.chunk).filter { $0.rowCount > 0 }) }
    }

    public func truncate() throws { lock.withLock { chunks = [] } }

    public func renamed(database: String, name: String, createQuery: CreateTableQuery) throws {
        lock.withLock { location = (database, name, createQuery) }
    }

    public func dropData() throws {}
}

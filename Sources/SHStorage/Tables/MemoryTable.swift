import Foundation
import SHColumns
import SHCore
import SHSQL
import Synchronization

/// `ENGINE = Memory`: chunks kept in memory, lost on restart.
///
/// Its name and rows are behind one `Mutex`, held only to read or replace them.
public final class MemoryTable: Table, Sendable {
    public let uuid: UUID
    public let columns: [ColumnDescription]
    public let engineName = "Memory"
    public let dataPath: String? = nil

    private struct State {
        var location: (database: String, name: String, createQuery: CreateTableQuery)
        var chunks: [Chunk] = []
    }

    private let state: Mutex<State>

    public init(database: String, name: String, uuid: UUID, createQuery: CreateTableQuery, columns: [ColumnDescription])
    {
        self.uuid = uuid
        self.columns = columns
        self.state = Mutex(State(location: (database, name, createQuery)))
    }

    public var database: String { state.withLock { $0.location.database } }
    public var name: String { state.withLock { $0.location.name } }
    public var createQuery: CreateTableQuery { state.withLock { $0.location.createQuery } }

    public func snapshot() -> TableSnapshot { .chunks(state.withLock { $0.chunks }) }

    public func insert(_ blocks: [InsertBlock]) throws {
        let chunks = blocks.map(\.chunk).filter { $0.rowCount > 0 }
        state.withLock { $0.chunks.append(contentsOf: chunks) }
    }

    public func truncate() throws { state.withLock { $0.chunks = [] } }

    public func renamed(database: String, name: String, createQuery: CreateTableQuery) throws {
        state.withLock { $0.location = (database, name, createQuery) }
    }

    public func dropData() throws {}
}

import Foundation
import SHColumns
import SHCore
import SHSQL
import Synchronization

/// `ENGINE = Null`: inserted rows are discarded and reads return none (ClickHouse uses it as the source of
/// materialized views). It has no data, so its backups hold only its definition.
public final class NullTable: Table, Sendable {
    public let uuid: UUID
    public let columns: [ColumnDescription]
    public let engineName = "Null"
    public let dataPath: String? = nil

    private let location: Mutex<(database: String, name: String, createQuery: CreateTableQuery)>

    public init(database: String, name: String, uuid: UUID, createQuery: CreateTableQuery, columns: [ColumnDescription])
    {
        self.uuid = uuid
        self.columns = columns
        self.location = Mutex((database, name, createQuery))
    }

    public var database: String { location.withLock { $0.database } }
    public var name: String { location.withLock { $0.name } }
    public var createQuery: CreateTableQuery { location.withLock { $0.createQuery } }

    public func snapshot() -> TableSnapshot { .chunks([]) }

    /// Discards the rows.
    public func insert(_ blocks: [InsertBlock]) throws {}

    public func truncate() throws {
        throw DatabaseError(.notImplemented, "Truncate is not supported by storage Null.")
    }

    public func renamed(database: String, name: String, createQuery: CreateTableQuery) throws {
        location.withLock { $0 = (database, name, createQuery) }
    }

    public func dropData() throws {}
}

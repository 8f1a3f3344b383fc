import Foundation
import SHColumns
import SHSQL
import SHStorage

/// `ENGINE = Memory`: rows kept in memory (and in backups).
struct MemoryEngine: TableEngine {
    var name: String { "Memory" }

    func canonicalize(_ definition: inout CreateTableQuery) throws { try refuseArgumentsAndKeys(definition) }

    func make(
        _ query: CreateTableQuery, database: String, uuid: UUID, directory: URL, columns: [ColumnDescription]
    ) throws -> any Table {
        MemoryTable(database: database, name: query.name.table, uuid: uuid, createQuery: query, columns: columns)
    }
}

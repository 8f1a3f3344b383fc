import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// `ENGINE = Null`: a table that discards what is inserted into it.
struct NullEngine: TableEngine {
    var name: String { "Null" }

    func canonicalize(_ definition: inout CreateTableQuery) throws { try refuseArgumentsAndKeys(definition) }

    func make(
        _ query: CreateTableQuery, database: String, uuid: UUID, directory: URL, columns: [ColumnDescription]
    ) throws -> any Table {
        NullTable(database: database, name: query.name.table, uuid: uuid, createQuery: query, columns: columns)
    }
}

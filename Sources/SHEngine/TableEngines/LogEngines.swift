import Foundation
import SHColumns
import SHSQL
import SHStorage

/// `ENGINE = Log` and `ENGINE = TinyLog`: a file per substream appended by every INSERT (Log also with marks).
struct LogFamilyEngine: TableEngine {
    let layout: LogTable.Layout

    var name: String { layout == .log ? "Log" : "TinyLog" }

    func canonicalize(_ definition: inout CreateTableQuery) throws { try refuseArgumentsAndKeys(definition) }

    func make(
        _ query: CreateTableQuery, database: String, uuid: UUID, directory: URL, columns: [ColumnDescription]
    ) throws -> any Table {
        try LogTable(
            database: database, name: query.name.table, uuid: uuid, directory: directory, createQuery: query,
            columns: columns, layout: layout)
    }
}

/// `ENGINE = StripeLog`: Native blocks appended to one `data.bin`, with their marks in `index.mrk`.
struct StripeLogEngine: TableEngine {
    var name: String { "StripeLog" }

    func canonicalize(_ definition: inout CreateTableQuery) throws { try refuseArgumentsAndKeys(definition) }

    func make(
        _ query: CreateTableQuery, database: String, uuid: UUID, directory: URL, columns: [ColumnDescription]
    ) throws -> any Table {
        try StripeLogTable(
            database: database, name: query.name.table, uuid: uuid, directory: directory, createQuery: query,
            columns: columns)
    }
}

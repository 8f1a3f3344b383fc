import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// `ENGINE = Null`: a table that discards what is inserted into it.
struct NullEngine: TableEngine {
    var name: String { "Null" }

    func canonicalize(_ definition: inout CreateTableQuery) throws {
        let arguments = definition.engine?.arguments.count ?? 0
        guard arguments == 0 else {
            throw DatabaseError(
                .numberOfArgumentsDoesntMatch, "Engine Null doesn't support any arguments (\(arguments) given)")
        }
        if definition.partitionBy != nil || definition.primaryKey != nil || definition.orderBy != nil {
            throw DatabaseError(
                .badArguments, "Engine Null doesn't support PARTITION_BY, PRIMARY_KEY, ORDER_BY or SAMPLE_BY clauses.")
        }
    }

    func make(
        _ query: CreateTableQuery, database: String, uuid: UUID, directory: URL, columns: [ColumnDescription]
    ) throws -> any Table {
        NullTable(database: database, name: query.name.table, uuid: uuid, createQuery: query, columns: columns)
    }
}

import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// `ENGINE = MergeTree ORDER BY … [PARTITION BY …]`: parts on disk.
struct MergeTreeEngine: TableEngine {
    /// `MergeTree`, or the family engine (`ReplacingMergeTree`, …) that keeps its parts this way.
    let name: String

    init(name: String = "MergeTree") { self.name = name }

    /// As ClickHouse stores it: a PRIMARY KEY without ORDER BY is also the ORDER BY; without either the table is sorted
    /// by nothing (`ORDER BY tuple()`, ClickHouse 26's `create_table_empty_primary_key_by_default`);
    /// `index_granularity = 8192` is added when not given.
    func canonicalize(_ definition: inout CreateTableQuery) throws {
        if definition.orderBy == nil {
            definition.orderBy = definition.primaryKey ?? .function(FunctionCall(name: "tuple", arguments: []))
        }
        if !definition.settings.contains(where: { $0.name == "index_granularity" }) {
            definition.settings.append(
                SettingAssignment(name: "index_granularity", value: .literal(.unsignedInteger(8192))))
        }
    }

    func make(
        _ query: CreateTableQuery, database: String, uuid: UUID, directory: URL, columns: [ColumnDescription]
    ) throws -> any Table {
        let sortingKey = try Self.keyColumns(query.orderBy ?? query.primaryKey, columns: columns)
        let partitionColumns =
            query.partitionBy.map { TableFactory.identifiers(in: $0) }.map { names in
                names.compactMap { name in columns.firstIndex { $0.name == name } }
            } ?? []
        return try MergeTreeTable(
            database: database, name: query.name.table, uuid: uuid, createQuery: query, columns: columns,
            sortingKeyColumns: sortingKey, partitionColumns: partitionColumns, directory: directory,
            engineName: name)
    }

    /// The column indices of a key expression: `tuple()` → [], `k` → [k], `(a, b)` → [a, b].
    static func keyColumns(_ expression: Expression?, columns: [ColumnDescription]) throws -> [Int] {
        guard let expression else { return [] }
        let items: [Expression]
        if case .function(let call) = expression, call.name == "tuple" {
            items = call.arguments
        } else {
            items = [expression]
        }
        return try items.map { item in
            guard case .identifier(let parts) = item, let name = parts.last,
                let index = columns.firstIndex(where: { $0.name == name })
            else {
                throw DatabaseError(
                    .notImplemented, "Sorting keys with expressions are not supported yet: \(SQLFormatter.format(item))"
                )
            }
            return index
        }
    }
}

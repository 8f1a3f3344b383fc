import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// Builds a table object from its CREATE query (one place per table engine).
enum TableFactory {
    static func make(_ query: CreateTableQuery, database: String, uuid: UUID, directory: URL) throws -> any Table {
        // ALIAS and EPHEMERAL columns are not stored: the table's columns (and its parts') are the others.
        let columns = query.columns.filter(\.isStored).map { ColumnDescription(name: $0.name, type: $0.type) }
        guard let engine = query.engine else {
            throw DatabaseError(.incorrectQuery, "Table engine is not specified in CREATE query")
        }
        switch engine.name {
        case "MergeTree":
            let sortingKey = try keyColumns(query.orderBy ?? query.primaryKey, columns: columns)
            let partitionColumns =
                query.partitionBy.map { identifiers(in: $0) }.map { names in
                    names.compactMap { name in columns.firstIndex { $0.name == name } }
                } ?? []
            return try MergeTreeTable(
                database: database, name: query.name.table, uuid: uuid, createQuery: query, columns: columns,
                sortingKeyColumns: sortingKey, partitionColumns: partitionColumns, directory: directory)
        case "Memory":
            return MemoryTable(
                database: database, name: query.name.table, uuid: uuid, createQuery: query, columns: columns)
        default:
            throw DatabaseError(.unknownStorage, "Unknown table engine \(engine.name)")
        }
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

    /// The column names an expression reads.
    static func identifiers(in expression: Expression) -> [String] {
        switch expression {
        case .identifier(let parts): parts.last.map { [$0] } ?? []
        case .function(let call): call.arguments.flatMap(identifiers(in:))
        case .alias(let inner, _): identifiers(in: inner)
        default: []
        }
    }
}

extension ColumnDefinition {
    /// Whether the column's values are stored (ordinary, DEFAULT and MATERIALIZED columns; not ALIAS or EPHEMERAL).
    var isStored: Bool { defaultKind != "ALIAS" && defaultKind != "EPHEMERAL" }
    /// Whether an INSERT without a column list fills it (ordinary and DEFAULT columns).
    var isInsertedByDefault: Bool { defaultKind == nil || defaultKind == "DEFAULT" }
    /// The default expression as ClickHouse shows it (`DESCRIBE`, `system.columns`): a bare EPHEMERAL column's is
    /// `defaultValueOfTypeName('T')`.
    var defaultExpressionText: String {
        if let defaultExpression { return SQLFormatter.format(defaultExpression) }
        return defaultKind == "EPHEMERAL" ? "defaultValueOfTypeName('\(type.description)')" : ""
    }
}

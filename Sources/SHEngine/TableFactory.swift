import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// Builds a table object from its CREATE query through its engine in `TableEngineRegistry`.
enum TableFactory {
    /// The table of `query` (its stored columns, its engine's object), with its data under `directory`.
    static func make(_ query: CreateTableQuery, database: String, uuid: UUID, directory: URL) throws -> any Table {
        // ALIAS and EPHEMERAL columns are not stored: the table's columns (and its parts') are the others.
        let columns = query.columns.filter(\.isStored).map { ColumnDescription(name: $0.name, type: $0.type) }
        return try TableEngineRegistry.engine(of: query).make(
            query, database: database, uuid: uuid, directory: directory, columns: columns)
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

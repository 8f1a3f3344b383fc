import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// `ENGINE = AggregatingMergeTree`: MergeTree whose merges combine the rows of one sorting key, merging the states of
/// `AggregateFunction` columns, combining `SimpleAggregateFunction` columns' values with their function and keeping
/// the first row's value of the others (`AggregatingAlgorithm`).
struct AggregatingMergeTreeEngine: MergeTreeFamilyEngine {
    var name: String { "AggregatingMergeTree" }

    private func checkArguments(_ query: CreateTableQuery) throws {
        guard let engine = query.engine else { return }
        try MergeTreeFamily.checkArgumentCount(engine, 0...0, description: "no parameters")
    }

    func checkParameters(_ query: CreateTableQuery, columns: [ColumnDescription]) throws {
        try checkArguments(query)
        try checkDimensions(query)
    }

    /// ClickHouse (26.7 on) refuses a table with aggregate measures whose plain columns are outside the sorting and
    /// partition keys (their values would be arbitrary after merges), unless `allow_dimensions_outside_sorting_key`.
    private func checkDimensions(_ query: CreateTableQuery) throws {
        guard query.columns.contains(where: \.type.isAggregateFunction) else { return }
        let allowed = query.settings.contains { setting in
            guard setting.name == "allow_dimensions_outside_sorting_key", case .literal(let value) = setting.value
            else { return false }
            switch value {
            case .unsignedInteger(let number): return number != 0
            case .integer(let number): return number != 0
            case .bool(let flag): return flag
            default: return false
            }
        }
        guard !allowed else { return }
        let keyExpressions = [query.orderBy ?? query.primaryKey, query.partitionBy].compactMap { $0 }
        let keyNames = Set(keyExpressions.flatMap(TableFactory.identifiers(in:)))
        // An aggregate column in a key is refused first, by the key's own check (`MergeTreeEngine.checkComparable`).
        if query.columns.contains(where: { $0.type.isAggregateFunction && keyNames.contains($0.name) }) { return }
        let outside = query.columns.filter { column in
            ![.some("MATERIALIZED"), .some("ALIAS"), .some("EPHEMERAL")].contains(column.defaultKind?.uppercased())
                && !column.type.isAggregateFunction && !keyNames.contains(column.name)
        }
        guard !outside.isEmpty else { return }
        throw DatabaseError(
            .badArguments,
            "Column(s) \(outside.map(\.name).joined(separator: ", ")) of the AggregatingMergeTree table are neither part "
                + "of the sorting key nor aggregate measures (AggregateFunction or SimpleAggregateFunction). During "
                + "background merges, rows with the same value of the sorting key are collapsed into one, so these "
                + "columns keep an arbitrary value, which silently produces wrong results for queries that GROUP BY or "
                + "filter on them. Add them to the sorting key (ORDER BY), or set 'allow_dimensions_outside_sorting_key = "
                + "1' if this is intentional (for example, when the columns are functionally dependent on the sorting "
                + "key).")
    }

    func mergeAlgorithm(for table: MergeTreeTable, purpose: MergePurpose) throws -> (any MergeAlgorithm)? {
        let keyNames = MergeTreeFamily.sortingKeyNames(table.createQuery)
        return try AggregatingAlgorithm(
            types: table.columns.map(\.type),
            keyColumns: Set(table.columns.indices.filter { keyNames.contains(table.columns[$0].name) }))
    }
}

import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// `ENGINE = CollapsingMergeTree(sign)`: MergeTree whose merges cancel rows of one sorting key with sign 1 against
/// rows with sign -1 (`sign` is an Int8 column).
struct CollapsingMergeTreeEngine: MergeTreeFamilyEngine {
    var name: String { "CollapsingMergeTree" }

    /// The index of the sign column, checked as ClickHouse checks it.
    private func signColumn(_ query: CreateTableQuery, columns: [ColumnDescription]) throws -> Int {
        guard let engine = query.engine else { throw DatabaseError(.logicalError, "No engine in \(name) table") }
        try MergeTreeFamily.checkArgumentCount(engine, 1...1, description: "1 parameters: \nsign column")
        guard let name = MergeTreeFamily.columnName(engine.arguments[0]) else {
            throw DatabaseError(.badArguments, "Sign column name must be an unquoted string")
        }
        let index = try MergeTreeFamily.column(
            name, in: columns, missing: "Sign column \(name) does not exist in table declaration.")
        try MergeTreeFamily.checkSignType(columns[index], engine: self.name)
        return index
    }

    func checkParameters(_ query: CreateTableQuery, columns: [ColumnDescription]) throws {
        _ = try signColumn(query, columns: columns)
    }

    func mergeAlgorithm(for table: MergeTreeTable, purpose: MergePurpose) throws -> (any MergeAlgorithm)? {
        CollapsingAlgorithm(
            signColumn: try signColumn(table.createQuery, columns: table.columns), onlyPositive: purpose == .final)
    }
}

import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// `ENGINE = AggregatingMergeTree`: MergeTree whose merges combine the rows of one sorting key, merging the states of
/// `AggregateFunction` columns and keeping the first row's value of the others. SwiftHouse has no aggregate-function
/// column types yet (a CREATE naming them fails on the type), so its AggregatingMergeTree tables have only plain
/// columns and their merges keep the first row of each key, as ClickHouse's do.
struct AggregatingMergeTreeEngine: MergeTreeFamilyEngine {
    var name: String { "AggregatingMergeTree" }

    private func checkArguments(_ query: CreateTableQuery) throws {
        guard let engine = query.engine else { return }
        try MergeTreeFamily.checkArgumentCount(engine, 0...0, description: "no parameters")
    }

    func checkParameters(_ query: CreateTableQuery, columns: [ColumnDescription]) throws {
        try checkArguments(query)
    }

    func mergeAlgorithm(for table: MergeTreeTable, purpose: MergePurpose) throws -> (any MergeAlgorithm)? {
        FirstRowAlgorithm()
    }
}

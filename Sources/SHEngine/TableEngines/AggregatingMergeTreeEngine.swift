import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// `ENGINE = AggregatingMergeTree`: MergeTree whose merges combine the rows of one sorting key, merging the states of
/// `AggregateFunction` columns and keeping the first row's value of the others. SwiftHouse has no aggregate-function
/// column types yet (a CREATE naming them fails on the type), so its AggregatingMergeTree tables have only plain
/// columns and their merges keep the first row of each key, as ClickHouse's do.
struct AggregatingMergeTreeEngine: TableEngine {
    var name: String { "AggregatingMergeTree" }
    private var storage: MergeTreeEngine { MergeTreeEngine(name: name) }

    private func checkArguments(_ query: CreateTableQuery) throws {
        guard let engine = query.engine else { return }
        try MergeTreeFamily.checkArgumentCount(engine, 0...0, description: "no parameters")
    }

    func canonicalize(_ definition: inout CreateTableQuery) throws {
        try checkArguments(definition)
        try MergeTreeFamily.canonicalize(&definition, engine: storage)
    }

    func make(
        _ query: CreateTableQuery, database: String, uuid: UUID, directory: URL, columns: [ColumnDescription]
    ) throws -> any Table {
        try checkArguments(query)
        return try storage.make(query, database: database, uuid: uuid, directory: directory, columns: columns)
    }

    var supportsFinal: Bool { true }

    func mergeAlgorithm(for table: MergeTreeTable, purpose: MergePurpose) throws -> (any MergeAlgorithm)? {
        FirstRowAlgorithm()
    }
}

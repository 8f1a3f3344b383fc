import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// `ENGINE = VersionedCollapsingMergeTree(sign, version)`: MergeTree whose merges cancel rows of one sorting key and
/// one version with opposite signs. The version is appended to the sorting key for sorting and merging (ClickHouse's
/// `sorting_key` is `key, version`), not to the primary key.
struct VersionedCollapsingMergeTreeEngine: MergeTreeFamilyEngine {
    var name: String { "VersionedCollapsingMergeTree" }

    /// The sign and version columns, checked as ClickHouse checks them.
    private func parameters(_ query: CreateTableQuery, columns: [ColumnDescription]) throws -> (sign: Int, version: Int)
    {
        guard let engine = query.engine else { throw DatabaseError(.logicalError, "No engine in \(name) table") }
        try MergeTreeFamily.checkArgumentCount(engine, 2...2, description: "2 parameters: \nsign column,\nversion")
        guard let signName = MergeTreeFamily.columnName(engine.arguments[0]) else {
            throw DatabaseError(.badArguments, "Sign column name must be an unquoted string")
        }
        guard let versionName = MergeTreeFamily.columnName(engine.arguments[1]) else {
            throw DatabaseError(.badArguments, "Version column name must be an unquoted string")
        }
        let sign = try MergeTreeFamily.column(
            signName, in: columns, missing: "Sign column \(signName) does not exist in table declaration.")
        try MergeTreeFamily.checkSignType(columns[sign], engine: name)
        let version = try MergeTreeFamily.column(
            versionName, in: columns, missing: "There is no physical column \(versionName) in table.")
        try MergeTreeFamily.checkVersionType(columns[version], engine: name)
        return (sign, version)
    }

    func checkParameters(_ query: CreateTableQuery, columns: [ColumnDescription]) throws {
        _ = try parameters(query, columns: columns)
    }

    func mergeSortKey(for table: MergeTreeTable) throws -> (any KeyExpressions)? {
        let version = try parameters(table.createQuery, columns: table.columns).version
        let key = table.keys.sorting
        if let key, key.names.contains(table.columns[version].name) { return key }
        return AppendedKeyExpressions(base: key, column: version, of: table.columns)
    }

    func mergeAlgorithm(for table: MergeTreeTable, purpose: MergePurpose) throws -> (any MergeAlgorithm)? {
        VersionedCollapsingAlgorithm(signColumn: try parameters(table.createQuery, columns: table.columns).sign)
    }
}

/// A sorting key with one column after it (VersionedCollapsingMergeTree sorts by its key, then its version).
struct AppendedKeyExpressions: KeyExpressions {
    let base: (any KeyExpressions)?
    let column: Int
    let types: [DataType]
    let names: [String]

    init(base: (any KeyExpressions)?, column: Int, of columns: [ColumnDescription]) {
        self.base = base
        self.column = column
        types = (base?.types ?? []) + [columns[column].type]
        names = (base?.names ?? []) + [columns[column].name]
    }

    func evaluate(_ chunk: Chunk) throws -> [Column] { (try base?.evaluate(chunk) ?? []) + [chunk.columns[column]] }
}

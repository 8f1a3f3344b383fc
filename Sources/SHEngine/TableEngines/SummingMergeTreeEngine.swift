import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// `ENGINE = SummingMergeTree([(columns)])`: MergeTree whose merges turn the rows of one sorting key into one row,
/// summing the numeric columns outside the key (only the listed ones when a list is given).
struct SummingMergeTreeEngine: MergeTreeFamilyEngine {
    var name: String { "SummingMergeTree" }

    /// The indices of the columns the merges sum, checked as ClickHouse checks the list.
    private func summedColumns(_ query: CreateTableQuery, columns: [ColumnDescription]) throws -> [Int] {
        try candidateColumns(query, columns: columns).filter { SummableKind(columns[$0].type) != nil }
    }

    /// The columns the merges combine (summed ones, and aggregate-function ones, whose states or values are combined
    /// with their function): outside the sorting and partition keys, and listed when a list is given.
    private func candidateColumns(_ query: CreateTableQuery, columns: [ColumnDescription]) throws -> [Int] {
        guard let engine = query.engine else { return [] }
        try MergeTreeFamily.checkArgumentCount(
            engine, 0...1, description: "0 to 1 parameters: \n[list of columns to sum]")
        let keyNames = MergeTreeFamily.sortingKeyNames(query)
        // The columns the partition key reads are not summed either (their values are the partition's).
        let partitionNames = Set(query.partitionBy.map(TableFactory.identifiers(in:)) ?? [])
        try Self.checkNestedMaps(columns)
        guard let argument = engine.arguments.first else {
            return columns.indices.filter {
                !keyNames.contains(columns[$0].name) && !partitionNames.contains(columns[$0].name)
            }
        }
        let items: [Expression]
        if case .function(let call) = argument, call.name == "tuple" {
            items = call.arguments
        } else {
            items = [argument]
        }
        var listed: [String] = []
        for item in items {
            guard let name = MergeTreeFamily.columnName(item) else {
                if case .literal = item { throw DatabaseError(.badArguments, "Wrong number of engine arguments.") }
                throw DatabaseError(
                    .badArguments, "Cannot evaluate engine argument 0: \(SQLFormatter.format(item)) is not a column")
            }
            _ = try MergeTreeFamily.column(
                name, in: columns,
                missing: "Column \(name) listed in columns to sum does not exist in table declaration.")
            listed.append(name)
        }
        let inKey = listed.filter(keyNames.contains)
        if !inKey.isEmpty {
            throw DatabaseError(
                .badArguments,
                "Columns: \(inKey.joined(separator: ", ")) listed both in columns to sum and in sorting key. That is not "
                    + "allowed.")
        }
        let inPartitionKey = listed.filter(partitionNames.contains)
        if !inPartitionKey.isEmpty {
            throw DatabaseError(
                .badArguments,
                "Columns: \(inPartitionKey.joined(separator: ", ")) listed both in columns to sum and in partition key. "
                    + "That is not allowed.")
        }
        return columns.indices.filter { listed.contains(columns[$0].name) }
    }

    /// ClickHouse sums arrays of a nested structure whose name ends in `Map` (`xMap.key`, `xMap.value`) as maps;
    /// SwiftHouse does not, so it refuses such tables rather than merge them wrongly.
    private static func checkNestedMaps(_ columns: [ColumnDescription]) throws {
        var nested: [String: Int] = [:]
        for column in columns {
            guard case .array = column.type, let dot = column.name.lastIndex(of: ".") else { continue }
            let structure = String(column.name[..<dot])
            if structure.hasSuffix("Map") { nested[structure, default: 0] += 1 }
        }
        if let name = nested.filter({ $0.value >= 2 }).keys.sorted().first {
            throw DatabaseError(
                .notImplemented, "SummingMergeTree's summing of nested maps (\(name)) is not supported")
        }
    }

    func checkParameters(_ query: CreateTableQuery, columns: [ColumnDescription]) throws {
        _ = try summedColumns(query, columns: columns)
    }

    func mergeAlgorithm(for table: MergeTreeTable, purpose: MergePurpose) throws -> (any MergeAlgorithm)? {
        let types = table.columns.map(\.type)
        let candidates = try candidateColumns(table.createQuery, columns: table.columns)
        return SummingAlgorithm(
            columns: candidates.filter { SummableKind(types[$0]) != nil }, types: types,
            aggregates: try AggregateColumnMerger.mergers(types: types, columns: candidates))
    }
}

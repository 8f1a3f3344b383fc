import Foundation
import SHColumns
import SHCore
import SHExecution
import SHSQL
import SHStorage

/// OPTIMIZE TABLE (merges parts) and CHECK TABLE (verifies part checksums).
struct MaintenanceInterpreter {
    let context: QueryContext

    func optimize(_ name: TableName, final: Bool) throws {
        let (database, tableName) = context.qualify(name)
        let table = try context.catalog.table(database: database, name: tableName)
        guard let mergeTree = table as? MergeTreeTable, case .parts(let parts) = mergeTree.snapshot() else { return }
        let byPartition = Dictionary(grouping: parts, by: \.name.partitionID)
        for partitionID in byPartition.keys.sorted() {
            let group = (byPartition[partitionID] ?? []).sorted { $0.name.minBlock < $1.name.minBlock }
            guard group.count > 1 || (final && group.count == 1 && group[0].name.level == 0 && false) else { continue }
            var rows = table.columns.map { Column(type: $0.type) }
            var partition: [Value] = []
            var partitionTypes: [DataType] = []
            for part in group {
                var reader = try PartChunks(part: part, columns: table.columns)
                while let chunk = try reader.next() {
                    for index in rows.indices { rows[index].append(contentsOf: chunk.columns[index]) }
                }
                if partition.isEmpty, let key = table.createQuery.partitionBy {
                    partitionTypes = try partitionKeyTypes(key, table: table)
                    partition = try reader.partitionValues(types: partitionTypes)
                }
            }
            var merged = Chunk(columns: rows)
            if !mergeTree.sortingKeyColumns.isEmpty {
                merged = Sorting.sorted(
                    merged,
                    keys: mergeTree.sortingKeyColumns.map { SortKey(column: $0, descending: false, nullsFirst: false) })
            }
            try mergeTree.replace(
                group, withMerged: [merged], partitionValues: partition, partitionTypes: partitionTypes)
        }
    }

    /// The types of the partition expression's values (one per tuple element).
    private func partitionKeyTypes(_ key: Expression, table: any Table) throws -> [DataType] {
        let bound = try Binder(context: context, columns: table.columns, qualifiers: []).bind(key)
        if case .tuple(let items, _) = bound.type { return items }
        return [bound.type]
    }

    func check(_ name: TableName) throws -> QueryResult {
        let (database, tableName) = context.qualify(name)
        let table = try context.catalog.table(database: database, name: tableName)
        let header = [
            ColumnDescription(name: "part_path", type: .string), ColumnDescription(name: "is_passed", type: .uint8),
            ColumnDescription(name: "message", type: .string),
        ]
        var columns = header.map { Column(type: $0.type) }
        var rows = 0
        if case .parts(let parts) = table.snapshot() {
            for part in parts {
                let problem = PartVerification.problem(in: part.directory)
                columns[0].append(.string(part.name.description))
                columns[1].append(.uint(problem == nil ? 1 : 0))
                columns[2].append(.string(problem ?? ""))
                rows += 1
            }
        }
        return .rows(header, Chunk(columns: columns, rowCount: rows))
    }
}

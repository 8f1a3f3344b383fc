import Foundation
import SHBlockingIO
import SHColumns
import SHCore
import SHExecution
import SHSQL
import SHStorage

/// OPTIMIZE TABLE (merges parts) and CHECK TABLE (verifies part checksums).
struct MaintenanceInterpreter {
    let context: QueryContext

    /// Merges each partition's parts into one. The merge runs on the blocking-I/O pool (it reads and writes whole
    /// parts) under the table's merge lock, so concurrent OPTIMIZEs and INSERT merges of one table take turns and
    /// each sees the parts the previous one left.
    func optimize(_ name: TableName, final: Bool) async throws {
        let (database, tableName) = context.qualify(name)
        let table = try context.catalog.table(database: database, name: tableName)
        guard let mergeTree = table as? MergeTreeTable else {
            throw DatabaseError(.notImplemented, "Method optimize is not supported by storage \(table.engineName)")
        }
        let merger = PartMerger(table: mergeTree)
        try await BlockingIO.run {
            try mergeTree.withMergeLock {
                guard case .parts(let parts) = mergeTree.snapshot() else { return }
                for group in Dictionary(grouping: parts, by: \.name.partitionID).sorted(by: { $0.key < $1.key }) {
                    try merger.merge(group.value.sorted { $0.name.minBlock < $1.name.minBlock }, final: final)
                }
            }
        }
    }

    /// After an INSERT: merges fresh small parts in tiers (see `PartMerger.tier`). Skipped when another merge of the
    /// table runs (the next INSERT's turn picks the parts up).
    func mergeSmallParts(_ table: any Table) throws {
        guard let mergeTree = table as? MergeTreeTable else { return }
        let merger = PartMerger(table: mergeTree)
        _ = try mergeTree.withMergeLockIfAvailable {
            guard case .parts(let parts) = mergeTree.snapshot() else { return }
            for partitionID in Set(parts.map(\.name.partitionID)).sorted() {
                try merger.mergeSmallParts(partitionID: partitionID)
            }
        }
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
        // `check_query_single_value_result = 1`: one row, `result` 1 when every part passed (ClickHouse's form).
        if context.flag("check_query_single_value_result") {
            let passed = (0..<rows).allSatisfy { columns[1].value(at: $0) == .uint(1) }
            let single = [ColumnDescription(name: "result", type: .uint8)]
            return .rows(single, Chunk(columns: [Column(type: .uint8, values: [.uint(passed ? 1 : 0)])], rowCount: 1))
        }
        return .rows(header, Chunk(columns: columns, rowCount: rows))
    }
}

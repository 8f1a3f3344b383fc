import Foundation
import SHColumns
import SHCore
import SHExecution
import SHSQL
import SHStorage

/// `SELECT … FROM t FINAL`: reads a MergeTree family table as if its parts had been merged, by running the engine's
/// merge algorithm over the parts at read time. As in ClickHouse, the parts of all partitions are merged together
/// unless `do_not_merge_across_partitions_select_final` is set, and tables of other engines (MergeTree, Memory,
/// system tables, table functions) refuse FINAL.
struct FinalScan {
    let context: QueryContext

    /// Whether `table` may be read with FINAL.
    static func supportsFinal(_ table: any Table) -> Bool {
        guard let mergeTree = table as? MergeTreeTable,
            let engine = try? TableEngineRegistry.engine(of: mergeTree)
        else { return false }
        return engine.supportsFinal
    }

    /// Refuses FINAL on what cannot have it, with ClickHouse's errors.
    static func checkSupported(_ from: TableExpression?, context: QueryContext) throws {
        switch from {
        case nil: return
        case .subquery(let query, _)?:
            throw DatabaseError(
                .unsupportedMethod,
                "Table expression modifiers FINAL are not supported for subquery \(SQLFormatter.formatSelect(query))")
        case .function(let call, _)?:
            let storage =
                call.name == "numbers" ? "SystemNumbers" : call.name.prefix(1).uppercased() + call.name.dropFirst()
            throw DatabaseError(.illegalFinal, "Storage \(storage) doesn't support FINAL.")
        case .table(let name, _)?:
            let (database, table) = context.qualify(name)
            if database == "system" {
                let words = table.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }
                throw DatabaseError(.illegalFinal, "Storage System\(words.joined()) doesn't support FINAL.")
            }
            let object = try context.catalog.table(database: database, name: table)
            guard supportsFinal(object) else {
                throw DatabaseError(.illegalFinal, "Storage \(object.engineName) doesn't support FINAL.")
            }
        }
    }

    /// The rows of `table` merged by its engine's algorithm, with the columns `names` (as ``TableScan``).
    func source(for table: any Table, columns names: Set<String>?) throws -> AnySource {
        guard let mergeTree = table as? MergeTreeTable, Self.supportsFinal(table) else {
            throw DatabaseError(.illegalFinal, "Storage \(table.engineName) doesn't support FINAL.")
        }
        let header = TableScan.header(for: table, columns: names)
        let positions = header.compactMap { column in mergeTree.columns.firstIndex { $0.name == column.name } }
        guard case .parts(let snapshot) = mergeTree.snapshot() else {
            return AnySource(ArraySource(header: header, chunks: []))
        }
        // ClickHouse's part order: by partition, then block number.
        let parts = snapshot.sorted {
            ($0.name.partitionID, $0.name.minBlock) < ($1.name.partitionID, $1.name.minBlock)
        }
        var groups: [[DataPart]] = []
        if context.flag("do_not_merge_across_partitions_select_final") {
            for part in parts {
                if groups.last?.first?.name.partitionID == part.name.partitionID {
                    groups[groups.count - 1].append(part)
                } else {
                    groups.append([part])
                }
            }
        } else if !parts.isEmpty {
            groups = [parts]
        }
        var index = 0
        var current: (() throws -> Chunk?)?
        return AnySource(
            ClosureSource(header: header) {
                while true {
                    if current == nil {
                        guard index < groups.count else { return nil }
                        let sources = try groups[index].map { try PartChunks(part: $0, columns: mergeTree.columns) }
                        current = try PartMerger.mergedRows(of: sources, table: mergeTree, purpose: .final)
                        index += 1
                    }
                    if let chunk = try current?() {
                        return Chunk(columns: positions.map { chunk.columns[$0] }, rowCount: chunk.rowCount)
                    }
                    current = nil
                }
            })
    }
}

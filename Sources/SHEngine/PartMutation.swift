import Foundation
import SHColumns
import SHCore
import SHExecution
import SHSQL
import SHStorage

/// The ALTERs that change what a MergeTree table's parts hold (DROP, RENAME and MODIFY COLUMN with a new type), run
/// as ClickHouse runs them: as a mutation with a new block number `v` that rewrites every active part
/// `<partition>_<min>_<max>_<level>` into `<partition>_<min>_<max>_<level>_<v>`, synchronously (ClickHouse with
/// `mutations_sync = 2`). Rows are read with the part reader and written with the part writer, as merges do.
///
/// Every rewritten part is written to a temporary directory first: a value that does not convert to a new type
/// fails the ALTER before anything changes. Then the definition is written and the parts are renamed into place;
/// after a crash part way through the renames, the renamed parts cover their sources when the table is loaded, and
/// the parts not yet renamed are read with the new definition (a dropped column ignored, a new type cast on reading;
/// a renamed column, though, would read its default: ClickHouse's `mutation_<n>.txt`, which would let the mutation
/// finish after a restart, is not written yet).
struct PartMutation {
    let context: QueryContext
    let database: String

    /// Whether going from `old` to `new` (with `renamed` mapping new column names to the parts' names) changes what
    /// the parts hold: a stored column dropped, renamed or given another type.
    static func rewritesParts(old: CreateTableQuery, new: CreateTableQuery, renamed: [String: String]) -> Bool {
        let before = Dictionary(
            old.columns.filter(\.isStored).map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        var kept: Set<String> = []
        for column in new.columns where column.isStored {
            let source = renamed[column.name] ?? column.name
            guard let type = before[source] else { continue }
            if source != column.name || type != column.type { return true }
            kept.insert(source)
        }
        return kept.count != before.count
    }

    /// Rewrites every part of `table` for the definition `definition`, writes the definition and puts a table object
    /// for it in the catalog, all while no merge of the table runs.
    func run(_ table: MergeTreeTable, to definition: CreateTableQuery, renamed: [String: String]) throws {
        let name = definition.name.table
        try table.withMergeLock {
            let directory = context.engine.metadata.dataDirectory(database: database, table: name)
            guard
                let replacement = try TableFactory.make(
                    definition, database: database, uuid: table.uuid, directory: directory) as? MergeTreeTable,
                case .parts(let parts) = replacement.snapshot()
            else {
                throw DatabaseError(.logicalError, "The table \(name) is no longer a MergeTree table after ALTER")
            }
            let version = table.reserveMutationVersion()
            let missing = PartChunks.missingColumnValues(of: table.createQuery)
                .merging(PartChunks.missingColumnValues(of: definition)) { old, _ in old }
            let sourceTypes = Dictionary(table.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
            // What each of the new table's columns is read as from the parts: its old name and type.
            let sources = replacement.columns.map { column in
                let source = renamed[column.name] ?? column.name
                return ColumnDescription(name: source, type: sourceTypes[source] ?? column.type)
            }
            var rewritten: [(source: DataPart, temporary: URL)] = []
            do {
                for part in parts {
                    let temporary = try rewrite(
                        part, of: replacement, reading: sources, missing: missing, version: version)
                    rewritten.append((part, temporary))
                }
            } catch {
                for written in rewritten { try? FileManager.default.removeItem(at: written.temporary) }
                throw error
            }
            try context.engine.metadata.writeTable(definition, database: database)
            try replacement.commitMutatedParts(rewritten, version: version)
            _ = try context.catalog.remove(database: database, name: name)
            try context.catalog.add(replacement, database: database, name: name)
        }
    }

    /// Writes `part` rewritten for `table`'s columns into a temporary directory: `sources` are the columns read from
    /// it (one per table column), each cast to the table column's type with ClickHouse's CAST.
    private func rewrite(
        _ part: DataPart, of table: MergeTreeTable, reading sources: [ColumnDescription], missing: [String: Value],
        version: Int64
    ) throws -> URL {
        var chunks = try PartChunks(part: part, columns: sources, missing: missing)
        let partitionTypes = table.keys.partitionTypes
        let partition = table.keys.partition == nil ? [] : try chunks.partitionValues(types: partitionTypes)
        let types = table.columns.map(\.type)
        return try table.writeMutatedPart(
            of: part, version: version, partitionValues: partition, partitionTypes: partitionTypes
        ) { writer in
            // Blocks of merge_max_block_size rows, as merges write them.
            var rechunker = Rechunker(rows: 8_192)
            while let chunk = try chunks.next() {
                let columns = try zip(chunk.columns, types).map { try ColumnCast.cast($0, to: $1) }
                for block in rechunker.add(Chunk(columns: columns, rowCount: chunk.rowCount)) {
                    try writer.write(block)
                }
            }
            if let last = rechunker.finish() { try writer.write(last) }
        }
    }
}

import Foundation
import SHColumns
import SHCore
import SHExecution
import SHStorage

/// A table of the `system` database, computed from the engine's state when read. Adding one is one file
/// conforming to this (or to `RowsSystemTable`) plus one line in `SystemTableRegistry.tables`.
protocol SystemTable: Sendable {
    /// The name after `system.`.
    var name: String { get }
    /// The columns, in order: name and type (what DESCRIBE and `system.columns` show).
    var columns: [(String, DataType)] { get }
    /// The source that reads the table now.
    func source(_ context: QueryContext) throws -> AnySource
}

/// A system table whose rows are computed at once: its columns and its rows.
protocol RowsSystemTable: SystemTable {
    /// The rows, each with one value per column.
    func rows(_ context: QueryContext) throws -> [[Value]]
}

extension RowsSystemTable {
    /// The rows in one chunk (none when there are no rows).
    func source(_ context: QueryContext) throws -> AnySource {
        let values = try rows(context)
        let header = columns.map { ColumnDescription(name: $0.0, type: $0.1) }
        var built = header.map { Column(type: $0.type) }
        for row in values {
            guard row.count == header.count else {
                throw DatabaseError(
                    .logicalError, "system.\(name) made a row of \(row.count) values for \(header.count) columns")
            }
            for (index, value) in row.enumerated() { built[index].append(value) }
        }
        return AnySource(
            ArraySource(header: header, chunks: values.isEmpty ? [] : [Chunk(columns: built, rowCount: values.count)]))
    }

    /// Every table of every database.
    func allTables(_ context: QueryContext) throws -> [any Table] {
        try context.catalog.databaseNames().flatMap { try context.catalog.tables(in: $0) }
    }

    /// A UUID as a `UUID` column value.
    func uuidValue(_ uuid: UUID) -> Value {
        let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        let high = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return .uuid(high: high, low: low)
    }
}

/// Every system table, by name.
enum SystemTableRegistry {
    /// The registered tables; one line per table.
    static let tables = Registry<any SystemTable>(
        [
            SystemOne(),
            SystemNumbers(),
            SystemDatabases(),
            SystemTablesTable(),
            SystemColumns(),
            SystemParts(),
            SystemBackups(),
            SystemBackupLog(),
            SystemSettings(),
        ], name: \.name
    ) { DatabaseError(.unknownTable, "Table system.\($0) does not exist") }

    /// The tables' names, sorted (what `SHOW TABLES FROM system` lists).
    static let names: [String] = tables.names

    /// The table `system.name`; `UNKNOWN_TABLE` (`Table system.x does not exist`) when there is none.
    static func table(named name: String) throws -> any SystemTable { try tables.entry(named: name) }
}

/// The `system` database as the planner reads it.
struct SystemTables {
    let context: QueryContext

    /// The names of the system tables, sorted.
    static var names: [String] { SystemTableRegistry.names }

    /// The source reading `system.name` now.
    func source(_ name: String) throws -> AnySource {
        try SystemTableRegistry.table(named: name).source(context)
    }
}

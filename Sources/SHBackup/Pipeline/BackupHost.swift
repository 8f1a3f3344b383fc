import Foundation
import SHCodecs
import SHSQL
import SHStorage

/// What the backup pipeline needs from the engine: the catalog, names, DDL and the complete check of a part.
/// SHBackup declares it and cannot see the engine; SHEngine implements it in one file (`EngineBackupHost`).
public protocol BackupHost: Sendable {
    /// The databases and tables.
    var catalog: Catalog { get }
    /// Where `File`/`Disk` backups may be, and the environment S3 credentials come from.
    var locations: BackupLocations { get }
    /// A directory for temporary files on the data's file system (hard-linked snapshots of parts).
    var temporaryDirectory: URL { get }
    /// Resolves `[db.]t` against the current database.
    func qualify(_ name: TableName) -> (database: String, table: String)
    /// The definition as CREATE TABLE stores it in `database` (defaults filled in), to compare with a table's.
    func canonicalTableDefinition(_ query: CreateTableQuery, database: String) throws -> CreateTableQuery
    /// Creates a table (metadata file and data directory) and adds it to the catalog.
    func createTable(_ definition: CreateTableQuery, database: String) throws -> any Table
    /// Drops a table created by a RESTORE that failed.
    func dropTable(database: String, table: String) throws
    /// Creates a database (ClickHouse's default engine).
    func createDatabase(_ name: String) throws
    /// Drops a database created by a RESTORE that failed.
    func dropDatabase(_ name: String) throws
    /// The data directory of a table (where a RESTORE leaves its `RestoreMarker`).
    func dataDirectory(database: String, table: String) -> URL
    /// Fails unless the part in `directory` is fully readable as a part of `table` (see `TableRestoreOptions`).
    func checkRestoredPart(
        _ directory: URL, name: PartName, table: MergeTreeTable, verified: [String: (size: Int, hash: UInt128Hash)]
    ) throws
}

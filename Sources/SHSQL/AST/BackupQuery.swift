import SHCore

/// `BACKUP elements TO engine(…) [SETTINGS …] [ASYNC|SYNC]` and `RESTORE elements FROM engine(…) …`.
public struct BackupQuery: Sendable, Hashable {
    public var elements: [BackupElement]
    /// The destination (`TO`) or source (`FROM`): `S3(…)`, `Disk(…)`, `File(…)`, `Memory(…)`, `Null`.
    public var engine: FunctionCall
    /// The settings clause; `base_backup` holds a function call expression.
    public var settings: [SettingAssignment]
    /// `ASYNC` at the end (`SYNC` → false, absent → nil).
    public var async: Bool?

    public init(elements: [BackupElement], engine: FunctionCall, settings: [SettingAssignment] = [], async: Bool? = nil)
    {
        self.elements = elements
        self.engine = engine
        self.settings = settings
        self.async = async
    }
}

/// One element of a BACKUP/RESTORE statement.
public enum BackupElement: Sendable, Hashable {
    /// `TABLE [db.]t [AS [db.]t2] [PARTITION p | PARTITIONS p1, p2]` (also `DICTIONARY`, `VIEW`).
    case table(TableName, newName: TableName?, partitions: [Expression]?)
    /// `TEMPORARY TABLE t [AS t2]`.
    case temporaryTable(String, newName: String?)
    /// `DATABASE db [AS db2] [EXCEPT TABLE|TABLES t1, …]`.
    case database(String, newName: String?, exceptTables: [TableName])
    /// `ALL [EXCEPT DATABASE|DATABASES d1, …] [EXCEPT TABLE|TABLES db.t, …]`.
    case all(exceptDatabases: [String], exceptTables: [TableName])
}

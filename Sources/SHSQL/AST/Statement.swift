import SHCore

/// One parsed statement with the clauses every statement may end with.
public struct ParsedStatement: Sendable, Hashable {
    public var statement: Statement
    /// `FORMAT name` at the end of the statement, if any.
    public var format: String?
    /// `SETTINGS a = 1, …` at the end of a statement that is not BACKUP/RESTORE/CREATE (those keep their own).
    public var settings: [SettingAssignment]
    /// `INTO OUTFILE` is not supported; the text of the statement as written, for logs and `system.backups`.
    public var text: String
    /// Where the inline data of an `INSERT … FORMAT f` lies in the parsed bytes (its bytes as they are, which the
    /// `String` of ``InsertSource/format(name:data:)`` cannot keep when they are binary).
    public var inlineData = InlineDataRange()

    public init(statement: Statement, format: String? = nil, settings: [SettingAssignment] = [], text: String) {
        self.statement = statement
        self.format = format
        self.settings = settings
        self.text = text
    }
}

/// A byte range kept beside a parsed statement; it does not take part in equality (the same statement parsed from
/// another text has other offsets).
public struct InlineDataRange: Sendable, Hashable {
    /// The range in the parsed bytes; nil when the statement has no inline data.
    public var range: Range<Int>?

    /// A range in the parsed bytes (nil: no inline data).
    public init(range: Range<Int>? = nil) { self.range = range }
    /// Always equal: the range does not take part in a statement's equality.
    public static func == (_: InlineDataRange, _: InlineDataRange) -> Bool { true }
    /// Adds nothing to the hash, as equality ignores the range.
    public func hash(into hasher: inout Hasher) {}
}

/// Every statement SwiftHouse understands.
public indirect enum Statement: Sendable, Hashable {
    case select(SelectQuery)
    case insert(InsertQuery)
    case createDatabase(CreateDatabaseQuery)
    case createTable(CreateTableQuery)
    /// `ALTER TABLE t command, …`.
    case alter(AlterQuery)
    /// `DROP TABLE|DATABASE [IF EXISTS] name [SYNC]`.
    case drop(DropQuery)
    /// `TRUNCATE [TABLE] [IF EXISTS] name`.
    case truncate(TableName, ifExists: Bool)
    /// `RENAME TABLE a TO b [, c TO d]`.
    case rename([RenamePair])
    case show(ShowQuery)
    /// `DESCRIBE [TABLE] name` (also `DESC`).
    case describe(TableName)
    /// `USE db`.
    case use(String)
    /// `EXISTS [TABLE|DATABASE] name`.
    case exists(ExistsQuery)
    /// `OPTIMIZE TABLE name [FINAL]`.
    case optimize(TableName, final: Bool)
    /// `CHECK TABLE name`.
    case check(TableName)
    /// `SET a = 1, b = 'x'`.
    case set([SettingAssignment])
    case backup(BackupQuery)
    case restore(BackupQuery)
}

/// `a TO b` in `RENAME TABLE`.
public struct RenamePair: Sendable, Hashable {
    public var from: TableName
    public var to: TableName
    public init(from: TableName, to: TableName) {
        self.from = from
        self.to = to
    }
}

/// `[db.]table`.
public struct TableName: Sendable, Hashable, CustomStringConvertible {
    public var database: String?
    public var table: String

    public init(database: String? = nil, table: String) {
        self.database = database
        self.table = table
    }

    public var description: String { database.map { "\($0).\(table)" } ?? table }
}

/// `name = value` in SETTINGS or SET; `value` is a literal, or a function call such as `S3(...)` for `base_backup`.
public struct SettingAssignment: Sendable, Hashable {
    public var name: String
    public var value: Expression

    public init(name: String, value: Expression) {
        self.name = name
        self.value = value
    }
}

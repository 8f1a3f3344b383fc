import SHCore

/// `CREATE DATABASE [IF NOT EXISTS] name [ENGINE = Atomic]`.
public struct CreateDatabaseQuery: Sendable, Hashable {
    public var name: String
    public var ifNotExists: Bool
    public var uuid: String?
    public var engine: String?
    /// `COMMENT '…'`.
    public var comment: String?

    public init(name: String, ifNotExists: Bool = false, uuid: String? = nil, engine: String? = nil) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.uuid = uuid
        self.engine = engine
    }
}

/// `CREATE TABLE [IF NOT EXISTS] [db.]t [UUID '…'] (columns) ENGINE = E(args) [PARTITION BY …]
/// [PRIMARY KEY …] [ORDER BY …] [SETTINGS …] [COMMENT '…']`, or `… AS SELECT …`.
public struct CreateTableQuery: Sendable, Hashable {
    public var name: TableName
    public var ifNotExists: Bool = false
    public var uuid: String?
    public var columns: [ColumnDefinition] = []
    public var engine: EngineDefinition?
    public var partitionBy: Expression?
    public var primaryKey: Expression?
    public var orderBy: Expression?
    /// `SAMPLE BY expr` (MergeTree's sampling key).
    public var sampleBy: Expression?
    /// Table-level settings (`SETTINGS index_granularity = 8192`), in the order written.
    public var settings: [SettingAssignment] = []
    public var comment: String?
    public var asSelect: SelectQuery?
    /// `CREATE TABLE t2 AS t1 [ENGINE …]`: the table whose columns (and, without ENGINE, storage) are copied.
    public var asTable: TableName?

    public init(name: TableName) { self.name = name }
}

/// One column of `CREATE TABLE`.
public struct ColumnDefinition: Sendable, Hashable {
    public var name: String
    public var type: DataType
    /// `DEFAULT expr` / `MATERIALIZED expr` / `ALIAS expr`.
    public var defaultKind: String?
    public var defaultExpression: Expression?
    /// `CODEC(LZ4)`, `CODEC(ZSTD(3))`, `CODEC(Delta, ZSTD)`: each codec as a function call or identifier.
    public var codec: [Expression]?
    public var comment: String?

    public init(name: String, type: DataType) {
        self.name = name
        self.type = type
    }
}

/// `ENGINE = MergeTree` or `ENGINE = MergeTree()`; `hasParentheses` keeps what was written.
public struct EngineDefinition: Sendable, Hashable {
    public var name: String
    public var arguments: [Expression]
    public var hasParentheses: Bool

    public init(name: String, arguments: [Expression] = [], hasParentheses: Bool = false) {
        self.name = name
        self.arguments = arguments
        self.hasParentheses = hasParentheses
    }
}

/// `DROP TABLE|DATABASE [IF EXISTS] name`.
public struct DropQuery: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case table, database }
    public var kind: Kind
    public var ifExists: Bool
    /// For a database, `name.table` is the database name and `name.database` is nil.
    public var name: TableName
    /// `SYNC` at the end (drop without delay).
    public var sync: Bool = false

    public init(kind: Kind, ifExists: Bool, name: TableName) {
        self.kind = kind
        self.ifExists = ifExists
        self.name = name
    }
}

/// `SHOW DATABASES`, `SHOW TABLES [FROM db] [LIKE 'p']`, `SHOW CREATE [TABLE] t`, `SHOW CREATE DATABASE d`.
public enum ShowQuery: Sendable, Hashable {
    case databases(like: String?)
    case tables(database: String?, like: String?)
    case createTable(TableName)
    case createDatabase(String)
}

/// `EXISTS [TABLE] t` / `EXISTS DATABASE d`.
public enum ExistsQuery: Sendable, Hashable {
    case table(TableName)
    case database(String)
}

/// `INSERT INTO [TABLE] t [(c1, c2)] VALUES … | SELECT … | FORMAT name <data>`.
public struct InsertQuery: Sendable, Hashable {
    public var table: TableName
    public var columns: [String]?
    public var source: InsertSource
    /// The source text of every `VALUES` field, row by row (ClickHouse reads a field as text of the column's
    /// type before it evaluates it as an expression, so `0.29` is exact for a Decimal).
    public var valueTexts = SourceTexts()

    public init(table: TableName, columns: [String]? = nil, source: InsertSource) {
        self.table = table
        self.columns = columns
        self.source = source
    }
}

/// Source text kept beside a parsed AST; it does not take part in equality (formatting changes spacing).
public struct SourceTexts: Sendable, Hashable {
    public var rows: [[String]] = []

    public init(rows: [[String]] = []) { self.rows = rows }
    public static func == (_: SourceTexts, _: SourceTexts) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

public indirect enum InsertSource: Sendable, Hashable {
    /// `VALUES (…), (…)`: each row's expressions.
    case values([[Expression]])
    case select(SelectQuery)
    /// `FORMAT name` followed by inline data (everything after the format name and one whitespace/newline).
    case format(name: String, data: String)
}

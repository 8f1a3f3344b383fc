import SHCore

/// `CREATE DATABASE [IF NOT EXISTS] name [ENGINE = Atomic]`.
public struct CreateDatabaseQuery: Sendable, Hashable {
    public var name: String
    public var ifNotExists: Bool
    public var uuid: String?
    public var engine: String?
    /// The engine's arguments, `Backup('db', S3(…))` (nil: written without parentheses).
    public var engineArguments: [Expression]?
    /// `COMMENT '…'`.
    public var comment: String?

    public init(
        name: String, ifNotExists: Bool = false, uuid: String? = nil, engine: String? = nil,
        engineArguments: [Expression]? = nil
    ) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.uuid = uuid
        self.engine = engine
        self.engineArguments = engineArguments
    }
}

/// `CREATE [OR REPLACE] TABLE [IF NOT EXISTS] [db.]t [UUID '…'] (columns, indexes, projections, constraints)
/// ENGINE = E(args) [PARTITION BY …] [PRIMARY KEY …] [ORDER BY …] [SAMPLE BY …] [TTL …] [SETTINGS …]
/// [COMMENT '…']`, or `… AS SELECT …`; also `REPLACE TABLE …`.
public struct CreateTableQuery: Sendable, Hashable {
    public var name: TableName
    /// `CREATE OR REPLACE TABLE` (or `REPLACE TABLE`, with `replaceOnly`).
    public var orReplace: Bool = false
    /// `REPLACE TABLE` without `CREATE OR`: the table must exist.
    public var replaceOnly: Bool = false
    public var ifNotExists: Bool = false
    public var uuid: String?
    public var columns: [ColumnDefinition] = []
    /// Skip indexes written in the column list (`INDEX name expr TYPE type GRANULARITY n`), in order.
    public var indexes: [IndexDefinition] = []
    /// Projections written in the column list (`PROJECTION name (SELECT …)`), in order.
    public var projections: [ProjectionDefinition] = []
    /// Constraints written in the column list (`CONSTRAINT name CHECK|ASSUME expr`), in order.
    public var constraints: [ConstraintDefinition] = []
    public var engine: EngineDefinition?
    public var partitionBy: Expression?
    public var primaryKey: Expression?
    public var orderBy: Expression?
    /// `SAMPLE BY expr`.
    public var sampleBy: Expression?
    /// The table TTL: comma-separated rules (`TTL d + INTERVAL 1 DAY, d + INTERVAL 1 WEEK TO DISK 'cold'`).
    public var ttl: [TTLElement] = []
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
    /// `DEFAULT expr` / `MATERIALIZED expr` / `ALIAS expr` / `EPHEMERAL [expr]`.
    public var defaultKind: String?
    public var defaultExpression: Expression?
    /// `CODEC(LZ4)`, `CODEC(ZSTD(3))`, `CODEC(Delta, ZSTD)`: each codec as a function call or identifier.
    public var codec: [Expression]?
    public var comment: String?
    /// The column's TTL (`TTL ts + INTERVAL 1 DAY`): the value is reset to its default when it expires.
    public var ttl: Expression?
    /// Per-column MergeTree settings (`SETTINGS (max_compress_block_size = 1)`).
    public var settings: [SettingAssignment] = []

    public init(name: String, type: DataType) {
        self.name = name
        self.type = type
    }
}

/// A data-skipping index: `INDEX name expr TYPE type[(args)] [GRANULARITY n]`.
public struct IndexDefinition: Sendable, Hashable {
    public var name: String
    public var expression: Expression
    /// The index type: an identifier (`minmax`) or a call (`bloom_filter(0.01)`, `set(100)`).
    public var type: Expression
    /// `GRANULARITY n`; nil when not written (ClickHouse then uses 1 and prints `GRANULARITY 1`).
    public var granularity: UInt64?

    public init(name: String, expression: Expression, type: Expression, granularity: UInt64? = nil) {
        self.name = name
        self.expression = expression
        self.type = type
        self.granularity = granularity
    }

    /// The type's name (`bloom_filter` for `bloom_filter(0.01)`).
    public var typeName: String {
        switch type {
        case .identifier(let parts): parts.joined(separator: ".")
        case .function(let call): call.name
        default: ""
        }
    }
}

/// A projection: `PROJECTION name (SELECT … [GROUP BY …] [ORDER BY …])`.
///
/// The query has no FROM; its ORDER BY is kept as written (`orderBy` elements without direction).
public struct ProjectionDefinition: Sendable, Hashable {
    public var name: String
    public var query: SelectQuery

    public init(name: String, query: SelectQuery) {
        self.name = name
        self.query = query
    }
}

/// A table constraint: `CONSTRAINT name CHECK expr` or `CONSTRAINT name ASSUME expr`.
public struct ConstraintDefinition: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case check = "CHECK"
        case assume = "ASSUME"
    }

    public var name: String
    public var kind: Kind
    public var expression: Expression

    public init(name: String, kind: Kind, expression: Expression) {
        self.name = name
        self.kind = kind
        self.expression = expression
    }
}

/// One rule of a table TTL: `expr [DELETE | TO DISK 'd' | TO VOLUME 'v' | RECOMPRESS CODEC(…)] [WHERE cond]`.
public struct TTLElement: Sendable, Hashable {
    /// What happens to rows (or parts) whose TTL expression has passed.
    public enum Action: Sendable, Hashable {
        /// `DELETE` (the default; ClickHouse does not print it).
        case delete
        /// `TO DISK 'name'`.
        case toDisk(String)
        /// `TO VOLUME 'name'`.
        case toVolume(String)
        /// `RECOMPRESS CODEC(…)`: each codec as in a column's CODEC.
        case recompress([Expression])
    }

    public var expression: Expression
    public var action: Action
    /// `WHERE cond` (only with DELETE).
    public var whereClause: Expression?

    public init(expression: Expression, action: Action = .delete, whereClause: Expression? = nil) {
        self.expression = expression
        self.action = action
        self.whereClause = whereClause
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

/// `ALTER TABLE [db.]t command, command, …`.
public struct AlterQuery: Sendable, Hashable {
    public var table: TableName
    public var commands: [AlterCommand]

    public init(table: TableName, commands: [AlterCommand]) {
        self.table = table
        self.commands = commands
    }
}

/// Where `ADD COLUMN` / `ADD INDEX` / `MODIFY COLUMN` puts the element: `FIRST` or `AFTER name`.
public enum AlterPosition: Sendable, Hashable {
    case first
    case after(String)
}

/// One command of `ALTER TABLE`.
public enum AlterCommand: Sendable, Hashable {
    /// `ADD COLUMN [IF NOT EXISTS] name Type … [FIRST | AFTER c]`.
    case addColumn(ColumnDefinition, ifNotExists: Bool, position: AlterPosition?)
    /// `DROP COLUMN [IF EXISTS] name`.
    case dropColumn(String, ifExists: Bool)
    /// `RENAME COLUMN [IF EXISTS] a TO b`.
    case renameColumn(String, to: String, ifExists: Bool)
    /// `MODIFY COLUMN [IF EXISTS] name Type … [FIRST | AFTER c]`.
    case modifyColumn(ColumnDefinition, ifExists: Bool, position: AlterPosition?)
    /// `COMMENT COLUMN [IF EXISTS] name 'text'`.
    case commentColumn(String, comment: String, ifExists: Bool)
    /// `ADD INDEX [IF NOT EXISTS] name expr TYPE t [GRANULARITY n] [FIRST | AFTER index]`.
    case addIndex(IndexDefinition, ifNotExists: Bool, position: AlterPosition?)
    /// `DROP INDEX [IF EXISTS] name`.
    case dropIndex(String, ifExists: Bool)
    /// `ADD PROJECTION [IF NOT EXISTS] name (SELECT …) [FIRST | AFTER projection]`.
    case addProjection(ProjectionDefinition, ifNotExists: Bool, position: AlterPosition?)
    /// `DROP PROJECTION [IF EXISTS] name`.
    case dropProjection(String, ifExists: Bool)
    /// `MODIFY SETTING a = 1, b = 2`.
    case modifySetting([SettingAssignment])
    /// `RESET SETTING a, b`.
    case resetSetting([String])
    /// `MODIFY TTL rule, …`.
    case modifyTTL([TTLElement])
    /// `REMOVE TTL`.
    case removeTTL
    /// `MODIFY COMMENT 'text'`.
    case modifyComment(String)
    /// `MODIFY ORDER BY expr`.
    case modifyOrderBy(Expression)
}

import SHCore

/// `SELECT … [FROM …] [WHERE …] [GROUP BY …] [HAVING …] [ORDER BY …] [LIMIT …]`, possibly `UNION ALL` of several.
public struct SelectQuery: Sendable, Hashable {
    public var distinct: Bool = false
    public var projection: [Expression] = []
    public var from: TableExpression?
    /// `FROM table FINAL`: the MergeTree family's merge done at read time.
    public var final: Bool = false
    public var whereClause: Expression?
    public var groupBy: [Expression] = []
    public var having: Expression?
    public var orderBy: [OrderByElement] = []
    public var limit: Expression?
    public var offset: Expression?
    /// `SAMPLE k [OFFSET m]` after the table (MergeTree sampling).
    public var sample: SampleClause?
    /// Further selects joined with `UNION ALL` (each is a full query without its own union list).
    public var unionAll: [SelectQuery] = []
    /// `SETTINGS` inside the query (before FORMAT).
    public var settings: [SettingAssignment] = []

    public init() {}
}

/// The source of rows after `FROM`.
public indirect enum TableExpression: Sendable, Hashable {
    case table(TableName, alias: String?)
    /// A table function such as `numbers(10)` or `generateRandom('a Int32', 1)`.
    case function(FunctionCall, alias: String?)
    case subquery(SelectQuery, alias: String?)
}

/// `expr [ASC|DESC] [NULLS FIRST|LAST]`.
public struct OrderByElement: Sendable, Hashable {
    public var expression: Expression
    public var descending: Bool
    /// `nil` when not given (ClickHouse: NULLS LAST for ASC and DESC alike).
    public var nullsFirst: Bool?

    public init(expression: Expression, descending: Bool = false, nullsFirst: Bool? = nil) {
        self.expression = expression
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

/// `SAMPLE k [OFFSET m]`: the ratios as exact fractions, as ClickHouse's `ASTSampleRatio` keeps them (`0.1` is 1/10,
/// `1/10` too); a ratio over 1 is a number of rows.
public struct SampleClause: Sendable, Hashable {
    public struct Ratio: Sendable, Hashable {
        public var numerator: UInt64
        public var denominator: UInt64

        public init(numerator: UInt64, denominator: UInt64) {
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    public var size: Ratio
    public var offset: Ratio?

    public init(size: Ratio, offset: Ratio? = nil) {
        self.size = size
        self.offset = offset
    }
}

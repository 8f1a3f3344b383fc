import SHCore

/// An expression, as ClickHouse's parser produces it: operators become function calls
/// (`a + b` → `plus(a, b)`, `a = b` → `equals(a, b)`, `NOT a` → `not(a)`, `-a` → `negate(a)`,
/// `a[i]` → `arrayElement(a, i)`, `t.1` → `tupleElement(t, 1)`, `[a, b]` → `array(a, b)`,
/// `(a, b)` → `tuple(a, b)`, `a IN (…)` → `in(a, tuple(…))`, `a IS NULL` → `isNull(a)`,
/// `a LIKE p` → `like(a, p)`, `CASE` → `multiIf(…)`/`caseWithExpression(…)`, `CAST(x AS T)` and `x::T` →
/// `cast(x, 'T')`, `a || b` → `concat(a, b)`, `a BETWEEN x AND y` → `and(greaterOrEquals(a, x), lessOrEquals(a, y))`).
public indirect enum Expression: Sendable, Hashable {
    case literal(Literal)
    /// A column reference; `["t", "a"]` for `t.a`, `["db", "t", "a"]` for `db.t.a`.
    case identifier([String])
    /// `*` or `t.*`.
    case asterisk(qualifier: String?)
    /// A function call. `parameters` holds the first parentheses of a parametric aggregate (`quantile(0.5)(x)`).
    case function(FunctionCall)
    /// A scalar subquery `(SELECT …)`, or a subquery on the right of `IN`.
    case subquery(SelectQuery)
    /// `expr AS name`.
    case alias(Expression, String)
    /// A lambda `x -> body` or `(x, y) -> body` (an argument of higher-order functions such as `arrayMap`).
    case lambda(parameters: [String], body: Expression)
}

/// A function call expression.
public struct FunctionCall: Sendable, Hashable {
    public var name: String
    public var arguments: [Expression]
    public var parameters: [Expression]?
    public var distinct: Bool
    /// Written with call syntax (`tuple(a)`, `plus(a, b)`, `negate(k)`) rather than as `(a)`, `a + b`, `-k`: only changes
    /// how the call is formatted, as ClickHouse keeps what was written; ignored by `==` and `hash(into:)`.
    public var writtenAsFunction: Bool = false
    /// An operator written inside its own parentheses (`(a + 1)`): ClickHouse 26.9 prints them back, so this
    /// only changes formatting; ignored by `==` and `hash(into:)`.
    public var parenthesized: Bool = false

    public init(name: String, arguments: [Expression], parameters: [Expression]? = nil, distinct: Bool = false) {
        self.name = name
        self.arguments = arguments
        self.parameters = parameters
        self.distinct = distinct
    }

    public static func == (lhs: FunctionCall, rhs: FunctionCall) -> Bool {
        lhs.name == rhs.name && lhs.arguments == rhs.arguments && lhs.parameters == rhs.parameters
            && lhs.distinct == rhs.distinct
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(arguments)
        hasher.combine(parameters)
        hasher.combine(distinct)
    }
}

/// A literal as written in SQL.
public enum Literal: Sendable, Hashable {
    case null
    /// An integer literal that fits in UInt64 (a leading minus is a separate `negate`, folded by the parser into `.integer`).
    case unsignedInteger(UInt64)
    case integer(Int64)
    case float(Double)
    case string(String)
    /// `true` / `false`.
    case bool(Bool)
}

extension Expression {
    /// A function call with positional arguments.
    public static func call(_ name: String, _ arguments: Expression...) -> Expression {
        .function(FunctionCall(name: name, arguments: arguments))
    }

    /// The expression without an outer alias.
    public var unaliased: Expression {
        if case .alias(let inner, _) = self { return inner.unaliased }
        return self
    }

    /// The alias given with `AS`, if any.
    public var aliasName: String? {
        if case .alias(_, let name) = self { return name }
        return nil
    }
}

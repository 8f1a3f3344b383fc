import SHSQL

/// The SQL AST's expression (Foundation also declares an `Expression`).
typealias Expression = SHSQL.Expression

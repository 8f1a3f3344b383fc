/// Operator precedences, as in ClickHouse (higher binds tighter).
enum Precedence {
    /// `x -> body`: the loosest operator.
    static let lambda = 1
    static let ternary = 2
    static let or = 3
    static let and = 4
    static let not = 5
    static let isNull = 6
    static let between = 7
    static let comparison = 9
    static let concat = 10
    static let additive = 11
    static let multiplicative = 12
    static let unaryMinus = 13
}

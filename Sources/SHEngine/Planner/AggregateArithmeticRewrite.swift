import SHCore
import SHExecution
import SHSQL

/// ClickHouse's `optimize_arithmetic_operations_in_aggregate_functions` (on by default): an aggregate of an
/// arithmetic with a constant becomes the arithmetic of the aggregate, `sum(x / 3)` → `sum(x) / 3`,
/// `max(x * -2)` → `min(x) * -2`, `min(1 - x)` → `1 - max(x)`, whenever the result type stays the same.
///
/// It changes results where the arithmetic rounds: `sum(toDecimal64(number, 2) / 3)` over 0…4 is 3.33 in
/// ClickHouse (10.00 / 3), not the 3.32 that summing the rounded quotients gives. `sum` takes `multiply` and
/// `divide`; `min`, `max` and `avg` also `plus` and `minus`; a constant on the left of `divide` is left alone
/// (`sum(1 / x)`), as are DISTINCT, combinators and calls with parameters (`AggregateFunctionsArithmericOperationsPass`).
struct AggregateArithmeticRewrite {
    /// The pre-aggregation binder: it tells constants from columns and gives the types.
    let binder: Binder

    private static let operations: [String: Set<String>] = [
        "sum": ["multiply", "divide"],
        "min": ["multiply", "divide", "plus", "minus"],
        "max": ["multiply", "divide", "plus", "minus"],
        "avg": ["multiply", "divide", "plus", "minus"],
    ]

    /// `expression` with every rewritable aggregate call rewritten (outside aggregates only: they do not nest).
    func rewrite(_ expression: Expression) -> Expression {
        switch expression {
        case .alias(let inner, let name): return .alias(rewrite(inner), name)
        case .function(var call):
            if AggregateRegistry.isAggregate(call.name) { return rewritten(call) ?? expression }
            call.arguments = call.arguments.map(rewrite)
            return .function(call)
        default: return expression
        }
    }

    /// The arithmetic of the aggregate for one aggregate call, or nil when the rule does not apply.
    private func rewritten(_ aggregate: FunctionCall) -> Expression? {
        let name = aggregate.name.lowercased()
        guard let allowed = Self.operations[name], !aggregate.distinct, aggregate.parameters == nil,
            aggregate.arguments.count == 1, case .function(let arithmetic) = aggregate.arguments[0].unaliased,
            allowed.contains(arithmetic.name), arithmetic.arguments.count == 2
        else { return nil }
        do {
            let bound = try arithmetic.arguments.map { try binder.bind($0) }
            let constants = bound.map { $0.constantValue != nil }
            let index: Int
            var target = name
            if constants[0], !constants[1] {
                // `sum(1 / x)` would lose accuracy.
                guard arithmetic.name != "divide" else { return nil }
                if arithmetic.name == "minus" || (arithmetic.name == "multiply" && Self.isNegative(bound[0])) {
                    target = Self.reversed(name)
                }
                index = 1
            } else if constants[1], !constants[0] {
                if ["multiply", "divide"].contains(arithmetic.name), Self.isNegative(bound[1]) {
                    target = Self.reversed(name)
                }
                index = 0
            } else {
                return nil
            }
            let written = try AggregateRegistry.bind(
                aggregate.name, argumentTypes: [try binder.bind(aggregate.arguments[0]).type], distinct: false)
            let inner = try AggregateRegistry.bind(target, argumentTypes: [bound[index].type], distinct: false)
            var arguments = bound
            arguments[index] = .column(0, inner.returnType)
            let result = try FunctionRegistry.builtin.bind(
                arithmetic.name, arguments, context: binder.context.evaluation)
            guard result.type == written.returnType else { return nil }
            var outer = arithmetic
            var moved = aggregate
            moved.name = target
            moved.arguments = [arithmetic.arguments[index]]
            // The moved aggregate may itself be rewritable: `avg(x / 7 + 0.3)` → `avg(x) / 7 + 0.3`.
            outer.arguments[index] = rewrite(.function(moved))
            return .function(outer)
        } catch {
            // A call that does not bind is left as written: binding it later reports the error.
            return nil
        }
    }

    private static func reversed(_ name: String) -> String {
        switch name {
        case "min": "max"
        case "max": "min"
        default: name
        }
    }

    /// Whether a constant is below zero.
    private static func isNegative(_ constant: BoundExpression) -> Bool {
        switch constant.constantValue {
        case .int(let v): v < 0
        case .float(let v): v < 0
        case .int128(let v): v < 0
        case .wide(let v): v < .zero
        default: false
        }
    }
}

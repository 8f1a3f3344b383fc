import SHSQL

/// `x + INTERVAL n unit` is parsed as `plus(x, toIntervalUnit(n))`; SwiftHouse has no Interval type, so the call
/// is bound as the function it means, `addUnits(x, n)` (`minus` → `subtractUnits`; `INTERVAL n unit + x` too), as
/// ClickHouse evaluates it. Other uses of an interval stay as written (and fail: `toIntervalDay` is unknown).
enum IntervalArithmetic {
    /// `call` with date arithmetic on an interval rewritten; any other call unchanged.
    static func rewriting(_ call: FunctionCall) -> FunctionCall {
        guard ["plus", "minus"].contains(call.name), call.arguments.count == 2 else { return call }
        if let (unit, amount) = interval(call.arguments[1]) {
            let prefix = call.name == "plus" ? "add" : "subtract"
            return FunctionCall(name: prefix + unit + "s", arguments: [call.arguments[0], amount])
        }
        if call.name == "plus", let (unit, amount) = interval(call.arguments[0]) {
            return FunctionCall(name: "add" + unit + "s", arguments: [call.arguments[1], amount])
        }
        return call
    }

    /// The unit (`Day`) and amount of `toIntervalDay(n)`.
    private static func interval(_ expression: Expression) -> (String, Expression)? {
        guard case .function(let call) = expression, call.name.hasPrefix("toInterval"), call.arguments.count == 1
        else { return nil }
        let unit = String(call.name.dropFirst("toInterval".count))
        guard ["Second", "Minute", "Hour", "Day", "Week", "Month", "Quarter", "Year"].contains(unit) else { return nil }
        return (unit, call.arguments[0])
    }
}

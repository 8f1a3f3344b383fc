import SHTestSupport
import Testing

@testable import SHSQL

/// Random expressions over the whole operator set: whatever parses must format and parse back to the same AST.
struct ExpressionGenerator {
    var g = SplitMix64(seed: 11)
    mutating func pick<T>(_ a: [T]) -> T { a[Int(g.next() % UInt64(a.count))] }
    mutating func expr(_ d: Int) -> String {
        if d <= 0 { return pick(["1", "-2", "1.5", "-0.5", "'s'", "x", "t.y", "NULL", "true", "1e30", "0x1F"]) }
        switch g.next() % 22 {
        case 0: return "(\(expr(d - 1)))"
        case 1, 2, 3:
            return
                "\(expr(d - 1)) \(pick(["+", "-", "*", "/", "%", "=", "!=", "<", ">=", "AND", "OR", "||", "LIKE", "NOT LIKE", "IN", "NOT IN", "DIV", "MOD"])) \(expr(d - 1))"
        case 4: return "NOT \(expr(d - 1))"
        case 5: return "-\(expr(d - 1))"
        case 6: return "\(expr(d - 1)) IS \(pick(["", "NOT "]))NULL"
        case 7: return "\(expr(d - 1)) \(pick(["", "NOT "]))BETWEEN \(expr(d - 1)) AND \(expr(d - 1))"
        case 8: return "f(\(expr(d - 1)), \(expr(d - 1)))"
        case 9: return "[\(expr(d - 1)), \(expr(d - 1))]"
        case 10: return "(\(expr(d - 1)), \(expr(d - 1)))"
        case 11: return "\(expr(d - 1))[\(expr(d - 1))]"
        case 12: return "\(expr(d - 1)).1"
        case 13: return "CASE WHEN \(expr(d - 1)) THEN \(expr(d - 1)) ELSE \(expr(d - 1)) END"
        case 14: return "CAST(\(expr(d - 1)) AS String)"
        case 15: return "\(expr(d - 1))::Int32"
        case 16: return "\(expr(d - 1)) ? \(expr(d - 1)) : \(expr(d - 1))"
        case 17: return "(SELECT \(expr(d - 1)))"
        case 18: return "tuple(\(expr(d - 1)))"
        case 19: return "count(DISTINCT \(expr(d - 1)))"
        case 20: return "(\(expr(d - 1)) AS a)"
        default: return "quantile(0.5)(\(expr(d - 1)))"
        }
    }
}

@Test func randomExpressionsRoundTrip() {
    var gen = ExpressionGenerator()
    var parsed = 0
    var failures = 0
    for _ in 0..<5000 {
        let sql = "SELECT \(gen.expr(Int(gen.g.next() % 5)))"
        guard let st = try? Parser.parseStatement(sql) else {
            failures += 1
            continue
        }
        parsed += 1
        let text = SQLFormatter.format(st)
        do {
            let again = try Parser.parseStatement(text)
            #expect(again.statement == st.statement, "\(sql) => \(text)")
            #expect(SQLFormatter.format(again) == text, "unstable: \(sql) => \(text)")
        } catch {
            Issue.record("\(sql) => \(text): \(error)")
        }
    }
    #expect(parsed > failures * 5)
}

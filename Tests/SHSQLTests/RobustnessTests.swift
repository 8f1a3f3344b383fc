import SHCore
import SHTestSupport
import Testing

@testable import SHSQL

/// No input crashes the parser: truncations, garbage, deep nesting.
@Suite struct RobustnessTests {
    static func samples() throws -> [String] {
        RoundTripTests.statements + (try SeedTests.statements()) + [SeedTests.destination]
            + OracleExpectations.syntaxErrors.map(\.0)
    }

    /// Every prefix of every sample statement either parses or throws a `DatabaseError`.
    @Test func truncationsNeverCrash() throws {
        var parsed = 0
        var failed = 0
        for sample in try Self.samples() {
            let bytes = Array(sample.utf8)
            for cut in 0...bytes.count {
                let text = String(decoding: bytes[..<cut], as: UTF8.self)
                do {
                    _ = try Parser.parse(text)
                    parsed += 1
                } catch is DatabaseError {
                    failed += 1
                } catch {
                    Issue.record("unexpected error type for \(text): \(error)")
                }
            }
        }
        #expect(parsed > 0 && failed > 0)
    }

    /// Random byte flips of valid statements never crash: each either parses or fails with a `DatabaseError`.
    @Test func mutationsNeverCrash() throws {
        let samples = try Self.samples()
        var failed = 0
        var generator = SplitMix64(seed: 42)
        let alphabet = Array("()[],;.'\"`*+-/%=<>!|?:#$\\ \n0123456789aZ_".utf8)
        for sample in samples {
            var bytes = Array(sample.utf8)
            guard !bytes.isEmpty else { continue }
            for _ in 0..<20 {
                let position = Int(generator.next() % UInt64(bytes.count))
                bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                let text = String(decoding: bytes, as: UTF8.self)
                do {
                    _ = try Parser.parse(text)
                } catch is DatabaseError {
                    failed += 1
                } catch {
                    Issue.record("unexpected error type for \(text): \(error)")
                }
            }
        }
        // Random flips break most statements: the parser must have rejected many of them.
        #expect(failed > samples.count)
    }

    @Test(arguments: [
        String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000),
        String(repeating: "[", count: 5000) + "1" + String(repeating: "]", count: 5000),
        String(repeating: "- ", count: 5000) + "1",
        String(repeating: "NOT ", count: 5000) + "1",
        String(repeating: "f(", count: 5000) + "1" + String(repeating: ")", count: 5000),
        String(repeating: "(SELECT ", count: 3000) + "1" + String(repeating: ")", count: 3000),
        String(repeating: "CASE WHEN ", count: 3000) + "1",
        String(repeating: "x[", count: 5000) + "1",
    ])
    func deepNestingIsAnErrorNotACrash(_ expression: String) {
        let error = #expect(throws: DatabaseError.self) { try Parser.parseStatement("SELECT " + expression) }
        #expect(error?.code == .tooDeepRecursion || error?.code == .syntaxError, "\(String(describing: error))")
    }

    /// A long chain of one operator: ClickHouse parses it and refuses it later (TOO_DEEP_AST, 167); SwiftHouse's
    /// parser refuses it at once with its depth limit, which is as safe.
    @Test func longOperatorChainIsRefused() {
        let error = #expect(throws: DatabaseError.self) {
            try Parser.parseStatement("SELECT " + String(repeating: "1 + ", count: 20000) + "1")
        }
        #expect(error?.code == .tooDeepRecursion, "\(String(describing: error))")
    }

    @Test func depthErrorText() {
        let sql = "SELECT " + String(repeating: "(", count: 1200) + "1" + String(repeating: ")", count: 1200)
        let error = #expect(throws: DatabaseError.self) { try Parser.parseStatement(sql) }
        #expect(
            error?.description
                == "Code: 306. DB::Exception: Maximum parse depth (1000) exceeded. Consider rising max_parser_depth parameter. (TOO_DEEP_RECURSION)"
        )
    }

    @Test func moderateNestingParses() throws {
        let sql = "SELECT " + String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        let parsed = try Parser.parseStatement(sql)
        guard case .select(let query) = parsed.statement else {
            Issue.record("not a SELECT: \(parsed.statement)")
            return
        }
        #expect(query.projection == [.literal(.unsignedInteger(1))])
    }
}

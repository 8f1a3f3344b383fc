import SHCore
import SHTestSupport
import Testing

@testable import SHSQL

/// `{name:Type}` substitution (the HTTP interface's `param_name`): what ClickHouse answers for the same values is
/// checked end to end in `HTTPServerTests` (scripts/testing/http_clients.py against chdb); here, the text it
/// leaves alone and hostile input.
@Suite struct QueryParametersTests {
    func substitute(_ text: String, _ values: [String: String] = ["x": "5"]) throws -> String {
        String(
            decoding: try QueryParameters.substitute(Array(text.utf8), values: values, limit: 1 << 18), as: UTF8.self)
    }

    @Test func replacesOnlyParametersOutsideStringsCommentsAndData() throws {
        #expect(
            try substitute("SELECT {x:UInt8}, '{x:UInt8}' /* {x:UInt8} */")
                == "SELECT _CAST(5, 'UInt8'), '{x:UInt8}' /* {x:UInt8} */")
        #expect(
            try substitute("INSERT INTO t FORMAT TSV\n{x:UInt8}\t{y:String}\n")
                == "INSERT INTO t FORMAT TSV\n{x:UInt8}\t{y:String}\n")
        #expect(
            try substitute("SELECT {m:Map(String, Array(UInt8))}", ["m": "{'a':[1]}"])
                == "SELECT _CAST('{\\'a\\':[1]}', 'Map(String, Array(UInt8))')")
        #expect(try substitute("SELECT {'a': 1}, {x:UInt8") == "SELECT {'a': 1}, {x:UInt8")
        #expect(try substitute("SELECT {x:Array(UInt8}") == "SELECT {x:Array(UInt8}")
        #expect(try substitute("SELECT count() FROM {t:Identifier}", ["t": "a`b"]) == "SELECT count() FROM `a\\`b`")
    }

    @Test func missingAndUnreadableValuesAreClickHouseErrors() {
        let missing = #expect(throws: DatabaseError.self) { try substitute("SELECT {y:UInt8}") }
        #expect(missing?.code == .unknownQueryParameter)
        let bad = #expect(throws: DatabaseError.self) { try substitute("SELECT {x:UInt8}", ["x": "5x"]) }
        #expect(bad?.code == .badQueryParameter)
        #expect(bad?.message.contains("only 1 of 2 bytes was parsed: 5") == true)
        let type = #expect(throws: DatabaseError.self) { try substitute("SELECT {x:NoSuchType}") }
        #expect(type?.code == .unknownType)
    }

    /// Random text of braces, colons, words, brackets and quotes never traps: it is substituted, or refused with
    /// a ClickHouse error; a value with no parameter to take it changes nothing.
    @Test func hostileTextNeverTraps() {
        var generator = SplitMix64(seed: 16)
        var substituted = 0
        let pieces = [
            "{x:UInt8}", "{x:",
            "{", "}", ":", "x", "UInt8", "Array(", ")", "'", "`", "--", "/*", "*/", " ", "\n", "FORMAT", "INSERT", "\\",
            "9",
        ]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...14, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            do {
                let out = try QueryParameters.substitute(Array(text.utf8), values: ["x": "7"], limit: 64)
                if out != Array(text.utf8) { substituted += 1 }
                if !text.contains("{") { #expect(out == Array(text.utf8)) }
            } catch is DatabaseError {
            } catch {
                Issue.record("not a DatabaseError: \(error)")
            }
        }
        #expect(substituted > 0)
    }
}

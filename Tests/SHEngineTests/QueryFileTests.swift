import Foundation
import SHCore
import SHEngine
import SHSQL
import Testing

/// Runs every `Tests/Queries/*.sql` file through the library's `ScriptRunner` and compares the output with the
/// `.reference` produced by ClickHouse.
@Suite struct QueryFileTests {
    /// The golden files are there (a moved folder must fail, not yield zero cases).
    @Test func goldenFilesExist() {
        #expect(QueryFile.names().filter { !$0.hasPrefix("<missing") }.count >= 5, "\(QueryFile.directory.path)")
    }

    @Test(arguments: QueryFile.names())
    func matchesClickHouse(_ name: String) async throws {
        let sql = try String(contentsOf: QueryFile.directory.appendingPathComponent(name), encoding: .utf8)
        let reference = try Data(
            contentsOf: QueryFile.directory.appendingPathComponent(String(name.dropLast(4)) + ".reference"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-query-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = try Engine(path: directory.path).makeSession()
        // The library's script runner, as the swifthouse executable uses it: the golden files test the shipped code.
        let runner = ScriptRunner(session: session)
        var output: [UInt8] = []
        for statement in QueryFile(text: sql).statements {
            do {
                // A chunk may hold several statements (INSERT … FORMAT data ends at an empty line, as in
                // clickhouse-client's multi-query mode): the runner runs them in order.
                var produced = CollectedOutput()
                try await runner.run(script: statement.sql, output: &produced)
                if let expected = statement.expectedError {
                    Issue.record("\(name): expected \(expected) for: \(statement.sql)")
                    continue
                }
                output += produced.bytes
            } catch let error as DatabaseError {
                if statement.expectedError != error.code.name {
                    Issue.record("\(name): \(statement.sql)\n→ \(error)")
                }
            }
        }
        let expected = String(decoding: reference, as: UTF8.self)
        let actual = String(decoding: output, as: UTF8.self)
        if actual != expected {
            Issue.record("\(name) differs from ClickHouse:\n\(lineDiff(expected: expected, actual: actual))")
        }
    }

    private func lineDiff(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for index in 0..<max(e.count, a.count)
        where (index < e.count ? e[index] : nil) != (index < a.count ? a[index] : nil) {
            lines.append(
                "line \(index + 1):\n  clickhouse: \(index < e.count ? String(e[index]) : "<none>")\n  swifthouse: \(index < a.count ? String(a[index]) : "<none>")"
            )
            if lines.count >= 15 { break }
        }
        return lines.joined(separator: "\n")
    }
}

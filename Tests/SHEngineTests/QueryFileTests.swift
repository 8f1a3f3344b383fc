import Foundation
import SHCore
import SHEngine
import SHFormats
import SHSQL
import Testing

/// Runs every `Tests/Queries/*.sql` file and compares the output with the `.reference` produced by ClickHouse.
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
        var output: [UInt8] = []
        for statement in QueryFile(text: sql).statements {
            do {
                // A chunk may hold several statements (INSERT … FORMAT data ends at an empty line, as in
                // clickhouse-client's multi-query mode): run them in order.
                var statements = StatementIterator(statement.sql)
                var produced: [UInt8] = []
                while let parsed = try statements.next() {
                    var result = try await session.execute(parsed)
                    guard var source = result.source else { continue }
                    let settings = FormatSettings(settings: session.settings.merging(literalSettings(parsed)) { $1 })
                    var format = try FormatRegistry.output(
                        named: result.format ?? "TabSeparated", header: result.header, settings: settings)
                    while let chunk = try source.next() { format.write(chunk, into: &produced) }
                    format.finish(into: &produced)
                    result.source = nil
                }
                if let expected = statement.expectedError {
                    Issue.record("\(name): expected \(expected) for: \(statement.sql)")
                    continue
                }
                output += produced
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

    private func literalSettings(_ parsed: ParsedStatement) -> [String: Value] {
        var values: [String: Value] = [:]
        var assignments = parsed.settings
        if case .select(let query) = parsed.statement { assignments += query.settings }
        for assignment in assignments {
            if case .literal(let literal) = assignment.value {
                switch literal {
                case .unsignedInteger(let v): values[assignment.name] = .uint(v)
                case .integer(let v): values[assignment.name] = .int(v)
                case .string(let text): values[assignment.name] = .string(text)
                case .bool(let b): values[assignment.name] = .uint(b ? 1 : 0)
                default: break
                }
            }
        }
        return values
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

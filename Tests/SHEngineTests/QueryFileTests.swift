import Foundation
import SHCore
import SHEngine
import SHFormats
import SHSQL
import Testing

/// Runs every `Tests/Queries/*.sql` file and compares the output with the `.reference` produced by ClickHouse.
@Suite struct QueryFileTests {
    @Test(arguments: QueryFile.names())
    func matchesClickHouse(_ name: String) async throws {
        let sql = try String(contentsOf: QueryFile.directory.appendingPathComponent(name), encoding: .utf8)
        let reference = try Data(contentsOf: QueryFile.directory.appendingPathComponent(String(name.dropLast(4)) + ".reference"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-query-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = try Engine(path: directory.path).makeSession()
        var output: [UInt8] = []
        for statement in QueryFile(text: sql).statements {
            do {
                var result = try await session.execute(try Parser.parseStatement(statement.sql))
                var produced: [UInt8] = []
                if var source = result.source {
                    var format = try FormatRegistry.output(
                        named: result.format ?? "TabSeparated", header: result.header, settings: FormatSettings())
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

    private func lineDiff(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for index in 0..<max(e.count, a.count) where (index < e.count ? e[index] : nil) != (index < a.count ? a[index] : nil) {
            lines.append("line \(index + 1):\n  clickhouse: \(index < e.count ? String(e[index]) : "<none>")\n  swifthouse: \(index < a.count ? String(a[index]) : "<none>")")
            if lines.count >= 15 { break }
        }
        return lines.joined(separator: "\n")
    }
}

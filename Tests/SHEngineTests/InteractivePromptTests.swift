import Foundation
import SHTestSupport
import Testing

/// The interactive prompt of `swifthouse local` at a real pseudo-terminal: line editing keys work and the
/// history survives a restart.
@Suite(.serialized) struct InteractivePromptTests {
    static let binary = PythonEnvironment.repositoryRoot.appendingPathComponent(".build/debug/swifthouse")

    /// Types `keys` (one batch per prompt) into `swifthouse local` running in a pseudo-terminal.
    func type(_ keys: [String], directory: URL, history: URL, arguments: [String] = []) throws -> String {
        let script = PythonEnvironment.repositoryRoot.appendingPathComponent("scripts/testing/pty_run.py").path
        let input = try JSONEncoder().encode(keys)
        let output = try PythonEnvironment.runPython(
            [
                script, "env", "SWIFTHOUSE_HISTORY_FILE=\(history.path)", Self.binary.path, "local", "--path",
                directory.path,
            ] + arguments,
            input: input)
        return String(decoding: output, as: UTF8.self)
    }

    func occurrences(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func editingKeysAndHistory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-prompt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let history = directory.appendingPathComponent("history")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        // Ctrl-A, five right arrows and a typed letter turn `SELEC 6 * 7;` into `SELECT 6 * 7;`; the up arrow
        // recalls it.
        let first = try type(
            ["SELEC 6 * 7;\u{1}\u{1b}[C\u{1b}[C\u{1b}[C\u{1b}[C\u{1b}[CT\r", "\u{1b}[A\r", "exit\r"],
            directory: directory, history: history)
        #expect(occurrences(of: "│             42 │", in: first) == 2, "\(first)")
        #expect(!first.contains("Syntax error"), "\(first)")
        #expect(first.hasSuffix("Bye.\r\n"), "\(first)")

        // A new session starts with the saved history.
        let second = try type(["\u{1b}[A\r", "exit\r"], directory: directory, history: history)
        #expect(occurrences(of: "│             42 │", in: second) == 1, "\(second)")
    }

    /// As `clickhouse client`: Enter runs a complete statement (an open quote or bracket waits for more, a
    /// trailing `\` continues), `\G` prints Vertical, and `--multiline` waits for `;`.
    @Test func statementsRunWhenComplete() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-prompt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let history = directory.appendingPathComponent("history")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = try type(
            [
                "SELECT concat('ab\r", "cd') AS joined FORMAT TSV\r", "SELECT (40 +\r", "2) AS sum FORMAT TSV\r",
                "SELECT 6 \\\r", "* 7 AS product FORMAT TSV\r", "SELECT 5 AS five\\G\r", "exit\r",
            ], directory: directory, history: history)
        #expect(output.contains("ab\\ncd\r\n"), "\(output)")
        #expect(output.contains("\r\n42\r\n"), "\(output)")
        #expect(occurrences(of: "\r\n42\r\n", in: output) == 2, "\(output)")
        #expect(output.contains("Row 1:\r\n──────\r\nfive: 5\r\n"), "\(output)")
        #expect(!output.contains("Syntax error"), "\(output)")
        let multiline = try type(
            ["SELECT 5\r", "+ 1 AS six\r", "FORMAT TSV;\r", "exit\r"], directory: directory, history: history,
            arguments: ["--multiline"])
        #expect(occurrences(of: "\r\n6\r\n", in: multiline) == 1, "\(multiline)")
        #expect(!multiline.contains("Code: "), "\(multiline)")
    }

    /// A query that reads for longer than a moment shows `clickhouse client`'s progress line on the terminal: rows
    /// and bytes read, their rates, a bar of the rows read of the table's, elapsed and remaining time; the line is
    /// cleared before the result is printed.
    @Test func progressLineWhileAQueryReads() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-prompt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let history = directory.appendingPathComponent("history")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // The table is filled away from the terminal; then the query runs on it with `--query`.
        let fill = Process()
        fill.executableURL = Self.binary
        fill.arguments = [
            "local", "--path", directory.path, "--query",
            "CREATE TABLE t (x UInt64, s String) ENGINE = MergeTree ORDER BY x; "
                + "INSERT INTO t SELECT number, toString(number) FROM numbers(1500000)",
        ]
        try fill.run()
        fill.waitUntilExit()
        #expect(fill.terminationStatus == 0)
        let output = try type(
            [], directory: directory, history: history,
            arguments: ["--query", "SELECT sum(x), count(DISTINCT s) FROM t WHERE x % 7 = 3 FORMAT TSV"])
        // The answer ClickHouse gives for the same rows.
        let expected = try ClickHouseOracle.outputBytes([
            "SELECT sum(number), count(DISTINCT toString(number)) FROM numbers(1500000) WHERE number % 7 = 3"
        ])[0]
        let answer = String(decoding: expected, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
        let progress = try #require(output.range(of: "Progress: "), "\(output)")
        let result = try #require(output.range(of: answer), "\(answer) in \(output)")
        #expect(progress.lowerBound < result.lowerBound)
        let line = output[progress.lowerBound...].prefix { $0 != "\r" }
        #expect(line.contains(" rows, ") && line.contains(" MB (") && line.contains(" rows/s., "), "\(line)")
        #expect(line.contains("%, elapsed 0:0"), "\(line)")
        // Cleared before the rows: an erase-line right before the result.
        #expect(output[..<result.lowerBound].hasSuffix("\u{1B}[K"), "\(output.suffix(400))")
    }
}

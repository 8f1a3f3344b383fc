import Foundation
import SHCore
import SHEngine
import Testing

/// The library's script runner (what the swifthouse executable and the golden files run): output settings as
/// ClickHouse applies them. Expected texts are chdb 26.9's output for the same statements.
@Suite struct ScriptRunnerTests {
    func output(_ script: String) async throws -> String {
        let engine = try TestEngine()
        var collected = CollectedOutput()
        try await ScriptRunner(session: engine.session).run(script: script, output: &collected)
        return String(decoding: collected.bytes, as: UTF8.self)
    }

    /// A float setting reaches the format (the test's old copy of the runner dropped float literals).
    @Test func floatOutputSettingIsApplied() async throws {
        #expect(
            try await output(
                "SELECT 5000000 AS x FORMAT PrettyCompact SETTINGS output_format_pretty_single_large_number_tip_threshold = 1e7"
            ) == "┌───────x─┐\n│ 5000000 │\n└─────────┘\n")
    }

    /// The SELECT's own SETTINGS win over the ones after FORMAT, both ways round.
    @Test func selectSettingsWinOverTrailingSettings() async throws {
        #expect(
            try await output(
                "SELECT 5000000 AS x SETTINGS output_format_pretty_row_numbers = 0, output_format_pretty_single_large_number_tip_threshold = 1e7 FORMAT PrettyCompact SETTINGS output_format_pretty_single_large_number_tip_threshold = 1e5"
            ) == "┌───────x─┐\n│ 5000000 │\n└─────────┘\n")
        #expect(
            try await output(
                "SELECT 5000000 AS x SETTINGS output_format_pretty_row_numbers = 0, output_format_pretty_single_large_number_tip_threshold = 1e5 FORMAT PrettyCompact SETTINGS output_format_pretty_single_large_number_tip_threshold = 1e7"
            ) == "┌───────x─┐\n│ 5000000 │ -- 5.00 million\n└─────────┘\n")
    }

    /// Statements run in order and stop at the first error; the output of those before it is written.
    @Test func stopsAtTheFirstError() async throws {
        let engine = try TestEngine()
        var collected = CollectedOutput()
        await #expect(throws: DatabaseError.self) {
            try await ScriptRunner(session: engine.session).run(
                script: "SELECT 1; SELECT * FROM missing; SELECT 2;", output: &collected)
        }
        #expect(String(decoding: collected.bytes, as: UTF8.self) == "1\n")
    }
}

import Foundation
import SHTestSupport
import Testing

/// The `swifthouse local` executable itself: output streams, `--time`, exit status.
@Suite struct CommandLineTests {
    static let binary = PythonEnvironment.repositoryRoot.appendingPathComponent(".build/debug/swifthouse")

    /// Runs `swifthouse local` in a fresh data directory; returns (status, stdout, stderr).
    func local(_ arguments: [String]) throws -> (Int32, String, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        return try runSwiftHouse(["local", "--path", directory.path] + arguments)
    }

    @Test func timePrintsSecondsPerStatementOnStandardError() throws {
        let (status, out, err) = try local(["--time", "--query", "SELECT 1; SELECT count() FROM numbers(1000)"])
        #expect(status == 0)
        #expect(out == "1\n1000\n")
        let lines = err.split(separator: "\n")
        #expect(lines.count == 2, "\(err)")
        #expect(lines.allSatisfy { $0.wholeMatch(of: /[0-9]+\.[0-9]{3}/) != nil }, "\(err)")
    }

    @Test func errorsExitNonZeroWithClickHouseText() throws {
        let (status, out, err) = try local(["--query", "SELECT 1; SELECT * FROM missing; SELECT 2"])
        #expect(status != 0)
        #expect(out == "1\n")
        #expect(err.hasPrefix("Code: 60. DB::Exception: "), "\(err)")
        #expect(err.hasSuffix("(UNKNOWN_TABLE)\n"), "\(err)")
    }
}

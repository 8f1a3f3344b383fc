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

    /// Runs `swifthouse local --queries-file` on a file holding `script`; returns (status, stdout bytes, stderr).
    func localFile(_ script: [UInt8]) throws -> (Int32, [UInt8], String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sh-cli-\(UUID().uuidString).sql")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(script).write(to: file)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (status, out, err) = try runSwiftHouseBytes(
            ["local", "--path", directory.path, "--queries-file", file.path])
        return (status, out, String(decoding: err, as: UTF8.self))
    }

    /// Issue #11: a queries file that is not valid UTF-8 was refused with a Foundation error. Its bytes are read
    /// as they are: statements before the invalid bytes run, a string literal holding them is a ClickHouse-style
    /// syntax error (SwiftHouse's literals are UTF-8 text; silently replacing the bytes would change the data).
    @Test func queriesFileWithInvalidUTF8InAStringLiteralIsASyntaxError() throws {
        let script = Array("SELECT 'é';\nSELECT 'a".utf8) + [0xFF] + Array("b' AS x, length(x);\n".utf8)
        let (status, out, err) = try localFile(script)
        #expect(status != 0)
        #expect(out == Array("é\n".utf8))
        #expect(err.hasPrefix("Code: 62. DB::Exception: Syntax error: failed at position 8"), "\(err)")
        #expect(err.hasSuffix("(SYNTAX_ERROR)\n"), "\(err)")
        #expect(!err.contains("NSCocoaErrorDomain") && !err.contains("Foundation"), "\(err)")
    }

    /// Invalid UTF-8 outside a literal is a ClickHouse syntax error (non-zero exit), not a Foundation message.
    @Test func queriesFileWithInvalidUTF8OutsideALiteralIsASyntaxError() throws {
        let (status, out, err) = try localFile(Array("SELECT 1;\nSELECT ".utf8) + [0xFF, 0xFE] + Array(";\n".utf8))
        #expect(status != 0)
        #expect(out == Array("1\n".utf8))
        #expect(err.hasPrefix("Code: 62. DB::Exception: "), "\(err)")
        #expect(err.contains("Syntax error: failed at position 8"), "\(err)")
        #expect(err.hasSuffix("(SYNTAX_ERROR)\n"), "\(err)")
    }

    /// A missing queries file is ClickHouse's FILE_DOESNT_EXIST (its ReadBufferFromFile's code for ENOENT), not a
    /// Foundation error.
    @Test func missingQueriesFileIsFileDoesntExist() throws {
        let (status, out, err) = try local(["--queries-file", "/nonexistent/sh-missing.sql"])
        #expect(status != 0)
        #expect(out.isEmpty)
        #expect(
            err
                == "Code: 107. DB::Exception: Cannot open file /nonexistent/sh-missing.sql, errno: 2, strerror: No such file or directory. (FILE_DOESNT_EXIST)\n",
            "\(err)")
    }
}

import Foundation

/// Locates the project's Python virtualenv (made by `scripts/bootstrap.sh`) for the test oracles.
public enum PythonEnvironment {
    /// The repository root, found from this file's location.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The virtualenv directory: `$SH_VENV` or `<repo>/.venv`.
    public static var virtualenv: URL {
        if let path = ProcessInfo.processInfo.environment["SH_VENV"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return repositoryRoot.appendingPathComponent(".venv")
    }

    /// `<venv>/bin/<name>`, e.g. `python` or `moto_server`.
    public static func executable(_ name: String) -> URL {
        virtualenv.appendingPathComponent("bin").appendingPathComponent(name)
    }

    /// Whether the virtualenv exists. Tests that need chdb or moto never skip: without it they fail, telling to run
    /// `scripts/bootstrap.sh`.
    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: executable("python").path)
    }

    /// The real backups and parts written by ClickHouse 26.9 that the tests read (`Tests/Fixtures/clickhouse-26.9`,
    /// described in `Tests/Fixtures/README.md`).
    public static var clickHouseFixtures: URL {
        repositoryRoot.appendingPathComponent("Tests/Fixtures/clickhouse-26.9")
    }

    /// Runs `python <arguments>` from the virtualenv and returns its standard output; throws on a non-zero exit.
    @discardableResult
    public static func runPython(_ arguments: [String], input: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = executable("python")
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inPipe = Pipe()
        if input != nil { process.standardInput = inPipe }
        try process.run()
        if let input {
            inPipe.fileHandleForWriting.write(input)
            try inPipe.fileHandleForWriting.close()
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonError(status: process.terminationStatus, stderr: String(decoding: errors, as: UTF8.self))
        }
        return output
    }
}

/// A Python helper exited with an error.
public struct PythonError: Error, CustomStringConvertible {
    public let status: Int32
    public let stderr: String
    public var description: String { "python exited with \(status): \(stderr)" }
}

import Foundation
import SHCore
import SHEngine
import SHFormats
import SHSQL
import SHTestSupport
import Testing

/// A fresh engine in a temporary directory, with helpers to run SQL and format results.
final class TestEngine: Sendable {
    let directory: URL
    let engine: Engine
    let session: Session
    /// Only the engine that made the directory removes it.
    private let ownsDirectory: Bool

    init(configuration: EngineConfiguration = EngineConfiguration()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-engine-\(UUID().uuidString)")
        engine = try Engine(path: directory.path, configuration: configuration)
        session = engine.makeSession()
        ownsDirectory = true
    }

    /// Reopens the same directory (a restart).
    func reopened() throws -> TestEngine { try TestEngine(reopening: directory) }

    init(reopening directory: URL) throws {
        self.directory = directory
        engine = try Engine(path: directory.path)
        session = engine.makeSession()
        ownsDirectory = false
    }

    /// Another session (connection) on the same engine.
    init(sessionOf other: TestEngine) {
        directory = other.directory
        engine = other.engine
        session = engine.makeSession()
        ownsDirectory = false
    }

    /// Runs one statement and returns its output in `format`.
    @discardableResult
    func run(_ sql: String, format: String = "TabSeparated") async throws -> String {
        String(decoding: try await bytes(sql, format: format), as: UTF8.self)
    }

    /// Runs one statement and returns its output's exact bytes in `format`.
    func bytes(_ sql: String, format: String = "TabSeparated") async throws -> [UInt8] {
        let result = try await session.execute(try Parser.parseStatement(sql))
        var pieces = try FormattedResult(result, defaultFormat: format, settings: [:])
        var bytes: [UInt8] = []
        while let piece = try pieces.next() { bytes += piece }
        return bytes
    }

    /// Runs a statement that must fail and returns the error.
    func failure(_ sql: String) async -> DatabaseError? {
        do {
            try await run(sql)
            return nil
        } catch {
            return DatabaseError.wrap(error)
        }
    }

    deinit { if ownsDirectory { try? FileManager.default.removeItem(at: directory) } }
}

/// Runs the built `swifthouse` with `arguments` (and `environment` added to this process's); returns (status,
/// stdout, stderr).
func runSwiftHouse(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
    let (status, out, err) = try runSwiftHouseBytes(arguments, environment: environment)
    return (status, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

/// `runSwiftHouse` with the output streams' exact bytes.
func runSwiftHouseBytes(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, [UInt8], [UInt8])
{
    let process = Process()
    process.executableURL = CommandLineTests.binary
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, [UInt8](out), [UInt8](err))
}

/// A directory that both SwiftHouse and chdb may write backups into.
struct BackupPlace {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("sh-place-\(UUID().uuidString)")
    var config: URL { root.appendingPathComponent("config.xml") }

    init() throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try "<clickhouse><backups><allowed_path>\(root.path)/</allowed_path></backups></clickhouse>".write(
            to: config, atomically: true, encoding: .utf8)
    }

    func file(_ name: String) -> String { "File('\(root.path)/\(name)')" }

    func clickHouse(_ statements: [String], in directory: String) throws -> [ClickHouseOracle.Outcome] {
        let outcomes = try ClickHouseOracle.run(
            statements, path: root.appendingPathComponent(directory).path + "?config-file=\(config.path)")
        for outcome in outcomes { if case .error = outcome { Issue.record("\(outcome)") } }
        return outcomes
    }
}

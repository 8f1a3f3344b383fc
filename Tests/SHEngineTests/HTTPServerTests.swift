import Foundation
import SHTestSupport
import Testing

/// `swifthouse server` (the real binary on a free loopback port) driven by real clients: clickhouse-connect and
/// raw HTTP in scripts/testing/http_clients.py, whose expected answers come from ClickHouse (chdb) and its
/// documented HTTP behaviour; BACKUP and RESTORE through it to moto.
@Suite(.serialized) struct HTTPServerTests {
    static let binary = PythonEnvironment.repositoryRoot.appendingPathComponent(".build/debug/swifthouse")

    /// A running server on a new data directory; stop it with ``stop(_:)``.
    struct Server {
        let process: Process
        let port: Int
        let directory: URL
        let errors: Pipe
    }

    static func start(directory: URL) throws -> Server {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["server", "--path", directory.path, "--http-port", "0"]
        let out = Pipe()
        let errors = Pipe()
        process.standardOutput = out
        process.standardError = errors
        try process.run()
        // The first line names the port: "Listening for http://127.0.0.1:PORT".
        var line = Data()
        let deadline = Date().addingTimeInterval(30)
        while !line.contains(0x0A), Date() < deadline, process.isRunning {
            line += out.fileHandleForReading.availableData
        }
        let text = String(decoding: line, as: UTF8.self)
        guard
            let port = text.split(separator: ":").last.flatMap({
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
            })
        else {
            process.terminate()
            throw TestSupportError(
                "the server did not start: \(text) \(String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self))"
            )
        }
        return Server(process: process, port: port, directory: directory, errors: errors)
    }

    /// SIGTERM, then the exit status (a graceful stop exits 0).
    static func stop(_ server: Server) -> Int32 {
        kill(server.process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(30)
        while server.process.isRunning, Date() < deadline { usleep(20_000) }
        if server.process.isRunning { server.process.interrupt() }
        server.process.waitUntilExit()
        return server.process.terminationStatus
    }

    @Test func realClientsAgainstTheServer() throws {
        let moto = try MotoServer.shared()
        let bucket = "http-server-\(UUID().uuidString.prefix(8).lowercased())"
        try moto.createBucket(bucket)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-http-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Self.start(directory: directory)
        let script = PythonEnvironment.repositoryRoot.appendingPathComponent("scripts/testing/http_clients.py").path
        let report: Data
        do {
            report = try PythonEnvironment.runPython([
                script, "--port", String(server.port), "--s3", "\(moto.endpoint)/\(bucket)/backups",
            ])
        } catch {
            _ = Self.stop(server)
            throw error
        }
        let checks = try #require(try JSONSerialization.jsonObject(with: report) as? [[String: Any]])
        #expect(checks.count >= 55, "\(checks.count) checks ran")
        for check in checks {
            #expect(check["ok"] as? Bool == true, "\(check["check"] ?? ""): \(check["detail"] ?? "")")
        }
        // A second process cannot open the directory while the server holds it.
        let second = Process()
        second.executableURL = Self.binary
        second.arguments = ["server", "--path", directory.path, "--http-port", "0"]
        let secondErrors = Pipe()
        second.standardError = secondErrors
        second.standardOutput = Pipe()
        try second.run()
        second.waitUntilExit()
        let refusal = String(decoding: secondErrors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(second.terminationStatus == 1 && refusal.hasPrefix("Code: "), "\(second.terminationStatus) \(refusal)")
        #expect(Self.stop(server) == 0)
        // What the server wrote survives it: a local run reads the same rows.
        let local = Process()
        local.executableURL = Self.binary
        local.arguments = ["local", "--path", directory.path, "--query", "SELECT count(), sum(id) FROM http.restored"]
        let out = Pipe()
        local.standardOutput = out
        try local.run()
        local.waitUntilExit()
        #expect(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "3000\t4498500\n")
    }
}

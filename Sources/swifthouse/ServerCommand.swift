import ArgumentParser
import Dispatch
import Foundation
import SHServer
import SwiftHouse

/// `swifthouse server`: ClickHouse's HTTP interface on a data directory, for the clients ClickHouse users already
/// have (clickhouse-connect, curl, Grafana). SIGINT or SIGTERM stops it gracefully: no new connections, requests
/// in flight answered, running BACKUP and RESTORE finished.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server", abstract: "Serve ClickHouse's HTTP interface on a data directory.")

    @Option(name: .long, help: "The data directory (created if missing; locked against a second process).")
    var path: String = "swifthouse-data"

    @Option(name: .long, help: "The HTTP port (0: any free port, printed on start).")
    var httpPort: Int = 8123

    @Option(name: .long, help: "The address to listen on (loopback unless told otherwise).")
    var listenHost: String = "127.0.0.1"

    @Option(name: .long, help: "Directory where File() backups may be written (default: <path>/backups).")
    var backupsPath: String?

    @Option(
        name: .long,
        help:
            "A ClickHouse users configuration (users.xml: <users>, <profiles> with readonly); default: the user 'default' without a password, from loopback only."
    )
    var config: String?

    @Option(name: .long, help: "The largest request body accepted, in bytes.")
    var maxRequestSize: Int = 1 << 30

    func run() async throws {
        MemoryPolicy.apply()
        let engine: Engine
        let server: HTTPServer
        do {
            engine = try Engine(path: path, configuration: EngineConfiguration(allowedBackupPath: backupsPath))
            server = try await HTTPServer.bind(
                engine: engine,
                configuration: HTTPServer.Configuration(
                    host: listenHost, port: httpPort, maxRequestSize: maxRequestSize, usersConfiguration: config))
        } catch {
            FileHandle.standardError.write(Data("\(DatabaseError.wrap(error))\n".utf8))
            throw ExitCode(1)
        }
        // The signals stop the listener; `run` returns once the requests in flight are answered.
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler { server.stop() }
            source.resume()
            return source
        }
        FileHandle.standardOutput.write(Data("Listening for http://\(listenHost):\(server.port)\n".utf8))
        try await server.run()
        for source in signals { source.cancel() }
        await engine.backups.waitAll()
    }
}

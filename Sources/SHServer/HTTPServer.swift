import NIOCore
import NIOHTTP1
import NIOPosix
import SHCore
import SHEngine
import Synchronization

/// `swifthouse server`'s HTTP listener: ClickHouse's HTTP interface (port 8123) over one engine shared by every
/// connection. Requests of a connection run one after another; connections run concurrently.
public final class HTTPServer: Sendable {
    /// Where and how the server listens.
    public struct Configuration: Sendable {
        /// The address to bind (loopback unless told otherwise).
        public var host: String
        /// The port (0: any free port, see ``HTTPServer/port``).
        public var port: Int
        /// The largest request body accepted (ClickHouse streams bodies; SwiftHouse holds one in memory).
        public var maxRequestSize: Int

        /// A ClickHouse users configuration (`users.xml`'s `<users>` and `<profiles>`); nil: the `default` user
        /// without a password, from loopback only.
        public var usersConfiguration: String?

        /// Listens on `host`:`port`, bodies up to `maxRequestSize` bytes (default 1 GiB).
        public init(
            host: String = "127.0.0.1", port: Int = 8123, maxRequestSize: Int = 1 << 30,
            usersConfiguration: String? = nil
        ) {
            self.host = host
            self.port = port
            self.maxRequestSize = maxRequestSize
            self.usersConfiguration = usersConfiguration
        }
    }

    private let interface: HTTPInterface
    private let configuration: Configuration
    private let channel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    private let activeRequests = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)

    /// The port the server listens on.
    public let port: Int

    private init(
        interface: HTTPInterface, configuration: Configuration,
        channel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    ) {
        self.interface = interface
        self.configuration = configuration
        self.channel = channel
        self.port = channel.channel.localAddress?.port ?? configuration.port
    }

    /// Binds the listener; ``run()`` then serves it. Fails with ClickHouse's `NETWORK_ERROR` text when the address
    /// cannot be bound.
    public static func bind(engine: Engine, configuration: Configuration = Configuration()) async throws -> HTTPServer {
        let users = try configuration.usersConfiguration.map { try HTTPUsers(configuration: $0) } ?? .defaultOnly
        let channel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
        do {
            channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: configuration.host, port: configuration.port) { child in
                    child.eventLoop.makeCompletedFuture {
                        try child.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                            wrappingChannelSynchronously: child)
                    }
                }
        } catch {
            throw DatabaseError(
                .networkError, "Listen [\(configuration.host)]:\(configuration.port) failed: \(error)")
        }
        return HTTPServer(
            interface: HTTPInterface(engine: engine, users: users, maxRequestSize: configuration.maxRequestSize),
            configuration: configuration, channel: channel)
    }

    /// Serves connections until ``stop()``; then waits for the requests being answered (a running BACKUP or
    /// RESTORE finishes) before it returns.
    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            try await channel.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await self.serve(connection) }
                }
            }
            // The listener is closed: wait for requests in flight, then close idle keep-alive connections.
            while activeRequests.load(ordering: .acquiring) > 0 { try await Task.sleep(for: .milliseconds(20)) }
            group.cancelAll()
        }
    }

    /// Stops accepting connections; ``run()`` returns once the requests in flight are answered.
    public func stop() {
        stopping.store(true, ordering: .releasing)
        channel.channel.close(promise: nil)
    }

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        let fromLoopback = Self.isLoopback(connection.channel.remoteAddress)
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            var tooLarge = false
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body = []
                    tooLarge = false
                    // curl sends `Expect: 100-continue` before a body over 1 KiB and waits a second without it.
                    if requestHead.headers["expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                        try await outbound.write(
                            .head(HTTPResponseHead(version: requestHead.version, status: .continue)))
                    }
                case .body(var buffer):
                    if body.count + buffer.readableBytes > configuration.maxRequestSize {
                        tooLarge = true
                        body = []
                    } else if !tooLarge, let bytes = buffer.readBytes(length: buffer.readableBytes) {
                        body += bytes
                    }
                case .end:
                    guard let requestHead = head else { continue }
                    activeRequests.add(1, ordering: .acquiringAndReleasing)
                    defer { activeRequests.subtract(1, ordering: .acquiringAndReleasing) }
                    let keepAlive = requestHead.isKeepAlive && !stopping.load(ordering: .acquiring)
                    let request = HTTPRequest(
                        method: requestHead.method.rawValue, uri: requestHead.uri,
                        headers: requestHead.headers.map { ($0.name.lowercased(), $0.value) }, body: body,
                        fromLoopback: fromLoopback)
                    body = []
                    var answer: HTTPAnswer
                    if tooLarge {
                        let error = DatabaseError(
                            .queryIsTooLarge,
                            "The request body is larger than \(configuration.maxRequestSize) bytes")
                        answer = HTTPAnswer(
                            status: 413,
                            headers: [
                                ("Content-Type", "text/plain; charset=UTF-8"),
                                ("X-ClickHouse-Exception-Code", String(error.code.number)),
                            ], body: HTTPInterface.errorText(error))
                    } else {
                        answer = await interface.answer(request)
                    }
                    defer { answer.finished() }
                    let sent = try await send(&answer, version: requestHead.version, keepAlive: keepAlive, to: outbound)
                    if !keepAlive || !sent { return }
                }
            }
        }
    }

    /// Writes `answer`: chunked when it has rows, so they stream as they are produced; an error while the rows are
    /// produced is appended to the body as ClickHouse does, and the connection is closed. Returns whether the
    /// connection may be reused.
    private func send(
        _ answer: inout HTTPAnswer, version: HTTPVersion, keepAlive: Bool,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws -> Bool {
        var headers = HTTPHeaders(answer.headers)
        headers.add(name: "Connection", value: keepAlive ? "Keep-Alive" : "close")
        if keepAlive { headers.add(name: "Keep-Alive", value: "timeout=10") }
        let streamed = answer.rows != nil
        if streamed {
            headers.add(name: "Transfer-Encoding", value: "chunked")
        } else {
            headers.add(name: "Content-Length", value: String(answer.body.count))
        }
        try await outbound.write(
            .head(
                HTTPResponseHead(
                    version: version, status: HTTPResponseStatus(statusCode: answer.status), headers: headers)))
        if !answer.body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: answer.body)))) }
        var intact = true
        if var rows = answer.rows {
            let encoder = try HTTPBodyEncoder(blockCompressed: answer.blockCompressed, compression: answer.compression)
            func write(_ piece: [UInt8]) async throws {
                guard !piece.isEmpty else { return }
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: piece))))
            }
            do {
                try await write(try encoder.encode(answer.preformatted))
                while let piece = try rows.next() {
                    try await write(try encoder.encode(piece))
                    try Task.checkCancellation()
                }
                try await write(try encoder.finish())
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // The error goes at the end of the body, encoded like the rows.
                let text = HTTPInterface.errorText(DatabaseError.wrap(error))
                try await write(try encoder.encode(text) + encoder.finish())
                intact = false
            }
            answer.rows = nil
        }
        try await outbound.write(.end(nil))
        return intact
    }

    private static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let address, let ip = address.ipAddress else { return false }
        return ip == "::1" || ip.hasPrefix("127.") || ip.hasPrefix("::ffff:127.")
    }
}

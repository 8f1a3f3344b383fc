import AsyncHTTPClient
import NIOCore
import Synchronization

/// Process-wide HTTP clients, one per timeout setting, so that `S3Client`s share connection pools and never
/// leave an HTTP client un-shut-down (AsyncHTTPClient traps on that in debug builds).
enum S3HTTPClientPool {
    private struct Key: Hashable {
        var connectMillis: Int64
        var readMillis: Int64
    }

    private static let clients = Mutex<[Key: HTTPClient]>([:])

    static func client(connectTimeout: Duration, readTimeout: Duration) -> HTTPClient {
        let key = Key(connectMillis: millis(connectTimeout), readMillis: millis(readTimeout))
        return clients.withLock { clients in
            if let client = clients[key] { return client }
            var configuration = HTTPClient.Configuration()
            configuration.timeout = .init(
                connect: .milliseconds(key.connectMillis), read: .milliseconds(key.readMillis))
            configuration.redirectConfiguration = .disallow
            configuration.decompression = .disabled
            configuration.httpVersion = .http1Only
            // A refused connection fails the request at once; `S3Client` retries with its own budget.
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[key] = client
            return client
        }
    }

    static func millis(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}

import Foundation
import SHS3
import SHTestSupport

/// Shared helpers for the moto-backed tests.
enum S3TestSupport {
    /// A fresh bucket name (3–63 characters, lower case).
    static func uniqueBucket(_ label: String) -> String {
        "shs3-\(label)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// A client on a new bucket of the shared moto server (or of `server`, through `endpoint` when given).
    static func client(
        label: String, server: MotoServer? = nil, endpoint: String? = nil,
        credentials: S3Credentials? = S3Credentials(
            accessKeyID: MotoServer.testAccessKeyID, secretAccessKey: MotoServer.testSecretAccessKey),
        configuration: S3ClientConfiguration = fastConfiguration()
    ) async throws -> S3Client {
        let moto = try server ?? MotoServer.shared()
        let bucket = uniqueBucket(label)
        let uri = try S3URI(parsing: "\(endpoint ?? moto.endpoint)/\(bucket)/prefix")
        let client = S3Client(uri: uri, credentials: credentials, configuration: configuration)
        try await client.createBucket()
        return client
    }

    /// Small backoffs so fault tests stay fast.
    static func fastConfiguration(
        partSize: Int = 5 << 20, attempts: Int = 8, totalTimeout: Duration = .seconds(30)
    ) -> S3ClientConfiguration {
        S3ClientConfiguration(
            retry: S3RetryPolicy(
                maxAttempts: attempts, initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(200),
                totalTimeout: totalTimeout),
            connectTimeout: .seconds(2), requestTimeout: .seconds(20), partSize: partSize, maxConcurrentParts: 3)
    }

    /// Deterministic pseudo-random bytes.
    static func bytes(_ count: Int, seed: UInt64 = 42) -> [UInt8] {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        var out = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            var word = state
            for _ in 0..<8 where index < count {
                out[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
        return out
    }

    /// Writes bytes to a new temporary file and returns its path.
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shs3-\(UUID().uuidString).bin").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Collects a download stream.
    static func collect(_ stream: AsyncThrowingStream<[UInt8], any Error>) async throws -> [UInt8] {
        var out: [UInt8] = []
        for try await chunk in stream { out += chunk }
        return out
    }
}

/// Turns an array into an async sequence of chunks of varying sizes.
struct ChunkSequence: AsyncSequence, Sendable {
    typealias Element = [UInt8]
    typealias Failure = any Error
    let data: [UInt8]
    let sizes: [Int]

    struct AsyncIterator: AsyncIteratorProtocol {
        let data: [UInt8]
        let sizes: [Int]
        var offset = 0
        var turn = 0
        mutating func next() async throws -> [UInt8]? {
            guard offset < data.count else { return nil }
            let size = Swift.min(sizes[turn % sizes.count], data.count - offset)
            turn += 1
            defer { offset += size }
            return Array(data[offset..<(offset + size)])
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(data: data, sizes: sizes) }
}

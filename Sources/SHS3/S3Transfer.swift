import AsyncHTTPClient
import Foundation
import NIOCore

/// The minimum transfer rate of a response body (curl's `--speed-limit`/`--speed-time`): an attempt fails when
/// fewer than `bytes` bytes arrive in `window` of time spent waiting for them.
public struct S3LowSpeedLimit: Sendable, Hashable {
    /// Bytes that must arrive per window.
    public var bytes: Int
    /// The window.
    public var window: Duration

    /// A limit of `bytes` per `window` (at least one byte, at least one millisecond).
    public init(bytes: Int, window: Duration) {
        self.bytes = max(1, bytes)
        self.window = max(window, .milliseconds(1))
    }
}

/// Races an operation against a point in time.
enum S3Race {
    enum Outcome<T: Sendable>: Sendable {
        case value(T)
        case expired
    }

    /// Runs `operation`; `.expired` when `deadline` comes first, and the operation is then cancelled (for an HTTP
    /// request or body this closes its connection).
    static func run<T: Sendable>(
        until deadline: ContinuousClock.Instant, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> Outcome<T> {
        if deadline <= .now { return .expired }
        return try await withThrowingTaskGroup(of: Outcome<T>.self) { group in
            group.addTask { .value(try await operation()) }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return .expired
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { return .expired }
            return first
        }
    }
}

/// The body iterator of one response, handed to the child task that waits for the next chunk (only one task uses
/// it at a time).
final class S3BodyIterator: @unchecked Sendable {
    private var iterator: HTTPClientResponse.Body.AsyncIterator

    init(_ response: HTTPClientResponse) { iterator = response.body.makeAsyncIterator() }

    func next() async throws -> ByteBuffer? { try await iterator.next() }
}

/// Reads one response body chunk by chunk under a deadline and the low-speed limit, counting only the time spent
/// waiting for bytes (not the time a consumer keeps a chunk).
struct S3BodyMeter {
    let lowSpeed: S3LowSpeedLimit?
    private var windowWaited: Duration = .zero
    private var windowBytes = 0
    /// Windows that ended with at least the minimum number of bytes (the transfer has shown a healthy rate).
    private(set) var healthyWindows = 0

    init(lowSpeed: S3LowSpeedLimit?) { self.lowSpeed = lowSpeed }

    /// The next chunk, or nil at the end of the body. Throws `S3TransferFailure.timedOut` when `deadline` passes and
    /// `.tooSlow` when a window ends with fewer bytes than the limit.
    mutating func next(_ body: S3BodyIterator, deadline: ContinuousClock.Instant) async throws -> ByteBuffer? {
        let start = ContinuousClock.now
        var failAt = deadline
        var slow = false
        if let limit = lowSpeed {
            // The earliest moment the limit can be missed if nothing more arrives: the end of this window, or of
            // the next one when this window already has its bytes.
            var end = start + (limit.window - windowWaited)
            if windowBytes >= limit.bytes { end += limit.window }
            if end < failAt {
                failAt = end
                slow = true
            }
        }
        let outcome = try await S3Race.run(until: failAt) { try await body.next() }
        try Task.checkCancellation()
        switch outcome {
        case .expired:
            if slow, let limit = lowSpeed { throw S3TransferFailure.tooSlow(bytes: limit.bytes, window: limit.window) }
            throw S3TransferFailure.timedOut
        case .value(let chunk):
            if let limit = lowSpeed {
                windowWaited += ContinuousClock.now - start
                windowBytes += chunk?.readableBytes ?? 0
                if windowWaited >= limit.window {
                    if windowBytes >= limit.bytes { healthyWindows += 1 }
                    windowWaited = .zero
                    windowBytes = 0
                }
            }
            return chunk
        }
    }
}

extension Duration {
    /// Seconds as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    /// `12.3 s`.
    var secondsText: String { String(format: "%.1f s", seconds) }
}

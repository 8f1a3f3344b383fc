/// How S3 requests are retried: exponential backoff with full jitter, bounded in attempts and in total time.
///
/// Retried: 5xx (503 SlowDown included), 408, 429, connection resets and refusals, timeouts and truncated bodies.
/// Other 4xx answers are never retried.
public struct S3RetryPolicy: Sendable, Hashable {
    /// Attempts per request, the first included.
    public var maxAttempts: Int
    /// Backoff ceiling before the first retry; it doubles per retry.
    public var initialBackoff: Duration
    /// Upper bound for one backoff.
    public var maxBackoff: Duration
    /// Bound on the time one request may take over all its attempts.
    public var totalTimeout: Duration
    /// Full jitter: sleep a random duration in `0...backoff` instead of `backoff`.
    public var jitter: Bool

    public init(
        maxAttempts: Int = 8, initialBackoff: Duration = .milliseconds(50), maxBackoff: Duration = .seconds(3),
        totalTimeout: Duration = .seconds(60), jitter: Bool = true
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.totalTimeout = totalTimeout
        self.jitter = jitter
    }

    /// The pause before retry number `retry` (1 = the first retry).
    public func backoff(beforeRetry retry: Int) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        var ceiling = initialBackoff * (1 << exponent)
        if ceiling > maxBackoff { ceiling = maxBackoff }
        guard jitter else { return ceiling }
        let nanos = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        guard nanos > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanos))
    }

    /// Whether an HTTP status is worth retrying.
    public static func isRetryable(status: Int) -> Bool {
        status >= 500 || status == 408 || status == 429
    }
}

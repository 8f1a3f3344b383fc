import Foundation

/// Tunables of an `S3Client`.
public struct S3ClientConfiguration: Sendable {
    /// The signing region; nil means the URI's region, else `AWS_REGION`, else `us-east-1`.
    public var region: String?
    public var retry: S3RetryPolicy
    /// Bound on establishing one connection.
    public var connectTimeout: Duration
    /// Bound on one request/response exchange without a streamed body; also the idle bound while streaming.
    public var requestTimeout: Duration
    /// Size of multipart parts (S3 requires at least 5 MiB except for the last part).
    public var partSize: Int
    /// Parts in flight at once for one upload.
    public var maxConcurrentParts: Int
    /// Upload buffers (of up to `partSize` bytes) held at once by all the client's uploads together: the bound on
    /// upload memory when many files go up in parallel.
    public var maxBufferedParts: Int
    /// Objects up to this size go up in a single PUT from `uploadFile`; larger ones use multipart upload.
    public var maxSinglePartUploadSize: Int
    /// Keys per page of ListObjectsV2 (S3 caps it at 1000).
    public var listPageSize: Int
    /// Keys per DeleteObjects request (S3 caps it at 1000).
    public var deleteBatchSize: Int
    /// Whether to send the body's SHA-256 in `x-amz-content-sha256` over https too (always done over http).
    public var signPayloadOverHTTPS: Bool
    /// The minimum rate of every response body (nil: none). An attempt below it fails and is retried within
    /// `retry.totalTimeout`, so an endpoint that trickles bytes cannot hold a request open.
    public var lowSpeedLimit: S3LowSpeedLimit?
    /// Bound on one CompleteMultipartUpload attempt (S3 may take minutes to assemble a big object); the larger of
    /// this and `requestTimeout` is used, and never more than what is left of `retry.totalTimeout`.
    public var completeTimeout: Duration
    /// Largest error body read (the rest of a larger one is refused with an error).
    public var maxErrorResponseSize: Int
    /// Largest XML answer read (list pages, multipart and delete answers).
    public var maxResponseSize: Int
    /// Largest object `getObject` reads into memory when the caller gives no size of its own.
    public var maxBufferedObjectSize: Int

    public init(
        region: String? = nil, retry: S3RetryPolicy = S3RetryPolicy(), connectTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(30), partSize: Int = 16 << 20, maxConcurrentParts: Int = 4,
        maxBufferedParts: Int = 4, maxSinglePartUploadSize: Int? = nil, listPageSize: Int = 1000,
        deleteBatchSize: Int = 1000, signPayloadOverHTTPS: Bool = true,
        lowSpeedLimit: S3LowSpeedLimit? = S3LowSpeedLimit(bytes: 1024, window: .seconds(10)),
        completeTimeout: Duration = .seconds(300), maxErrorResponseSize: Int = 64 << 10,
        maxResponseSize: Int = 8 << 20, maxBufferedObjectSize: Int = 256 << 20
    ) {
        self.region = region
        self.retry = retry
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.partSize = max(partSize, 1)
        self.maxConcurrentParts = max(1, maxConcurrentParts)
        self.maxBufferedParts = max(1, maxBufferedParts)
        self.maxSinglePartUploadSize = maxSinglePartUploadSize ?? self.partSize
        self.listPageSize = min(max(1, listPageSize), 1000)
        self.deleteBatchSize = min(max(1, deleteBatchSize), 1000)
        self.signPayloadOverHTTPS = signPayloadOverHTTPS
        self.lowSpeedLimit = lowSpeedLimit
        self.completeTimeout = completeTimeout
        self.maxErrorResponseSize = max(1, maxErrorResponseSize)
        self.maxResponseSize = max(1, maxResponseSize)
        self.maxBufferedObjectSize = max(0, maxBufferedObjectSize)
    }

    /// The configuration with the `SWIFTHOUSE_S3_*` overrides of `environment` applied:
    /// `SWIFTHOUSE_S3_RETRY_ATTEMPTS`, `SWIFTHOUSE_S3_TOTAL_TIMEOUT_SECONDS`, `SWIFTHOUSE_S3_REQUEST_TIMEOUT_SECONDS`,
    /// `SWIFTHOUSE_S3_LOW_SPEED_LIMIT_BYTES` and `SWIFTHOUSE_S3_LOW_SPEED_TIME_SECONDS` (either of the last two
    /// set to 0 turns the low-speed limit off). Values that are not positive integers (0 aside) are ignored.
    public func applying(environment: [String: String]) -> S3ClientConfiguration {
        func number(_ name: String) -> Int? {
            guard let value = environment[name].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
                value >= 0
            else { return nil }
            return value
        }
        var configuration = self
        if let attempts = number("SWIFTHOUSE_S3_RETRY_ATTEMPTS"), attempts > 0 {
            configuration.retry.maxAttempts = attempts
        }
        if let seconds = number("SWIFTHOUSE_S3_TOTAL_TIMEOUT_SECONDS"), seconds > 0 {
            configuration.retry.totalTimeout = .seconds(seconds)
        }
        if let seconds = number("SWIFTHOUSE_S3_REQUEST_TIMEOUT_SECONDS"), seconds > 0 {
            configuration.requestTimeout = .seconds(seconds)
        }
        let bytes = number("SWIFTHOUSE_S3_LOW_SPEED_LIMIT_BYTES")
        let seconds = number("SWIFTHOUSE_S3_LOW_SPEED_TIME_SECONDS")
        if bytes == 0 || seconds == 0 {
            configuration.lowSpeedLimit = nil
        } else if bytes != nil || seconds != nil {
            let current = configuration.lowSpeedLimit ?? S3LowSpeedLimit(bytes: 1024, window: .seconds(10))
            configuration.lowSpeedLimit = S3LowSpeedLimit(
                bytes: bytes ?? current.bytes, window: seconds.map { .seconds($0) } ?? current.window)
        }
        return configuration
    }

    /// The region requests are signed for.
    func resolvedRegion(for uri: S3URI, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let region, !region.isEmpty { return region }
        if let region = uri.region { return region }
        if let region = environment["AWS_REGION"], !region.isEmpty { return region }
        if let region = environment["AWS_DEFAULT_REGION"], !region.isEmpty { return region }
        return "us-east-1"
    }
}

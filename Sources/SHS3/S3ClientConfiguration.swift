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

    public init(
        region: String? = nil, retry: S3RetryPolicy = S3RetryPolicy(), connectTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(30), partSize: Int = 16 << 20, maxConcurrentParts: Int = 4,
        maxBufferedParts: Int = 4, maxSinglePartUploadSize: Int? = nil, listPageSize: Int = 1000,
        deleteBatchSize: Int = 1000, signPayloadOverHTTPS: Bool = true
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

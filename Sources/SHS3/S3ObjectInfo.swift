/// What HEAD or a listing says about one object.
public struct S3ObjectInfo: Sendable, Hashable {
    /// The key relative to the bucket.
    public var key: String
    public var size: Int
    /// The ETag without quotes.
    public var etag: String?
    /// As the server wrote it (RFC 1123 from HEAD, ISO 8601 from listings).
    public var lastModified: String?

    public init(key: String, size: Int, etag: String? = nil, lastModified: String? = nil) {
        self.key = key
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
    }
}

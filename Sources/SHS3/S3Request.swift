/// One S3 REST call before signing: method, key, query, headers, body and the words used in error texts.
struct S3Request: Sendable {
    var method: String
    /// The object key relative to the bucket; nil addresses the bucket itself.
    var key: String?
    var query: [(String, String?)] = []
    var headers: [(String, String)] = []
    var body: [UInt8]? = nil
    /// What the call does, for errors: `check existence of key`, `upload part #3 of`.
    var operation: String
    /// Bound on one attempt; nil means `requestTimeout` (always capped by what is left of the total bound).
    var attemptTimeout: Duration? = nil
    /// Largest successful answer body read; nil means `maxResponseSize` (error bodies: `maxErrorResponseSize`).
    var maxResponseSize: Int? = nil
    /// Whether the low-speed limit applies to the answer's body. Not for calls S3 keeps alive by sending
    /// whitespace every few seconds while it works (CompleteMultipartUpload, CopyObject): their attempt timeout
    /// bounds them instead.
    var appliesLowSpeedLimit = true

    init(
        _ method: String, key: String?, query: [(String, String?)] = [], headers: [(String, String)] = [],
        body: [UInt8]? = nil, operation: String
    ) {
        self.method = method
        self.key = key
        self.query = query
        self.headers = headers
        self.body = body
        self.operation = operation
    }
}

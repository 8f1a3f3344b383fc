import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import SHCore
import SHXML
import Synchronization

/// An S3 client for one bucket: SigV4 signing, bounded retries, multipart uploads and streamed downloads.
///
/// Keys are relative to the bucket. Errors are `DatabaseError(.s3Error, …)` naming the operation, bucket and key,
/// with S3's error code and message; they never contain the secret key.
public final class S3Client: Sendable {
    public let uri: S3URI
    public let configuration: S3ClientConfiguration
    /// The region requests are signed for.
    public let region: String
    let credentials: S3Credentials?
    /// The access key requests are signed with (nil: anonymous); never the secret.
    public var accessKeyID: String? { credentials?.accessKeyID }
    let signer: SigV4Signer?
    let http: HTTPClient
    /// The HTTP client for attempts longer than `requestTimeout` (CompleteMultipartUpload): its idle read
    /// timeout is the longer bound.
    let longHTTP: HTTPClient
    let logger: Logger
    private let isShutDown = Atomic<Bool>(false)
    /// Upload buffers in flight across all of this client's uploads.
    let bufferPermits: BufferPermits

    /// Creates a client for the bucket of `uri`; nil credentials send anonymous (unsigned) requests.
    public init(uri: S3URI, credentials: S3Credentials?, configuration: S3ClientConfiguration = .init()) {
        self.uri = uri
        self.configuration = configuration
        self.credentials = credentials
        let region = configuration.resolvedRegion(for: uri)
        self.region = region
        self.signer = credentials.map { SigV4Signer(credentials: $0, region: region) }
        self.http = S3HTTPClientPool.client(
            connectTimeout: configuration.connectTimeout, readTimeout: configuration.requestTimeout)
        self.longHTTP = S3HTTPClientPool.client(
            connectTimeout: configuration.connectTimeout,
            readTimeout: max(configuration.requestTimeout, configuration.completeTimeout))
        self.logger = Logger(label: "swifthouse.s3")
        self.bufferPermits = BufferPermits(configuration.maxBufferedParts)
    }

    /// Stops the client: later calls fail. The underlying connection pool is shared and stays up.
    public func shutdown() async throws {
        isShutDown.store(true, ordering: .relaxed)
    }

    // MARK: - Requests

    /// `host[:port]` as sent and signed.
    var hostHeader: String {
        let defaultPort = uri.scheme == "https" ? 443 : 80
        if let port = uri.port, port != defaultPort { return "\(uri.requestHost):\(port)" }
        return uri.requestHost
    }

    /// The encoded request path for a key, or for the bucket when `key` is nil.
    func path(for key: String?) -> String {
        var path = uri.isVirtualHosted ? "" : "/" + S3Encoding.uriEncode(uri.bucket, encodeSlash: true)
        if let key {
            path += "/" + S3Encoding.uriEncode(key, encodeSlash: false)
        } else if path.isEmpty {
            path = "/"
        }
        return path
    }

    /// Whether request bodies are covered by the signature (`x-amz-content-sha256`): S3 then rejects a body
    /// altered on the way, and a `Content-MD5` would only check the same bytes a second time.
    var signsPayload: Bool { uri.scheme == "http" || configuration.signPayloadOverHTTPS }

    /// `Content-MD5` for an upload whose body the signature does not cover; nothing when it does.
    func integrityHeaders(_ body: [UInt8]) -> [(String, String)] {
        signsPayload ? [] : [("content-md5", S3Encoding.md5Base64(body))]
    }

    /// Builds the signed HTTP request for one attempt.
    func makeHTTPRequest(_ request: S3Request) -> HTTPClientRequest {
        let path = path(for: request.key)
        let query = SigV4Signer.canonicalQuery(request.query)
        var url = uri.endpointURL + path
        if !query.isEmpty { url += "?" + query }

        let payloadHash: String
        if let body = request.body, !body.isEmpty {
            payloadHash = signsPayload ? S3Encoding.sha256Hex(body) : SigV4Signer.unsignedPayload
        } else {
            payloadHash = SigV4Signer.emptyPayloadHash
        }
        let now = Date()
        var headers: [(String, String)] = [("host", hostHeader)]
        headers += request.headers
        headers.append(("x-amz-content-sha256", payloadHash))
        headers.append(("x-amz-date", SigV4Signer.timestamp(now)))
        if let token = credentials?.sessionToken { headers.append(("x-amz-security-token", token)) }

        var http = HTTPClientRequest(url: url)
        http.method = .init(rawValue: request.method)
        for (name, value) in headers { http.headers.add(name: name, value: value) }
        if let signer {
            let signature = signer.sign(
                method: request.method, path: path, query: request.query, headers: headers,
                payloadHash: payloadHash, date: now)
            http.headers.add(name: "authorization", value: signature.authorization)
        }
        if let body = request.body {
            // Sent straight from the array, copied into 4 MiB buffers only as the connection takes them (a whole
            // ByteBuffer copy would double the memory of every part in flight).
            http.body = .bytes(body)
        } else if request.method == "PUT" || request.method == "POST" {
            http.body = .bytes(ByteBuffer())
        }
        return http
    }

    /// Sends one attempt and reads the whole answer by `deadline` (head and every byte of the body), the body at
    /// the low-speed limit's rate and within its size cap; a body shorter than Content-Length throws
    /// `S3TransferFailure`, a body over the cap a `DatabaseError`.
    func sendOnce(_ request: S3Request, deadline: ContinuousClock.Instant, using client: HTTPClient) async throws
        -> S3Response
    {
        let remaining = deadline - .now
        guard remaining > .zero else { throw S3TransferFailure.timedOut }
        let response = try await client.execute(
            makeHTTPRequest(request), timeout: .milliseconds(max(1, S3HTTPClientPool.millis(remaining))),
            logger: logger)
        let status = Int(response.status.code)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        let limit =
            (200..<300).contains(status)
            ? (request.maxResponseSize ?? configuration.maxResponseSize) : configuration.maxErrorResponseSize
        let body: [UInt8]
        if request.method == "HEAD" {
            body = []
        } else {
            body = try await readBody(
                response, headers: headers, limit: limit, deadline: deadline, request: request)
        }
        return S3Response(status: status, headers: headers, body: body)
    }

    /// Reads a whole body by `deadline` at no less than the low-speed limit, refusing more than `limit` bytes
    /// (a Content-Length over the limit is refused before anything is read).
    func readBody(
        _ response: HTTPClientResponse, headers: [String: String], limit: Int, deadline: ContinuousClock.Instant,
        request: S3Request
    ) async throws -> [UInt8] {
        let status = Int(response.status.code)
        func tooLarge() -> DatabaseError { self.tooLarge(request, status: status, limit: limit) }
        let length = headers["content-length"].flatMap(Int.init)
        if let length, length > limit { throw tooLarge() }
        var body = [UInt8]()
        if let length, length > 0 { body.reserveCapacity(length) }
        let iterator = S3BodyIterator(response)
        var meter = S3BodyMeter(lowSpeed: request.appliesLowSpeedLimit ? configuration.lowSpeedLimit : nil)
        while let chunk = try await meter.next(iterator, deadline: deadline) {
            guard chunk.readableBytes <= limit - body.count else { throw tooLarge() }
            body.append(contentsOf: chunk.readableBytesView)
        }
        if let length, body.count != length {
            throw S3TransferFailure.truncatedBody(received: body.count, expected: length)
        }
        return body
    }

    /// The error for an answer over its size cap (not retried: the same request would get the same answer).
    func tooLarge(_ request: S3Request, status: Int, limit: Int) -> DatabaseError {
        DatabaseError(
            .s3Error,
            "Failed to \(request.operation) \(location(request.key)): the response body (HTTP response code: \(status)) "
                + "is larger than the limit of \(limit) bytes (endpoint \(uri.endpointURL))")
    }

    /// Sends a request with retries. Returns the first answer that is not retryable (success or not);
    /// throws a `DatabaseError` when the retry budget runs out.
    ///
    /// Every attempt, its whole answer included, ends by `attemptTimeout` (`requestTimeout` unless the request
    /// says otherwise) and by the total bound `retry.totalTimeout` counted from the first attempt.
    /// - Parameter errorInSuccess: treat a 200 whose body is an `<Error>` document as that error (Complete, Copy).
    func perform(_ request: S3Request, errorInSuccess: Bool = false) async throws -> S3Response {
        try checkOpen()
        let policy = configuration.retry
        let start = ContinuousClock.now
        let end = start + policy.totalTimeout
        let attemptTimeout = request.attemptTimeout ?? configuration.requestTimeout
        let client = attemptTimeout > configuration.requestTimeout ? longHTTP : http
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let deadline = min(ContinuousClock.now + attemptTimeout, end)
            var failure: Failure
            do {
                let response = try await sendOnce(request, deadline: deadline, using: client)
                if errorInSuccess, response.isSuccess, let error = response.errorElement {
                    let code = error.value("Code") ?? ""
                    let fake = S3Response(
                        status: code == "SlowDown" ? 503 : 500, headers: response.headers, body: response.body)
                    failure = .response(fake)
                } else if S3RetryPolicy.isRetryable(status: response.status) {
                    failure = .response(response)
                } else {
                    var answer = response
                    answer.attempts = attempt
                    return answer
                }
            } catch let error where Self.isCancellation(error) {
                throw CancellationError()
            } catch let error as DatabaseError {
                throw error
            } catch {
                failure = .transport(error)
            }
            let elapsed = ContinuousClock.now - start
            let pause = policy.backoff(beforeRetry: attempt)
            if attempt >= policy.maxAttempts || elapsed + pause >= policy.totalTimeout {
                throw exhausted(request, failure: failure, attempts: attempt, elapsed: elapsed)
            }
            logger.debug("S3 \(request.method) retry \(attempt) after \(failure)")
            try await Task.sleep(for: pause)
        }
    }

    func checkOpen() throws {
        if isShutDown.load(ordering: .relaxed) {
            throw DatabaseError(.s3Error, "S3 client for \(uri) is shut down")
        }
    }

    /// Why one attempt failed.
    enum Failure: CustomStringConvertible {
        case response(S3Response)
        case transport(any Error)

        var description: String {
            switch self {
            case .response(let response): "HTTP \(response.status)"
            case .transport(let error): S3Client.describeTransportError(error)
            }
        }
    }

    static func isCancellation(_ error: any Error) -> Bool {
        if error is CancellationError { return Task.isCancelled }
        if let error = error as? HTTPClientError, error == .cancelled { return Task.isCancelled }
        return false
    }

    // MARK: - Errors

    /// `key K in bucket B` or `bucket B`.
    func location(_ key: String?) -> String {
        key.map { "key \($0) in bucket \(uri.bucket)" } ?? "bucket \(uri.bucket)"
    }

    /// The error for a final non-success answer.
    func error(_ request: S3Request, response: S3Response, suffix: String = "") -> DatabaseError {
        var text = "Failed to \(request.operation) \(location(request.key)): "
        if let element = response.errorElement
            ?? (response.isSuccess ? nil : (try? XMLTreeElement.parse(response.body))),
            let code = element.value("Code") ?? element.child("Error")?.value("Code")
        {
            let message = element.value("Message") ?? element.child("Error")?.value("Message") ?? code
            text += "Message: \(message), bucket \(uri.bucket)"
            if let key = request.key { text += ", key \(key)" }
            text += ". S3 error code: \(code), HTTP response code: \(response.status)"
        } else {
            text +=
                "No response body.. HTTP response code: \(response.status), error type: \(Self.errorType(response.status))"
            if response.status == 403 || response.status == 401 {
                text += ". Please check your AWS credentials and permissions"
            }
        }
        return DatabaseError(.s3Error, text + suffix)
    }

    /// The error once the retries are spent: the last failure, the attempts and the time they took, and the bound.
    func exhausted(_ request: S3Request, failure: Failure, attempts: Int, elapsed: Duration) -> DatabaseError {
        let limit = configuration.retry.maxAttempts
        let suffix =
            ", after \(attempts) attempt\(attempts == 1 ? "" : "s") in \(elapsed.secondsText) "
            + "(limits: \(limit) attempt\(limit == 1 ? "" : "s"), \(configuration.retry.totalTimeout.secondsText))"
        switch failure {
        case .response(let response):
            return error(request, response: response, suffix: suffix)
        case .transport(let error):
            return DatabaseError(
                .s3Error,
                "Failed to \(request.operation) \(location(request.key)): \(Self.describeTransportError(error)) "
                    + "(endpoint \(uri.endpointURL)), error type: NETWORK_CONNECTION\(suffix)")
        }
    }

    static func errorType(_ status: Int) -> String {
        switch status {
        case 401, 403: "ACCESS_DENIED"
        case 404: "RESOURCE_NOT_FOUND"
        case 408: "REQUEST_TIMEOUT"
        case 412: "PRECONDITION_FAILED"
        case 429, 503: "SLOW_DOWN"
        case 500..<600: "INTERNAL_FAILURE"
        default: "UNKNOWN"
        }
    }

    /// A short, secret-free text for a network-level failure.
    static func describeTransportError(_ error: any Error) -> String {
        if let failure = error as? S3TransferFailure { return failure.description }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "Connect timeout"
            case .readTimeout: return "Read timeout"
            case .writeTimeout: return "Write timeout"
            case .deadlineExceeded: return "Request timeout"
            case .remoteConnectionClosed: return "Connection closed by peer"
            default: break
            }
        }
        let text = String(describing: error)
        let lower = text.lowercased()
        if lower.contains("refused") || lower.contains("errno: 111") { return "Connection refused" }
        if lower.contains("reset") || lower.contains("errno: 104") { return "Connection reset by peer" }
        if lower.contains("eof") || lower.contains("closed") { return "Connection closed by peer (\(text))" }
        return text
    }
}

/// A transfer that ended early (retried like a connection reset).
enum S3TransferFailure: Error, CustomStringConvertible {
    case truncatedBody(received: Int, expected: Int)
    case unexpectedStatus(Int)
    /// The attempt's time ran out before its whole answer arrived.
    case timedOut
    /// A window of the low-speed limit passed with fewer bytes than it asks for.
    case tooSlow(bytes: Int, window: Duration)

    var description: String {
        switch self {
        case .truncatedBody(let received, let expected): "Truncated response body: \(received) of \(expected) bytes"
        case .timedOut: "Request timeout"
        case .tooSlow(let bytes, let window):
            "Transfer too slow: fewer than \(bytes) bytes in \(window.secondsText) (low speed limit)"
        case .unexpectedStatus(let status): "Unexpected HTTP status \(status)"
        }
    }
}

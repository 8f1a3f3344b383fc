import AsyncHTTPClient
import Foundation
import NIOCore
import SHCore

/// The state behind `S3Client.getObjectStream`: one open response, the offset delivered so far, and resumption
/// with `Range: bytes=<offset>-` after a reset or a truncated body.
actor S3ObjectReader {
    /// Bytes one attempt must deliver to count as healthy when no low-speed window has ended yet.
    static let healthyAttemptBytes = 1 << 20

    private let client: S3Client
    private let key: String
    private var offset = 0
    private var total: Int?
    private var etag: String?
    private var body: S3BodyIterator?
    private var meter = S3BodyMeter(lowSpeed: nil)
    private var attemptBytes = 0
    private var finished = false
    /// Failed attempts since the transfer last showed a healthy rate.
    private var failures = 0
    /// Time spent waiting for bytes (and backing off) since the transfer last showed a healthy rate: the total bound
    /// applies to it. The time the consumer keeps a chunk does not count.
    private var waited: Duration = .zero

    init(client: S3Client, key: String) {
        self.client = client
        self.key = key
    }

    /// The next chunk of the object, or nil at its end.
    func next() async throws -> [UInt8]? {
        let policy = client.configuration.retry
        while !finished {
            if let total, offset >= total {
                finish()
                return nil
            }
            let start = ContinuousClock.now
            let before = waited
            let deadline = start + (policy.totalTimeout - before)
            let failure: S3Client.Failure
            do {
                if body == nil { try await open(deadline: deadline) }
                var meter = self.meter
                let chunk = try await meter.next(body!, deadline: deadline)
                self.meter = meter
                waited += ContinuousClock.now - start
                if let chunk {
                    if chunk.readableBytes == 0 { continue }
                    offset += chunk.readableBytes
                    attemptBytes += chunk.readableBytes
                    if meter.healthyWindows > 0 || attemptBytes >= Self.healthyAttemptBytes {
                        failures = 0
                        waited = .zero
                    }
                    return Array(chunk.readableBytesView)
                }
                body = nil
                if let total, offset < total {
                    throw S3TransferFailure.truncatedBody(received: offset, expected: total)
                }
                finish()
                return nil
            } catch let error where S3Client.isCancellation(error) {
                body = nil
                throw CancellationError()
            } catch let error as DatabaseError {
                finish()
                throw error
            } catch let error as S3ResponseFailure {
                body = nil
                failure = .response(error.response)
            } catch {
                body = nil
                failure = .transport(error)
            }
            waited = before + (ContinuousClock.now - start)
            failures += 1
            let pause = policy.backoff(beforeRetry: failures)
            if failures >= policy.maxAttempts || waited + pause >= policy.totalTimeout {
                finish()
                throw client.exhausted(request, failure: failure, attempts: failures, elapsed: waited)
            }
            try await Task.sleep(for: pause)
            waited += pause
        }
        return nil
    }

    private func finish() {
        finished = true
        body = nil
    }

    private var request: S3Request {
        var headers: [(String, String)] = []
        if offset > 0 {
            headers.append(("range", "bytes=\(offset)-"))
            if let etag { headers.append(("if-match", "\"\(etag)\"")) }
        }
        return S3Request("GET", key: key, headers: headers, operation: "read")
    }

    /// Sends one GET from the current offset (its head by `deadline` and within `requestTimeout`) and keeps its
    /// body iterator; a new attempt starts a new low-speed measurement.
    private func open(deadline: ContinuousClock.Instant) async throws {
        try client.checkOpen()
        let request = self.request
        let headDeadline = min(deadline, ContinuousClock.now + client.configuration.requestTimeout)
        let remaining = headDeadline - .now
        guard remaining > .zero else { throw S3TransferFailure.timedOut }
        let response = try await client.http.execute(
            client.makeHTTPRequest(request), timeout: .milliseconds(max(1, S3HTTPClientPool.millis(remaining))),
            logger: client.logger)
        let status = Int(response.status.code)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        guard status == 200 || status == 206 else {
            let limit = client.configuration.maxErrorResponseSize
            let body = try await client.readBody(
                response, headers: headers, limit: limit, deadline: deadline, request: request)
            let answer = S3Response(status: status, headers: headers, body: body)
            if status == 412 && offset > 0 {
                throw DatabaseError(
                    .s3ObjectChangedDuringRead,
                    "S3 object \(key) in bucket \(client.uri.bucket) was replaced while it was being read (ETag \(etag ?? "?"))"
                )
            }
            if S3RetryPolicy.isRetryable(status: status) { throw S3ResponseFailure(response: answer) }
            throw client.error(request, response: answer)
        }
        if offset == 0 || status == 200 {
            if status == 200 && offset > 0 {
                // The server ignored the range; the caller already has `offset` bytes, so this cannot resume.
                throw DatabaseError(
                    .s3Error, "Failed to resume reading \(client.location(key)): the server ignored the Range header")
            }
            total = headers["content-length"].flatMap(Int.init)
            etag = answer(headers).etag
        } else {
            // A 206 must continue exactly where the delivered bytes end, or the stream would splice wrong bytes.
            guard let range = headers["content-range"].flatMap(Self.parseContentRange), range.start == offset,
                total == nil || range.size == nil || range.size == total
            else {
                throw DatabaseError(
                    .s3Error,
                    "Failed to resume reading \(client.location(key)) at byte \(offset): the server answered "
                        + "Content-Range \(headers["content-range"] ?? "(none)")")
            }
            if let size = range.size { total = size }
        }
        body = S3BodyIterator(response)
        meter = S3BodyMeter(lowSpeed: client.configuration.lowSpeedLimit)
        attemptBytes = 0
    }

    /// `bytes <start>-<end>/<size or *>` → start and size.
    static func parseContentRange(_ text: String) -> (start: Int, size: Int?)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("bytes ") else { return nil }
        let spec = trimmed.dropFirst(6)
        guard let dash = spec.firstIndex(of: "-"), let slash = spec.lastIndex(of: "/"), dash < slash,
            let start = Int(spec[..<dash]), start >= 0
        else { return nil }
        let size = spec[spec.index(after: slash)...]
        if size == "*" { return (start, nil) }
        guard let total = Int(size), total >= 0 else { return nil }
        return (start, total)
    }

    private func answer(_ headers: [String: String]) -> S3Response {
        S3Response(status: 200, headers: headers, body: [])
    }
}

/// A retryable non-success answer met while streaming.
struct S3ResponseFailure: Error {
    var response: S3Response
}

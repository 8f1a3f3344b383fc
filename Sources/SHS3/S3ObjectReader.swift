import AsyncHTTPClient
import NIOCore
import SHCore

/// The state behind `S3Client.getObjectStream`: one open response, the offset delivered so far, and resumption
/// with `Range: bytes=<offset>-` after a reset or a truncated body.
actor S3ObjectReader {
    private let client: S3Client
    private let key: String
    private var offset = 0
    private var total: Int?
    private var etag: String?
    private var iterator: HTTPClientResponse.Body.AsyncIterator?
    private var finished = false
    private var failures = 0
    private var lastProgress = ContinuousClock.now

    init(client: S3Client, key: String) {
        self.client = client
        self.key = key
    }

    /// The next chunk of the object, or nil at its end.
    func next() async throws -> [UInt8]? {
        let policy = client.configuration.retry
        while !finished {
            if let total, offset >= total {
                finished = true
                iterator = nil
                return nil
            }
            let failure: S3Client.Failure
            do {
                if iterator == nil { try await open() }
                var current = iterator!
                let chunk = try await current.next(isolation: self)
                iterator = current
                if let chunk {
                    if chunk.readableBytes == 0 { continue }
                    offset += chunk.readableBytes
                    failures = 0
                    lastProgress = .now
                    return Array(chunk.readableBytesView)
                }
                iterator = nil
                if let total, offset < total {
                    throw S3TransferFailure.truncatedBody(received: offset, expected: total)
                }
                finished = true
                return nil
            } catch let error where S3Client.isCancellation(error) {
                iterator = nil
                throw CancellationError()
            } catch let error as DatabaseError {
                iterator = nil
                finished = true
                throw error
            } catch let error as S3ResponseFailure {
                iterator = nil
                failure = .response(error.response)
            } catch {
                iterator = nil
                failure = .transport(error)
            }
            failures += 1
            let elapsed = ContinuousClock.now - lastProgress
            let pause = policy.backoff(beforeRetry: failures)
            if failures >= policy.maxAttempts || elapsed + pause >= policy.totalTimeout {
                finished = true
                throw client.exhausted(request, failure: failure, attempts: failures, elapsed: elapsed)
            }
            try await Task.sleep(for: pause)
        }
        return nil
    }

    private var request: S3Request {
        var headers: [(String, String)] = []
        if offset > 0 {
            headers.append(("range", "bytes=\(offset)-"))
            if let etag { headers.append(("if-match", "\"\(etag)\"")) }
        }
        return S3Request("GET", key: key, headers: headers, operation: "read")
    }

    /// Sends one GET from the current offset and keeps its body iterator.
    private func open() async throws {
        try client.checkOpen()
        let request = self.request
        let response = try await client.http.execute(
            client.makeHTTPRequest(request), timeout: .hours(24), logger: client.logger)
        let status = Int(response.status.code)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        guard status == 200 || status == 206 else {
            var body = [UInt8]()
            for try await chunk in response.body { body.append(contentsOf: chunk.readableBytesView) }
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
        } else if let range = headers["content-range"], let slash = range.lastIndex(of: "/") {
            if let size = Int(range[range.index(after: slash)...]) { total = size }
        }
        iterator = response.body.makeAsyncIterator()
    }

    private func answer(_ headers: [String: String]) -> S3Response {
        S3Response(status: 200, headers: headers, body: [])
    }
}

/// A retryable non-success answer met while streaming.
struct S3ResponseFailure: Error {
    var response: S3Response
}

import Foundation
import SHCore
import SHXML

extension S3Client {
    /// S3's limit on parts per upload.
    public static let maxPartCount = 10_000

    /// Uploads a local file: one PUT up to `maxSinglePartUploadSize`, else a multipart upload whose parts are read
    /// from disk one at a time and sent in parallel. Memory: at most `maxBufferedParts` buffers across all uploads
    /// of this client. A failed multipart upload is aborted.
    public func uploadFile(key: String, path: String, storageClass: String? = nil) async throws {
        let reader = try await S3FileReader.open(path: path)
        if reader.size <= configuration.maxSinglePartUploadSize {
            await bufferPermits.acquire()
            defer { bufferPermits.release() }
            let body = try await reader.read(count: reader.size)
            try await putObject(key: key, body: body, storageClass: storageClass)
            return
        }
        let partSize = configuration.partSize
        var sent = 0
        try await uploadParts(key: key, storageClass: storageClass) {
            let part = try await reader.read(count: partSize)
            sent += part.count
            return part.isEmpty ? nil : (part, sent >= reader.size)
        }
    }

    /// Uploads data of unknown size from a sequence of chunks of any size: re-cut into `partSize` parts and sent as a
    /// multipart upload with parallel parts; a total of at most one part goes up as a single PUT.
    public func upload(
        key: String, chunks: some AsyncSequence<[UInt8], any Error>, storageClass: String? = nil
    ) async throws {
        var iterator = chunks.makeAsyncIterator()
        var buffer: [UInt8] = []
        var exhausted = false
        let partSize = configuration.partSize
        try await uploadParts(key: key, storageClass: storageClass) {
            // One byte past a part tells whether this part is the last.
            while !exhausted && buffer.count <= partSize {
                if let chunk = try await iterator.next() {
                    buffer.append(contentsOf: chunk)
                } else {
                    exhausted = true
                }
            }
            if buffer.isEmpty { return nil }
            if buffer.count <= partSize {
                let part = buffer
                buffer = []
                return (part, true)
            }
            let part = Array(buffer[..<partSize])
            buffer.removeFirst(partSize)
            return (part, false)
        }
    }

    /// The common upload path. `readPart` returns the next part (full size but the last) and whether it is the
    /// last, or nil when there is nothing at all. A single part goes up as one PUT, more as a multipart upload.
    /// Every part is read only after a buffer permit is taken, and no permit is held while waiting for another
    /// one, so concurrent uploads cannot deadlock on the budget.
    func uploadParts(
        key: String, storageClass: String?, readPart: () async throws -> (bytes: [UInt8], last: Bool)?
    ) async throws {
        let permits = bufferPermits
        func nextPart() async throws -> (bytes: [UInt8], last: Bool)? {
            await permits.acquire()
            do {
                guard let part = try await readPart() else {
                    permits.release()
                    return nil
                }
                return part
            } catch {
                permits.release()
                throw error
            }
        }
        guard let first = try await nextPart() else {
            try await putObject(key: key, body: [], storageClass: storageClass)
            return
        }
        if first.last {
            defer { permits.release() }
            try await putObject(key: key, body: first.bytes, storageClass: storageClass)
            return
        }
        let uploadID: String
        do {
            uploadID = try await createMultipartUpload(key: key, storageClass: storageClass)
        } catch {
            permits.release()
            throw error
        }
        do {
            var etags: [Int: String] = [:]
            var totalSize = 0
            let limit = configuration.maxConcurrentParts
            try await withThrowingTaskGroup(of: (Int, String).self) { group in
                var inFlight = 0
                var number = 0
                var pending: (bytes: [UInt8], last: Bool)? = first
                while let part = pending {
                    number += 1
                    guard number <= Self.maxPartCount else {
                        permits.release()
                        throw DatabaseError(
                            .s3Error,
                            "Failed to upload \(location(key)): more than \(Self.maxPartCount) parts of \(configuration.partSize) bytes"
                        )
                    }
                    totalSize += part.bytes.count
                    let partNumber = number
                    group.addTask {
                        defer { permits.release() }
                        return (
                            partNumber,
                            try await self.uploadPart(
                                key: key, uploadID: uploadID, partNumber: partNumber, body: part.bytes)
                        )
                    }
                    inFlight += 1
                    if inFlight >= limit, let (done, etag) = try await group.next() {
                        etags[done] = etag
                        inFlight -= 1
                    }
                    pending = part.last ? nil : try await nextPart()
                }
                for try await (done, etag) in group { etags[done] = etag }
            }
            let parts = etags.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            try await completeMultipartUpload(key: key, uploadID: uploadID, parts: parts, totalSize: totalSize)
        } catch {
            // Abort even when this task was cancelled.
            let client = self
            _ = try? await Task.detached { try await client.abortMultipartUpload(key: key, uploadID: uploadID) }.value
            throw error
        }
    }

    /// CreateMultipartUpload; returns the upload id.
    public func createMultipartUpload(key: String, storageClass: String? = nil) async throws -> String {
        var headers: [(String, String)] = []
        if let storageClass { headers.append(("x-amz-storage-class", storageClass)) }
        let request = S3Request(
            "POST", key: key, query: [("uploads", nil)], headers: headers, operation: "start a multipart upload of")
        let response = try await perform(request, errorInSuccess: true)
        guard response.isSuccess else { throw error(request, response: response) }
        guard let id = (try? XMLTreeElement.parse(response.body))?.value("UploadId"), !id.isEmpty else {
            throw DatabaseError(
                .s3Error, "Failed to start a multipart upload of \(location(key)): no UploadId in the answer")
        }
        return id
    }

    /// UploadPart; returns the part's ETag (unquoted).
    public func uploadPart(key: String, uploadID: String, partNumber: Int, body: [UInt8]) async throws -> String {
        let request = S3Request(
            "PUT", key: key, query: [("partNumber", String(partNumber)), ("uploadId", uploadID)],
            headers: integrityHeaders(body), body: body,
            operation: "upload part #\(partNumber) of")
        let response = try await perform(request)
        guard response.isSuccess else { throw error(request, response: response) }
        guard let etag = response.etag, !etag.isEmpty else {
            throw DatabaseError(
                .s3Error, "Failed to upload part #\(partNumber) of \(location(key)): no ETag in the answer")
        }
        return etag
    }

    /// CompleteMultipartUpload, each attempt bounded by `completeTimeout` (or `requestTimeout` if longer) within
    /// the total bound, without the low-speed limit (S3 answers 200 at once and then sends whitespace while it
    /// assembles the object).
    ///
    /// When the completion fails after its retries or meets `NoSuchUpload` (404), an earlier attempt may have
    /// succeeded with its answer lost: a HEAD then decides. An object of `totalSize` bytes (when given) whose ETag is
    /// this upload's multipart ETag (`md5(concatenated binary part MD5s)-<part count>`) means the completion took
    /// effect; anything else fails with the completion's error and what HEAD found.
    public func completeMultipartUpload(key: String, uploadID: String, parts: [(Int, String)], totalSize: Int? = nil)
        async throws
    {
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for (number, etag) in parts {
            xml +=
                "<Part><PartNumber>\(number)</PartNumber><ETag>\"\(XMLText.escape(etag, quotes: true))\"</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        var request = S3Request(
            "POST", key: key, query: [("uploadId", uploadID)], headers: [("content-type", "application/xml")],
            body: Array(xml.utf8), operation: "complete the multipart upload of")
        request.attemptTimeout = max(configuration.requestTimeout, configuration.completeTimeout)
        request.appliesLowSpeedLimit = false
        let failure: DatabaseError
        do {
            let response = try await perform(request, errorInSuccess: true)
            if response.isSuccess { return }
            // Any 4xx but NoSuchUpload (InvalidPart, EntityTooSmall, …) is a definite refusal.
            guard response.status == 404 else { throw Refusal(error: error(request, response: response)) }
            failure = error(request, response: response)
        } catch let refusal as Refusal {
            throw refusal.error
        } catch let error as DatabaseError where error.code == .s3Error {
            failure = error
        }
        let expected = Self.multipartETag(parts: parts.map(\.1))
        let found: S3ObjectInfo?
        do {
            found = try await headObject(key: key)
        } catch let headError as DatabaseError {
            throw DatabaseError(
                .s3Error,
                failure.message + "; checking whether the upload completed anyway failed: \(headError.message)")
        }
        if let found, found.etag == expected, totalSize == nil || found.size == totalSize {
            logger.debug("S3 completion of \(key) confirmed by HEAD after a lost answer")
            return
        }
        let seen =
            found.map { "an object of \($0.size) bytes with ETag \($0.etag ?? "none")" } ?? "no object"
        throw DatabaseError(
            .s3Error,
            failure.message + "; the object is not this upload's: HEAD finds \(seen), expected "
                + (totalSize.map { "\($0) bytes with " } ?? "") + "ETag \(expected ?? "?")")
    }

    /// A definite answer that no HEAD can change.
    private struct Refusal: Error {
        var error: DatabaseError
    }

    /// The ETag S3 gives an object completed from parts with these ETags: the MD5 of their concatenated binary
    /// MD5s, `-`, the part count. Nil when a part's ETag is not an MD5 in hex.
    static func multipartETag(parts: [String]) -> String? {
        var digests: [UInt8] = []
        digests.reserveCapacity(parts.count * 16)
        for etag in parts {
            let hex = Array(S3Response.unquote(etag).utf8)
            guard hex.count == 32 else { return nil }
            var index = 0
            while index < 32 {
                guard let high = StringLiteral.hexValue(hex[index]), let low = StringLiteral.hexValue(hex[index + 1])
                else { return nil }
                digests.append(high << 4 | low)
                index += 2
            }
        }
        return S3Encoding.md5Hex(digests) + "-\(parts.count)"
    }

    /// AbortMultipartUpload (a missing upload is not an error).
    public func abortMultipartUpload(key: String, uploadID: String) async throws {
        let request = S3Request(
            "DELETE", key: key, query: [("uploadId", uploadID)], operation: "abort the multipart upload of")
        let response = try await perform(request)
        guard response.isSuccess || response.status == 404 else { throw error(request, response: response) }
    }

    /// ListMultipartUploads under a prefix: (key, upload id) of uploads never completed or aborted.
    public func listMultipartUploads(prefix: String) async throws -> [(key: String, uploadID: String)] {
        var result: [(key: String, uploadID: String)] = []
        var keyMarker: String?
        var uploadMarker: String?
        repeat {
            var query: [(String, String?)] = [("uploads", nil), ("prefix", prefix)]
            if let keyMarker { query.append(("key-marker", keyMarker)) }
            if let uploadMarker { query.append(("upload-id-marker", uploadMarker)) }
            let request = S3Request(
                "GET", key: nil, query: query, operation: "list multipart uploads with prefix \(prefix) in")
            let response = try await perform(request)
            guard response.isSuccess else { throw error(request, response: response) }
            guard let root = (try? XMLTreeElement.parse(response.body)), root.name == "ListMultipartUploadsResult"
            else {
                throw DatabaseError(
                    .s3Error,
                    "Failed to list multipart uploads in bucket \(uri.bucket): malformed ListMultipartUploads answer")
            }
            for upload in root.children(named: "Upload") {
                if let key = upload.value("Key"), let id = upload.value("UploadId") { result.append((key, id)) }
            }
            guard root.value("IsTruncated") == "true" else { break }
            // A truncated page must say where the next one starts, and somewhere new: never a partial list, never
            // the same page forever.
            guard let next = root.value("NextKeyMarker"), !next.isEmpty else {
                throw DatabaseError(
                    .s3Error,
                    "Failed to list multipart uploads in bucket \(uri.bucket): truncated listing without a key marker")
            }
            let nextUpload = root.value("NextUploadIdMarker")
            if next == keyMarker && nextUpload == uploadMarker {
                throw DatabaseError(
                    .s3Error,
                    "Failed to list multipart uploads in bucket \(uri.bucket): the listing repeats its markers")
            }
            keyMarker = next
            uploadMarker = nextUpload
        } while keyMarker != nil
        return result
    }
}

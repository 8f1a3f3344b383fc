import Foundation
import SHCore
import SHXML

extension S3Client {
    /// HEAD: the object's size and ETag, or nil when it does not exist.
    public func headObject(key: String) async throws -> S3ObjectInfo? {
        let request = S3Request("HEAD", key: key, operation: "check existence of")
        let response = try await perform(request)
        if response.status == 404 { return nil }
        guard response.isSuccess else { throw error(request, response: response) }
        return S3ObjectInfo(
            key: key, size: response.header("content-length").flatMap(Int.init) ?? 0, etag: response.etag,
            lastModified: response.header("last-modified"))
    }

    /// GET: the whole object, or the bytes of `range` (which must lie inside the object), read into memory. A
    /// partial answer must hold exactly those bytes (its Content-Range and length are checked).
    /// - Parameter maxSize: the most bytes accepted (default: the range's size or `maxBufferedObjectSize`,
    ///   whichever is larger); a larger answer fails with `S3_ERROR` before it is read.
    public func getObject(key: String, range: Range<Int>? = nil, maxSize: Int? = nil) async throws -> [UInt8] {
        if let range, range.isEmpty { return [] }
        var headers: [(String, String)] = []
        if let range { headers.append(("range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)")) }
        var request = S3Request("GET", key: key, headers: headers, operation: "read")
        request.maxResponseSize = maxSize ?? max(range?.count ?? 0, configuration.maxBufferedObjectSize)
        let response = try await perform(request)
        guard response.isSuccess else { throw error(request, response: response) }
        if let range, response.status == 200 {
            // The server ignored the range: cut it out locally.
            guard range.upperBound <= response.body.count else {
                throw DatabaseError(
                    .s3Error,
                    "Failed to read \(location(key)): range \(range) is outside the object of \(response.body.count) bytes"
                )
            }
            return Array(response.body[range])
        }
        if let range, response.status == 206 {
            // Exactly the bytes asked for, from where they were asked for.
            let answered = response.header("content-range")
            guard response.body.count == range.count,
                answered.flatMap(S3ObjectReader.parseContentRange)?.start == range.lowerBound
            else {
                throw DatabaseError(
                    .s3Error,
                    "Failed to read \(location(key)): asked for bytes \(range.lowerBound)-\(range.upperBound - 1), "
                        + "the server answered \(response.body.count) bytes with Content-Range \(answered ?? "(none)")")
            }
        }
        return response.body
    }

    /// GET as a stream of chunks with bounded memory (the consumer's pace drives the download).
    /// A reset or truncated body is resumed from the bytes already delivered with a Range request
    /// (`If-Match` the first ETag, so a replaced object fails with `S3_OBJECT_CHANGED_DURING_READ`).
    public func getObjectStream(key: String) -> AsyncThrowingStream<[UInt8], any Error> {
        let reader = S3ObjectReader(client: self, key: key)
        return AsyncThrowingStream(unfolding: { try await reader.next() })
    }

    /// PUT of a small object. With `ifNoneMatch` the write happens only if the key does not exist yet:
    /// returns false when another writer got there first (412), true when this call created the object
    /// (also when a retried attempt meets the object its own lost first attempt wrote, judged by size and MD5).
    @discardableResult
    public func putObject(key: String, body: [UInt8], ifNoneMatch: Bool = false, storageClass: String? = nil)
        async throws -> Bool
    {
        var headers = integrityHeaders(body)
        if ifNoneMatch { headers.append(("if-none-match", "*")) }
        if let storageClass { headers.append(("x-amz-storage-class", storageClass)) }
        let request = S3Request("PUT", key: key, headers: headers, body: body, operation: "upload")
        let response = try await perform(request)
        if ifNoneMatch && response.status == 412 {
            // After a retry, the 412 may answer our own earlier attempt whose response was lost: the object then
            // holds exactly our bytes (single-part ETag = MD5; callers put unique content such as a UUID in claims).
            if response.attempts > 1, let info = try await headObject(key: key), info.size == body.count,
                info.etag == S3Encoding.md5Hex(body)
            {
                return true
            }
            return false
        }
        guard response.isSuccess else { throw error(request, response: response) }
        return true
    }

    /// ListObjectsV2 under a prefix, following continuation tokens; keys come back in S3's (lexicographic) order.
    public func listObjects(prefix: String) async throws -> [S3ObjectInfo] {
        var result: [S3ObjectInfo] = []
        var token: String?
        repeat {
            var query: [(String, String?)] = [
                ("list-type", "2"), ("prefix", prefix), ("max-keys", String(configuration.listPageSize)),
            ]
            if let token { query.append(("continuation-token", token)) }
            let request = S3Request("GET", key: nil, query: query, operation: "list objects with prefix \(prefix) in")
            let response = try await perform(request)
            guard response.isSuccess else { throw error(request, response: response) }
            guard let root = (try? XMLTreeElement.parse(response.body)), root.name == "ListBucketResult" else {
                throw DatabaseError(
                    .s3Error, "Failed to list objects in bucket \(uri.bucket): malformed ListObjectsV2 answer")
            }
            for entry in root.children(named: "Contents") {
                guard let key = entry.value("Key") else { continue }
                result.append(
                    S3ObjectInfo(
                        key: key, size: entry.value("Size").flatMap(Int.init) ?? 0,
                        etag: entry.value("ETag").map(S3Response.unquote), lastModified: entry.value("LastModified")))
            }
            let truncated = root.value("IsTruncated") == "true"
            let next = truncated ? root.value("NextContinuationToken") : nil
            if truncated && (next ?? "").isEmpty {
                throw DatabaseError(
                    .s3Error,
                    "Failed to list objects in bucket \(uri.bucket): truncated listing without a continuation token")
            }
            // The same token again would ask for the same page forever.
            if let next, next == token {
                throw DatabaseError(
                    .s3Error,
                    "Failed to list objects in bucket \(uri.bucket): the listing repeats its continuation token")
            }
            token = next
        } while token != nil
        return result
    }

    /// DeleteObjects in batches (≤ 1000 keys each). Missing keys are not errors; per-key failures are collected
    /// and thrown together after all batches ran.
    public func deleteObjects(keys: [String]) async throws {
        var failures: [String] = []
        var start = 0
        while start < keys.count {
            let batch = keys[start..<min(keys.count, start + configuration.deleteBatchSize)]
            start += batch.count
            var xml =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>"
            for key in batch { xml += "<Object><Key>\(XMLText.escape(key, quotes: true))</Key></Object>" }
            xml += "</Delete>"
            let body = Array(xml.utf8)
            let request = S3Request(
                "POST", key: nil, query: [("delete", nil)],
                headers: [("content-md5", S3Encoding.md5Base64(body)), ("content-type", "application/xml")],
                body: body, operation: "delete \(batch.count) objects in")
            let response = try await perform(request)
            guard response.isSuccess else { throw error(request, response: response) }
            if let root = (try? XMLTreeElement.parse(response.body)) {
                for failure in root.children(named: "Error") {
                    let key = failure.value("Key") ?? "?"
                    let code = failure.value("Code") ?? "?"
                    failures.append("\(key) (\(code): \(failure.value("Message") ?? ""))")
                }
            }
        }
        if !failures.isEmpty {
            let shown = failures.prefix(10).joined(separator: ", ")
            throw DatabaseError(
                .s3Error,
                "Failed to delete \(failures.count) of \(keys.count) objects in bucket \(uri.bucket): \(shown)"
                    + (failures.count > 10 ? ", …" : ""))
        }
    }

    /// Deletes one object (a missing key is not an error).
    public func deleteObject(key: String) async throws {
        let request = S3Request("DELETE", key: key, operation: "delete")
        let response = try await perform(request)
        guard response.isSuccess || response.status == 404 else { throw error(request, response: response) }
    }

    /// The largest object one CopyObject copies (S3's limit); larger objects are copied part by part.
    public static let maxSingleCopySize = 5 << 30

    /// Copies `sourceKey` of `sourceBucket` (default: this client's bucket) on this endpoint to `key`, server-side:
    /// one CopyObject up to `singleCopyLimit` bytes (S3's 5 GiB), else a multipart upload of UploadPartCopy
    /// requests of `partSize` bytes (at least 5 MiB, S3's minimum part, and enough for 10,000 parts). `size` is the
    /// source's size, needed above the limit (nil: one CopyObject). A failed multipart copy is aborted.
    public func copyObject(
        from sourceKey: String, of sourceBucket: String? = nil, to key: String, size: Int? = nil,
        storageClass: String? = nil, singleCopyLimit: Int = maxSingleCopySize, partSize: Int = 512 << 20
    ) async throws {
        let source =
            "/" + S3Encoding.uriEncode(sourceBucket ?? uri.bucket, encodeSlash: true) + "/"
            + S3Encoding.uriEncode(sourceKey, encodeSlash: false)
        guard let size, size > singleCopyLimit else {
            var headers: [(String, String)] = [("x-amz-copy-source", source)]
            if let storageClass { headers.append(("x-amz-storage-class", storageClass)) }
            var request = S3Request("PUT", key: key, headers: headers, operation: "copy \(sourceKey) to")
            // S3 keeps a long copy alive with whitespace after its 200, like a completion.
            request.attemptTimeout = max(configuration.requestTimeout, configuration.completeTimeout)
            request.appliesLowSpeedLimit = false
            let response = try await perform(request, errorInSuccess: true)
            guard response.isSuccess else { throw error(request, response: response) }
            return
        }
        let (parts, overflow) = size.addingReportingOverflow(9_999)
        let part = max(partSize, 5 << 20, overflow ? Int.max : parts / 10_000)
        let uploadID = try await createMultipartUpload(key: key, storageClass: storageClass)
        do {
            var etags: [(Int, String)] = []
            var offset = 0
            while offset < size {
                let end = offset + min(part, size - offset)
                let number = etags.count + 1
                etags.append(
                    (
                        number,
                        try await uploadPartCopy(
                            source, range: offset..<end, to: key, uploadID: uploadID, partNumber: number)
                    ))
                offset = end
            }
            try await completeMultipartUpload(key: key, uploadID: uploadID, parts: etags, totalSize: size)
        } catch {
            try? await abortMultipartUpload(key: key, uploadID: uploadID)
            throw error
        }
    }

    /// UploadPartCopy of `range` of the object `source` (`/bucket/key`, encoded); returns the part's ETag (unquoted).
    private func uploadPartCopy(_ source: String, range: Range<Int>, to key: String, uploadID: String, partNumber: Int)
        async throws -> String
    {
        var request = S3Request(
            "PUT", key: key, query: [("partNumber", String(partNumber)), ("uploadId", uploadID)],
            headers: [
                ("x-amz-copy-source", source),
                ("x-amz-copy-source-range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)"),
            ],
            operation: "copy part #\(partNumber) to")
        request.attemptTimeout = max(configuration.requestTimeout, configuration.completeTimeout)
        request.appliesLowSpeedLimit = false
        let response = try await perform(request, errorInSuccess: true)
        guard response.isSuccess else { throw error(request, response: response) }
        guard let etag = (try? XMLTreeElement.parse(response.body))?.value("ETag"), !etag.isEmpty else {
            throw DatabaseError(
                .s3Error, "Failed to copy part #\(partNumber) to \(location(key)): no ETag in the answer")
        }
        return S3Response.unquote(etag)
    }
}

extension S3Client {
    /// CreateBucket for this client's bucket (with a LocationConstraint outside us-east-1); an existing bucket
    /// owned by the caller is not an error.
    public func createBucket() async throws {
        var body: [UInt8]? = nil
        if region != "us-east-1" {
            body = Array(
                ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>"
                    + XMLText.escape(region, quotes: true) + "</LocationConstraint></CreateBucketConfiguration>").utf8)
        }
        let request = S3Request("PUT", key: nil, body: body, operation: "create")
        let response = try await perform(request)
        if response.isSuccess { return }
        if response.status == 409, response.errorElement?.value("Code") == "BucketAlreadyOwnedByYou" { return }
        throw error(request, response: response)
    }
}

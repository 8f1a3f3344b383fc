import Foundation
import SHCore
import SHTestSupport
import SHXML
import Testing

@testable import SHS3

/// Issue #11 ("Nothing silently wrong"): lost completion answers, size caps on every buffered body, time bounds
/// that cover every byte, the low-speed limit. Faults come from `scripts/testing/faultproxy.py` in front of moto.
/// Serialized: the timing assertions should not compete with the suite's own proxies for two cores.
@Suite(.serialized) struct S3ClientLimitsTests {
    /// A client with `configuration` on a new bucket whose requests go through a new proxy, a client with roomy
    /// bounds for setting up (a loaded machine can make moto take seconds), and the proxy (log reset).
    static func proxied(label: String, configuration: S3ClientConfiguration) async throws -> (
        S3Client, setup: S3Client, FaultProxy
    ) {
        let moto = try MotoServer.shared()
        let proxy = try FaultProxy(upstreamPort: moto.port)
        let setup = try await S3TestSupport.client(label: label, endpoint: proxy.endpoint)
        let client = S3Client(uri: setup.uri, credentials: setup.credentials, configuration: configuration)
        try proxy.resetLog()
        return (client, setup, proxy)
    }

    /// Fast backoffs, a low-speed limit of 1 KiB per second and the given total bound.
    static func configuration(
        attempts: Int = 8, totalTimeout: Duration = .seconds(4),
        lowSpeed: S3LowSpeedLimit? = S3LowSpeedLimit(bytes: 1024, window: .seconds(1))
    ) -> S3ClientConfiguration {
        var configuration = S3TestSupport.fastConfiguration(attempts: attempts, totalTimeout: totalTimeout)
        configuration.lowSpeedLimit = lowSpeed
        return configuration
    }

    static func seconds(_ duration: Duration) -> Double { duration.seconds }

    /// The number in `after N attempts in X s`.
    static func reportedSeconds(_ text: String) -> Double? {
        guard let range = text.range(of: #"attempts? in [0-9.]+ s"#, options: .regularExpression) else { return nil }
        return Double(text[range].split(separator: " ")[2])
    }

    // MARK: - CompleteMultipartUpload whose answer is lost

    /// The first completion reaches moto and takes effect; its answer is replaced by a reset. The retries then meet
    /// the upload gone: AWS answers `NoSuchUpload` (moto 5.2.5 would answer 200 again, so the proxy answers as AWS
    /// does), or a 500 while the first completion is still being assembled.
    enum RetryAnswer: String, CaseIterable, Sendable {
        case noSuchUpload, internalError

        var rule: [String: Any] {
            switch self {
            case .noSuchUpload: ["action": "error", "status": 404, "code": "NoSuchUpload"]
            case .internalError: ["action": "500"]
            }
        }
    }

    @Test(arguments: RetryAnswer.allCases)
    func lostCompletionAnswerIsConfirmedByHead(_ retryAnswer: RetryAnswer) async throws {
        let (client, setup, proxy) = try await Self.proxied(
            label: "lcomp", configuration: Self.configuration(attempts: 3, totalTimeout: .seconds(20)))
        defer { proxy.stop() }
        var retries: [String: Any] = ["method": "POST", "query": "uploadId="]
        retries.merge(retryAnswer.rule) { $1 }
        try proxy.setRules([
            ["method": "POST", "query": "uploadId=", "action": "drop_response", "times": 1], retries,
        ])
        let data = S3TestSupport.bytes(11 << 20, seed: 31)
        let path = try S3TestSupport.temporaryFile(data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await client.uploadFile(key: "c.bin", path: path)
        try proxy.setRules([])
        #expect(try await setup.getObject(key: "c.bin") == data)
        #expect(try await setup.listMultipartUploads(prefix: "").isEmpty)
        let completions = try proxy.log().filter {
            ($0["method"] as? String) == "POST" && (($0["query"] as? String) ?? "").contains("uploadId=")
        }
        #expect((completions.first?["fault"] as? String) == "drop_response")
        // The retries are refused; only HEAD can tell the upload succeeded.
        #expect(completions.count >= 2)
        #expect(completions.dropFirst().allSatisfy { ($0["status"] as? Int) != 200 }, "\(completions)")
        #expect(!(try proxy.log().contains { ($0["method"] as? String) == "DELETE" }))
    }

    @Test func failedCompletionWithNoObjectFails() async throws {
        let (client, setup, proxy) = try await Self.proxied(
            label: "ncomp", configuration: Self.configuration(attempts: 3, totalTimeout: .seconds(20)))
        defer { proxy.stop() }
        try proxy.setRules([["method": "POST", "query": "uploadId=", "action": "500"]])
        let data = S3TestSupport.bytes(11 << 20, seed: 32)
        let path = try S3TestSupport.temporaryFile(data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = await #expect(throws: DatabaseError.self) { try await client.uploadFile(key: "n.bin", path: path) }
        let text = error?.message ?? ""
        #expect(error?.code == .s3Error)
        #expect(text.contains("Failed to complete the multipart upload of key n.bin"), "\(text)")
        #expect(text.contains("after 3 attempts"), "\(text)")
        #expect(text.contains("HEAD finds no object, expected \(data.count) bytes with ETag "), "\(text)")
        try proxy.setRules([])
        #expect(try await setup.headObject(key: "n.bin") == nil)
        #expect(try await setup.listMultipartUploads(prefix: "").isEmpty)
    }

    /// Size alone does not prove the completion: another object of the same size is not this upload's.
    @Test(arguments: RetryAnswer.allCases)
    func failedCompletionOverAnotherObjectOfTheSameSizeFails(_ answer: RetryAnswer) async throws {
        let (client, setup, proxy) = try await Self.proxied(
            label: "ocomp", configuration: Self.configuration(attempts: 2, totalTimeout: .seconds(20)))
        defer { proxy.stop() }
        let data = S3TestSupport.bytes(11 << 20, seed: 33)
        let other = S3TestSupport.bytes(11 << 20, seed: 34)
        try await setup.putObject(key: "o.bin", body: other)
        var rule: [String: Any] = ["method": "POST", "query": "uploadId="]
        rule.merge(answer.rule) { $1 }
        try proxy.setRules([rule])
        let path = try S3TestSupport.temporaryFile(data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = await #expect(throws: DatabaseError.self) { try await client.uploadFile(key: "o.bin", path: path) }
        let text = error?.message ?? ""
        #expect(
            text.contains("HEAD finds an object of \(other.count) bytes with ETag \(S3Encoding.md5Hex(other))"),
            "\(text)")
        try proxy.setRules([])
        #expect(try await setup.getObject(key: "o.bin") == other)
    }

    @Test func multipartETagIsS3s() async throws {
        let client = try await S3TestSupport.client(label: "etag")
        let data = S3TestSupport.bytes(11 << 20, seed: 35)
        let id = try await client.createMultipartUpload(key: "e.bin")
        let first = try await client.uploadPart(
            key: "e.bin", uploadID: id, partNumber: 1, body: Array(data[..<(6 << 20)]))
        let second = try await client.uploadPart(
            key: "e.bin", uploadID: id, partNumber: 2, body: Array(data[(6 << 20)...]))
        try await client.completeMultipartUpload(key: "e.bin", uploadID: id, parts: [(1, first), (2, second)])
        let info = try #require(try await client.headObject(key: "e.bin"))
        #expect(info.etag == S3Client.multipartETag(parts: [first, second]))
        #expect(info.etag?.hasSuffix("-2") == true)
        #expect(S3Client.multipartETag(parts: ["not-an-md5"]) == nil)
        #expect(S3Client.multipartETag(parts: [String(repeating: "g", count: 32)]) == nil)
    }

    @Test func completionGetsItsOwnLongerTimeout() async throws {
        var configuration = Self.configuration(attempts: 2, totalTimeout: .seconds(20))
        configuration.requestTimeout = .seconds(2)
        configuration.completeTimeout = .seconds(10)
        let (client, setup, proxy) = try await Self.proxied(label: "tcomp", configuration: configuration)
        defer { proxy.stop() }
        // Every completion takes 3 s, longer than requestTimeout: only completeTimeout lets it through.
        try proxy.setRules([["method": "POST", "query": "uploadId=", "action": "delay", "delay_s": 3]])
        let data = S3TestSupport.bytes(11 << 20, seed: 36)
        try await client.upload(key: "t.bin", chunks: ChunkSequence(data: data, sizes: [3 << 20]))
        let completions = try proxy.log().filter {
            ($0["method"] as? String) == "POST" && (($0["query"] as? String) ?? "").contains("uploadId=")
        }
        #expect(completions.count == 1)
        try proxy.setRules([])
        #expect(try await setup.getObject(key: "t.bin") == data)
    }

    @Test func completionIsExemptFromTheLowSpeedLimit() async throws {
        var configuration = Self.configuration(attempts: 1, totalTimeout: .seconds(30))
        configuration.requestTimeout = .seconds(20)
        let (client, setup, proxy) = try await Self.proxied(label: "scomp", configuration: configuration)
        defer { proxy.stop() }
        // The completion's answer comes at 100 bytes/s (as S3's keep-alive whitespace would), below 1 KiB/s; HEAD
        // fails, so a completion cut by the limit could not be confirmed afterwards.
        try proxy.setRules([
            ["method": "POST", "query": "uploadId=", "action": "trickle", "delay_s": 0.1, "chunk_bytes": 10],
            ["method": "HEAD", "action": "500"],
        ])
        let data = S3TestSupport.bytes(11 << 20, seed: 43)
        try await client.upload(key: "s.bin", chunks: ChunkSequence(data: data, sizes: [1 << 20]))
        try proxy.setRules([])
        #expect(try await setup.getObject(key: "s.bin") == data)
    }

    // MARK: - Size caps

    @Test func hugeErrorBodyIsRefusedBeforeItIsRead() async throws {
        let (client, _, proxy) = try await Self.proxied(
            label: "herr", configuration: Self.configuration(totalTimeout: .seconds(20)))
        defer { proxy.stop() }
        try proxy.setRules([["method": "GET", "action": "huge_body", "status": 500]])
        let start = ContinuousClock.now
        let error = await #expect(throws: DatabaseError.self) { _ = try await client.getObject(key: "k") }
        // Reading the gigabyte through the proxy would take far longer.
        #expect(ContinuousClock.now - start < .seconds(10))
        let text = error?.message ?? ""
        #expect(error?.code == .s3Error)
        #expect(
            text.contains("Failed to read key k in bucket")
                && text.contains("the response body (HTTP response code: 500) is larger than the limit of 65536 bytes"),
            "\(text)")
        // Refused, not retried: the same request would get the same answer.
        #expect(try proxy.log().count == 1)
    }

    @Test func hugeChunkedBodiesAreCutAtTheCap() async throws {
        var configuration = Self.configuration(totalTimeout: .seconds(20))
        configuration.maxResponseSize = 1 << 20
        let (client, _, proxy) = try await Self.proxied(label: "hchunk", configuration: configuration)
        defer { proxy.stop() }
        // No Content-Length: the cap must stop the read itself.
        try proxy.setRules([["method": "GET", "action": "huge_body", "chunked": true]])
        let list = await #expect(throws: DatabaseError.self) { _ = try await client.listObjects(prefix: "") }
        #expect(
            list?.message.contains("is larger than the limit of 1048576 bytes") == true, "\(String(describing: list))")
        let object = await #expect(throws: DatabaseError.self) {
            _ = try await client.getObject(key: "big", maxSize: 100_000)
        }
        #expect(object?.message.contains("is larger than the limit of 100000 bytes") == true)
        try proxy.setRules([["method": "GET", "action": "huge_body", "chunked": true, "status": 503]])
        let stream = await #expect(throws: DatabaseError.self) {
            _ = try await S3TestSupport.collect(client.getObjectStream(key: "big"))
        }
        #expect(stream?.message.contains("(HTTP response code: 503) is larger than the limit of 65536 bytes") == true)
    }

    @Test func bodiesWithinTheCapsStillWork() async throws {
        var configuration = Self.configuration(totalTimeout: .seconds(30))
        configuration.maxBufferedObjectSize = 1000
        let client = try await S3TestSupport.client(label: "caps", configuration: configuration)
        let data = S3TestSupport.bytes(1000, seed: 37)
        try await client.putObject(key: "a", body: data)
        try await client.putObject(key: "b", body: data + [1])
        #expect(try await client.getObject(key: "a") == data)
        let error = await #expect(throws: DatabaseError.self) { _ = try await client.getObject(key: "b") }
        #expect(error?.message.contains("is larger than the limit of 1000 bytes") == true)
        #expect(try await client.getObject(key: "b", maxSize: 1001) == data + [1])
        #expect(try await client.getObject(key: "b", range: 1..<1001) == Array((data + [1])[1..<1001]))
        #expect(try await client.listObjects(prefix: "").count == 2)
    }

    @Test func listingsThatWouldNeverEndOrEndEarlyFail() async throws {
        let (client, _, proxy) = try await Self.proxied(
            label: "loop", configuration: Self.configuration(totalTimeout: .seconds(20)))
        defer { proxy.stop() }
        let objects =
            "<ListBucketResult><Contents><Key>a</Key><Size>1</Size></Contents><IsTruncated>true</IsTruncated>"
            + "<NextContinuationToken>again</NextContinuationToken></ListBucketResult>"
        try proxy.setRules([["method": "GET", "query": "list-type=2", "action": "respond", "body": objects]])
        let repeated = await #expect(throws: DatabaseError.self) { _ = try await client.listObjects(prefix: "") }
        #expect(repeated?.message.contains("the listing repeats its continuation token") == true)
        #expect(try proxy.log().count == 2)

        func uploads(_ tail: String) -> String {
            "<ListMultipartUploadsResult><Upload><Key>k</Key><UploadId>u</UploadId></Upload>\(tail)"
                + "</ListMultipartUploadsResult>"
        }
        let cases: [(String, String)] = [
            (
                uploads(
                    "<IsTruncated>true</IsTruncated><NextKeyMarker>k</NextKeyMarker><NextUploadIdMarker>u</NextUploadIdMarker>"
                ),
                "the listing repeats its markers"
            ),
            (uploads("<IsTruncated>true</IsTruncated>"), "truncated listing without a key marker"),
            ("<Error><Code>Filler</Code>", "malformed ListMultipartUploads answer"),
        ]
        for (body, message) in cases {
            try proxy.setRules([["method": "GET", "query": "uploads", "action": "respond", "body": body]])
            let error = await #expect(throws: DatabaseError.self) {
                _ = try await client.listMultipartUploads(prefix: "")
            }
            #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        }
    }

    // MARK: - Time bounds and the low-speed limit

    @Test func tricklingAnswerFailsWithinTheTotalBound() async throws {
        let (client, setup, proxy) = try await Self.proxied(
            label: "trick", configuration: Self.configuration(totalTimeout: .seconds(8)))
        defer { proxy.stop() }
        try await setup.putObject(key: "t.bin", body: S3TestSupport.bytes(100_000, seed: 38))
        try proxy.setRules([["method": "GET", "action": "trickle", "delay_s": 0.2]])
        let start = ContinuousClock.now
        let error = await #expect(throws: DatabaseError.self) { _ = try await client.getObject(key: "t.bin") }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(11), "\(elapsed)")
        let text = error?.message ?? ""
        // The last attempt ends either at its low-speed window or at the total bound, whichever comes first.
        #expect(
            text.contains("Transfer too slow: fewer than 1024 bytes in 1.0 s (low speed limit)")
                || text.contains("Request timeout"), "\(text)")
        #expect(text.contains("(limits: 8 attempts, 8.0 s)"), "\(text)")
        let reported = try #require(Self.reportedSeconds(text))
        #expect(reported <= 9.5 && reported >= 6.0, "\(text)")
        #expect(abs(reported - Self.seconds(elapsed)) < 1.0, "\(text) vs \(elapsed)")
        // The low-speed limit ended the attempts (1 s each); requestTimeout (20 s) alone would have allowed one.
        let gets = try proxy.log().filter { ($0["method"] as? String) == "GET" }
        #expect(gets.count >= 2, "\(text) \(gets)")
    }

    @Test func tricklingStreamFailsWithinTheTotalBound() async throws {
        let (client, setup, proxy) = try await Self.proxied(
            label: "trstr", configuration: Self.configuration(totalTimeout: .seconds(8)))
        defer { proxy.stop() }
        try await setup.putObject(key: "t.bin", body: S3TestSupport.bytes(100_000, seed: 39))
        try proxy.setRules([["method": "GET", "action": "trickle", "delay_s": 0.2]])
        let start = ContinuousClock.now
        let error = await #expect(throws: DatabaseError.self) {
            _ = try await S3TestSupport.collect(client.getObjectStream(key: "t.bin"))
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(11), "\(elapsed)")
        let text = error?.message ?? ""
        #expect(text.contains("Failed to read key t.bin"), "\(text)")
        #expect(
            text.contains("Transfer too slow: fewer than 1024 bytes in 1.0 s (low speed limit)")
                || text.contains("Request timeout"), "\(text)")
        #expect(text.contains("(limits: 8 attempts, 8.0 s)"), "\(text)")
        let reported = try #require(Self.reportedSeconds(text))
        #expect(reported <= 9.5 && reported >= 6.0, "\(text)")
        // Each attempt (ended by the low-speed limit) resumed where the last one stopped.
        let gets = try proxy.log().filter { ($0["method"] as? String) == "GET" }
        #expect(gets.count >= 2, "\(text) \(gets)")
    }

    @Test func stalledAnswerFailsWithinTheTotalBoundWithoutALowSpeedLimit() async throws {
        let (client, setup, proxy) = try await Self.proxied(
            label: "stall", configuration: Self.configuration(totalTimeout: .seconds(3), lowSpeed: nil))
        defer { proxy.stop() }
        try await setup.putObject(key: "s.bin", body: S3TestSupport.bytes(100_000, seed: 40))
        try proxy.setRules([["method": "GET", "action": "stall", "delay_s": 60]])
        for streamed in [false, true] {
            let start = ContinuousClock.now
            let error = await #expect(throws: DatabaseError.self) {
                if streamed {
                    _ = try await S3TestSupport.collect(client.getObjectStream(key: "s.bin"))
                } else {
                    _ = try await client.getObject(key: "s.bin")
                }
            }
            let elapsed = ContinuousClock.now - start
            // requestTimeout is 20 s: only the 3 s total bound can end this.
            #expect(elapsed < .seconds(6), "streamed \(streamed): \(elapsed)")
            let text = error?.message ?? ""
            #expect(text.contains("Request timeout"), "\(text)")
            #expect(text.contains("after 1 attempt in "), "\(text)")
            #expect(text.contains("(limits: 8 attempts, 3.0 s)"), "\(text)")
            let reported = try #require(Self.reportedSeconds(text))
            #expect(reported >= 2.5 && reported <= 4.5, "\(text)")
        }
    }

    @Test func slowAttemptIsRetriedAndResumed() async throws {
        let (client, setup, proxy) = try await Self.proxied(
            label: "resume", configuration: Self.configuration(totalTimeout: .seconds(20)))
        defer { proxy.stop() }
        let data = S3TestSupport.bytes(200_000, seed: 44)
        try await setup.putObject(key: "r.bin", body: data)
        for streamed in [false, true] {
            // The first GET sends 100 bytes at once and then 1 byte every 0.3 s; the retry is served normally.
            try proxy.setRules([
                ["method": "GET", "action": "trickle", "delay_s": 0.3, "chunk_bytes": 100, "times": 1]
            ])
            try proxy.resetLog()
            let received =
                streamed
                ? try await S3TestSupport.collect(client.getObjectStream(key: "r.bin"))
                : try await client.getObject(key: "r.bin")
            #expect(received == data, "streamed \(streamed)")
            let gets = try proxy.log().filter { ($0["method"] as? String) == "GET" }
            #expect(gets.count == 2, "streamed \(streamed): \(gets)")
            // The stream keeps what it got and asks for the rest (moto answers 206); a whole GET starts over.
            #expect((gets.last?["status"] as? Int) == (streamed ? 206 : 200), "\(gets)")
        }
    }

    @Test func resumedStreamRefusesAnotherRange() async throws {
        let (client, setup, proxy) = try await Self.proxied(
            label: "range", configuration: Self.configuration(totalTimeout: .seconds(20)))
        defer { proxy.stop() }
        try await setup.putObject(key: "r.bin", body: S3TestSupport.bytes(200_000, seed: 45))
        // The first GET stalls after 100 bytes; the resumption is answered from byte 0 instead of byte 100.
        try proxy.setRules([
            ["method": "GET", "action": "trickle", "delay_s": 5, "chunk_bytes": 100, "times": 1],
            [
                "method": "GET", "action": "respond", "status": 206, "body": "0123456789",
                "headers": ["Content-Range": "bytes 0-9/200000"],
            ],
        ])
        let error = await #expect(throws: DatabaseError.self) {
            _ = try await S3TestSupport.collect(client.getObjectStream(key: "r.bin"))
        }
        #expect(
            error?.message.contains(
                "Failed to resume reading key r.bin in bucket \(client.uri.bucket) at byte 100: the server answered "
                    + "Content-Range bytes 0-9/200000") == true, "\(String(describing: error))")
        #expect(S3ObjectReader.parseContentRange("bytes 100-199/200") ?? (0, 0) == (100, 200))
        #expect(S3ObjectReader.parseContentRange("bytes 5-9/*") ?? (0, 0) == (5, nil))
        for junk in ["bytes -1-2/3", "bytes 1-2", "items 1-2/3", "bytes x-2/3", "bytes 1-2/-3", ""] {
            #expect(S3ObjectReader.parseContentRange(junk) == nil, "\(junk)")
        }
    }

    @Test func rangedReadRefusesOtherBytes() async throws {
        let (client, setup, proxy) = try await Self.proxied(
            label: "rget", configuration: Self.configuration(totalTimeout: .seconds(20)))
        defer { proxy.stop() }
        let data = S3TestSupport.bytes(1000, seed: 46)
        try await setup.putObject(key: "g.bin", body: data)
        #expect(try await client.getObject(key: "g.bin", range: 100..<110) == Array(data[100..<110]))
        let answers: [(String, String)] = [("bytes 0-9/1000", "0123456789"), ("bytes 100-104/1000", "01234")]
        for (contentRange, body) in answers {
            try proxy.setRules([
                [
                    "method": "GET", "action": "respond", "status": 206, "body": body,
                    "headers": ["Content-Range": contentRange],
                ]
            ])
            let error = await #expect(throws: DatabaseError.self) {
                _ = try await client.getObject(key: "g.bin", range: 100..<110)
            }
            #expect(
                error?.message.contains(
                    "asked for bytes 100-109, the server answered \(body.count) bytes with Content-Range \(contentRange)"
                )
                    == true, "\(String(describing: error))")
        }
    }

    @Test func steadyStreamMayOutliveTheTotalBound() async throws {
        let (client, setup, proxy) = try await Self.proxied(
            label: "steady", configuration: Self.configuration(totalTimeout: .seconds(2)))
        defer { proxy.stop() }
        let data = S3TestSupport.bytes(320 << 10, seed: 41)
        try await setup.putObject(key: "s.bin", body: data)
        try proxy.resetLog()
        // 16 KiB every 0.2 s: 4 s in all, twice the total bound, but well above 1 KiB/s.
        try proxy.setRules([["method": "GET", "action": "trickle", "delay_s": 0.2, "chunk_bytes": 16384]])
        let start = ContinuousClock.now
        #expect(try await S3TestSupport.collect(client.getObjectStream(key: "s.bin")) == data)
        #expect(ContinuousClock.now - start > .seconds(2))
        #expect(try proxy.log().filter { ($0["method"] as? String) == "GET" }.count == 1)
    }

    @Test func lowSpeedLimitResetsOnFastTransfers() async throws {
        let client = try await S3TestSupport.client(
            label: "fast", configuration: Self.configuration(totalTimeout: .seconds(30)))
        let data = S3TestSupport.bytes(3 << 20, seed: 42)
        try await client.putObject(key: "f.bin", body: data)
        #expect(try await client.getObject(key: "f.bin") == data)
        #expect(try await S3TestSupport.collect(client.getObjectStream(key: "f.bin")) == data)
    }

    @Test func environmentSetsTheLimits() {
        let base = S3ClientConfiguration()
        #expect(base.lowSpeedLimit == S3LowSpeedLimit(bytes: 1024, window: .seconds(10)))
        let set = base.applying(environment: [
            "SWIFTHOUSE_S3_RETRY_ATTEMPTS": "3", "SWIFTHOUSE_S3_TOTAL_TIMEOUT_SECONDS": "20",
            "SWIFTHOUSE_S3_REQUEST_TIMEOUT_SECONDS": "7", "SWIFTHOUSE_S3_LOW_SPEED_LIMIT_BYTES": "4096",
            "SWIFTHOUSE_S3_LOW_SPEED_TIME_SECONDS": "5",
        ])
        #expect(set.retry.maxAttempts == 3)
        #expect(set.retry.totalTimeout == .seconds(20))
        #expect(set.requestTimeout == .seconds(7))
        #expect(set.lowSpeedLimit == S3LowSpeedLimit(bytes: 4096, window: .seconds(5)))
        let onlyTime = base.applying(environment: ["SWIFTHOUSE_S3_LOW_SPEED_TIME_SECONDS": "3"])
        #expect(onlyTime.lowSpeedLimit == S3LowSpeedLimit(bytes: 1024, window: .seconds(3)))
        #expect(base.applying(environment: ["SWIFTHOUSE_S3_LOW_SPEED_LIMIT_BYTES": "0"]).lowSpeedLimit == nil)
        let junk = base.applying(environment: [
            "SWIFTHOUSE_S3_RETRY_ATTEMPTS": "-1", "SWIFTHOUSE_S3_TOTAL_TIMEOUT_SECONDS": "x",
            "SWIFTHOUSE_S3_LOW_SPEED_LIMIT_BYTES": "99999999999999999999999",
        ])
        #expect(junk.retry == base.retry)
        #expect(junk.lowSpeedLimit == base.lowSpeedLimit)
    }
}

import Foundation
import SHCore
import SHTestSupport
import Testing

@testable import SHS3

/// Operations against a real `moto_server` (started by the tests; needs scripts/bootstrap.sh).
@Suite struct S3ClientMotoTests {
    @Test func putHeadGetAndRanges() async throws {
        let client = try await S3TestSupport.client(label: "basic")
        let data = S3TestSupport.bytes(1000)
        #expect(try await client.headObject(key: "prefix/a.bin") == nil)
        #expect(try await client.putObject(key: "prefix/a.bin", body: data))
        let info = try #require(try await client.headObject(key: "prefix/a.bin"))
        #expect(info.size == 1000)
        #expect(info.etag == SigV4Signer.hex(Array(Data(base64Encoded: S3Encoding.md5Base64(data))!)))
        #expect(try await client.getObject(key: "prefix/a.bin") == data)
        #expect(try await client.getObject(key: "prefix/a.bin", range: 10..<20) == Array(data[10..<20]))
        #expect(try await client.getObject(key: "prefix/a.bin", range: 990..<1000) == Array(data[990..<1000]))
        #expect(try await client.getObject(key: "prefix/a.bin", range: 5..<5) == [])
        // Empty object and special characters in keys.
        let odd = "prefix/dir with space/ü+=&$@,;:?#[]!'()*.bin"
        try await client.putObject(key: odd, body: [])
        #expect(try await client.headObject(key: odd)?.size == 0)
        #expect(try await client.getObject(key: odd) == [])
        let missing = await #expect(throws: DatabaseError.self) { try await client.getObject(key: "prefix/none") }
        #expect(missing?.code == .s3Error)
        #expect(missing?.message.contains("NoSuchKey") == true)
        #expect(missing?.message.contains("key prefix/none") == true)
        try await client.shutdown()
    }

    @Test func streamedDownload() async throws {
        let client = try await S3TestSupport.client(label: "stream")
        let data = S3TestSupport.bytes(3 << 20 + 17, seed: 7)
        try await client.putObject(key: "big", body: data)
        var chunks = 0
        var received: [UInt8] = []
        for try await chunk in client.getObjectStream(key: "big") {
            chunks += 1
            received += chunk
        }
        #expect(received == data)
        #expect(chunks > 1)
    }

    @Test func streamedDownloadOfEmptyAndMissingObjects() async throws {
        let client = try await S3TestSupport.client(label: "stream0")
        try await client.putObject(key: "empty", body: [])
        #expect(try await S3TestSupport.collect(client.getObjectStream(key: "empty")) == [])
        let error = await #expect(throws: DatabaseError.self) {
            _ = try await S3TestSupport.collect(client.getObjectStream(key: "missing"))
        }
        #expect(error?.message.contains("NoSuchKey") == true)
    }

    @Test func conditionalPutClaimsOnce() async throws {
        let client = try await S3TestSupport.client(label: "lock")
        #expect(try await client.putObject(key: "x/.lock", body: Array("first".utf8), ifNoneMatch: true))
        #expect(try await client.putObject(key: "x/.lock", body: Array("second".utf8), ifNoneMatch: true) == false)
        #expect(try await client.getObject(key: "x/.lock") == Array("first".utf8))
    }

    @Test func multipartUploadFromFile() async throws {
        let client = try await S3TestSupport.client(label: "mpu")
        let data = S3TestSupport.bytes(11 << 20 + 123, seed: 3)  // 3 parts of 5 MiB, 5 MiB, 1 MiB+
        let path = try S3TestSupport.temporaryFile(data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await client.uploadFile(key: "file.bin", path: path, storageClass: "STANDARD")
        #expect(try await client.headObject(key: "file.bin")?.size == data.count)
        #expect(try await client.headObject(key: "file.bin")?.etag?.hasSuffix("-3") == true)
        #expect(try await client.getObject(key: "file.bin") == data)
        #expect(try await client.listMultipartUploads(prefix: "").isEmpty)
        // A small file goes up as a single PUT.
        let small = try S3TestSupport.temporaryFile(Array("tiny".utf8))
        defer { try? FileManager.default.removeItem(atPath: small) }
        try await client.uploadFile(key: "small.bin", path: small)
        #expect(try await client.getObject(key: "small.bin") == Array("tiny".utf8))
        #expect(try await client.headObject(key: "small.bin")?.etag?.contains("-") == false)
    }

    @Test func streamingUploadOfUnknownSize() async throws {
        let client = try await S3TestSupport.client(label: "chunks")
        let data = S3TestSupport.bytes(12 << 20 + 5, seed: 11)
        try await client.upload(key: "s.bin", chunks: ChunkSequence(data: data, sizes: [1 << 20, 777_777, 3]))
        #expect(try await client.getObject(key: "s.bin") == data)
        #expect(try await client.headObject(key: "s.bin")?.etag?.hasSuffix("-3") == true)
        let small = Array("small stream".utf8)
        try await client.upload(key: "t.bin", chunks: ChunkSequence(data: small, sizes: [3]))
        #expect(try await client.getObject(key: "t.bin") == small)
        try await client.upload(key: "empty.bin", chunks: ChunkSequence(data: [], sizes: [1]))
        #expect(try await client.headObject(key: "empty.bin")?.size == 0)
        #expect(try await client.listMultipartUploads(prefix: "").isEmpty)
    }

    /// Six multipart files going up at once through a client allowed only two part buffers: all complete (no
    /// deadlock on the buffer budget) with identical bytes.
    @Test func parallelUploadsShareTheBufferBudget() async throws {
        var configuration = S3TestSupport.fastConfiguration()
        configuration.maxBufferedParts = 2
        let client = try await S3TestSupport.client(label: "budget", configuration: configuration)
        let files = try (0..<6).map { index in
            let data = S3TestSupport.bytes(11 << 20 + index, seed: UInt64(index))
            return (data, try S3TestSupport.temporaryFile(data))
        }
        defer { for (_, path) in files { try? FileManager.default.removeItem(atPath: path) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, (_, path)) in files.enumerated() {
                group.addTask { try await client.uploadFile(key: "f\(index).bin", path: path) }
            }
            try await group.waitForAll()
        }
        for (index, (data, _)) in files.enumerated() {
            #expect(try await client.getObject(key: "f\(index).bin") == data)
        }
    }

    @Test func failedMultipartUploadIsAborted() async throws {
        let client = try await S3TestSupport.client(label: "abort")
        struct Boom: Error {}
        let data = S3TestSupport.bytes(11 << 20, seed: 5)
        let failing = AsyncThrowingStream<[UInt8], any Error> { continuation in
            continuation.yield(Array(data[0..<(6 << 20)]))
            continuation.yield(Array(data[(6 << 20)...]))
            continuation.finish(throwing: Boom())
        }
        await #expect(throws: Boom.self) { try await client.upload(key: "broken.bin", chunks: failing) }
        #expect(try await client.listMultipartUploads(prefix: "").isEmpty)
        #expect(try await client.headObject(key: "broken.bin") == nil)
    }

    @Test func listWithPagination() async throws {
        var configuration = S3TestSupport.fastConfiguration()
        configuration.listPageSize = 7
        let client = try await S3TestSupport.client(label: "list", configuration: configuration)
        var keys: [String] = []
        for index in 0..<25 { keys.append("p/k \(index < 10 ? "0" : "")\(index)+ü") }
        keys.append("other/x")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, key) in keys.enumerated() {
                group.addTask { try await client.putObject(key: key, body: S3TestSupport.bytes(index)) }
            }
            try await group.waitForAll()
        }
        let listed = try await client.listObjects(prefix: "p/")
        #expect(listed.map(\.key) == keys.filter { $0.hasPrefix("p/") }.sorted())
        #expect(listed.map(\.size) == Array(0..<25))
        #expect(listed.allSatisfy { $0.etag != nil && $0.lastModified != nil })
        #expect(try await client.listObjects(prefix: "").count == 26)
        #expect(try await client.listObjects(prefix: "nothing/").isEmpty)
    }

    @Test func deleteInBatches() async throws {
        var configuration = S3TestSupport.fastConfiguration()
        configuration.deleteBatchSize = 10
        let client = try await S3TestSupport.client(label: "del", configuration: configuration)
        let keys = (0..<25).map { "d/\($0) & <x>" }
        for key in keys { try await client.putObject(key: key, body: [1]) }
        try await client.putObject(key: "keep", body: [2])
        try await client.deleteObjects(keys: keys + ["d/never-existed"])
        #expect(try await client.listObjects(prefix: "d/").isEmpty)
        #expect(try await client.headObject(key: "keep") != nil)
        try await client.deleteObjects(keys: [])
        try await client.deleteObject(key: "keep")
        #expect(try await client.headObject(key: "keep") == nil)
    }

    @Test func copyObject() async throws {
        let client = try await S3TestSupport.client(label: "copy")
        let data = S3TestSupport.bytes(4096, seed: 9)
        try await client.putObject(key: "src/a b", body: data)
        try await client.copyObject(from: "src/a b", to: "dst/c")
        #expect(try await client.getObject(key: "dst/c") == data)
        let error = await #expect(throws: DatabaseError.self) {
            try await client.copyObject(from: "src/none", to: "dst/d")
        }
        #expect(error?.message.contains("NoSuchKey") == true)
    }

    /// Above the single-copy limit the copy is a multipart upload of UploadPartCopy ranges (limit and part lowered
    /// to S3's 5 MiB minimum so the test stays small); copies read another bucket of the endpoint; a failed
    /// part copy leaves no multipart upload behind.
    @Test func copyObjectInPartsAndAcrossBuckets() async throws {
        let source = try await S3TestSupport.client(label: "copysrc")
        let target = try await S3TestSupport.client(label: "copydst")
        let size = (12 << 20) + 12_345
        let data = S3TestSupport.bytes(size, seed: 3)
        try await source.putObject(key: "src/big", body: data)
        try await target.copyObject(
            from: "src/big", of: source.uri.bucket, to: "dst/big", size: size, singleCopyLimit: 5 << 20,
            partSize: 5 << 20)
        #expect(try await target.headObject(key: "dst/big")?.size == size)
        #expect(try await target.getObject(key: "dst/big") == data)
        // A multipart upload's ETag is "md5-of-part-md5s-N": three parts were copied.
        #expect(try await target.headObject(key: "dst/big")?.etag?.hasSuffix("-3") == true)
        try await target.copyObject(from: "src/big", of: source.uri.bucket, to: "dst/one", size: size)
        #expect(try await target.getObject(key: "dst/one") == data)
        #expect(try await target.headObject(key: "dst/one")?.etag?.contains("-") == false)
        // The source is shorter than the size given: the last range is unsatisfiable and the upload is aborted.
        let error = await #expect(throws: DatabaseError.self) {
            try await target.copyObject(
                from: "src/big", of: source.uri.bucket, to: "dst/bad", size: size + (6 << 20),
                singleCopyLimit: 5 << 20, partSize: 5 << 20)
        }
        #expect(error?.code == .s3Error)
        #expect(try await target.listMultipartUploads(prefix: "dst/").isEmpty)
        #expect(try await target.headObject(key: "dst/bad") == nil)
        try await source.shutdown()
        try await target.shutdown()
    }

    @Test func missingBucketError() async throws {
        let moto = try MotoServer.shared()
        let client = S3Client(
            uri: try S3URI(parsing: "\(moto.endpoint)/nobucket/x1"),
            credentials: S3Credentials(accessKeyID: "testing", secretAccessKey: "testing"),
            configuration: S3TestSupport.fastConfiguration())
        let error = await #expect(throws: DatabaseError.self) {
            try await client.putObject(key: "x1/.lock", body: Array("lock".utf8), ifNoneMatch: true)
        }
        let text = error?.description ?? ""
        #expect(text.hasPrefix("Code: 499. DB::Exception: "))
        #expect(text.hasSuffix("(S3_ERROR)"))
        #expect(text.contains("Message: The specified bucket does not exist, bucket nobucket, key x1/.lock"))
        #expect(text.contains("NoSuchBucket"))
        // HEAD has no body: ClickHouse's "No response body" text.
        let head = await #expect(throws: DatabaseError.self) { _ = try await client.listObjects(prefix: "x1/") }
        #expect(head?.message.contains("bucket nobucket") == true)
    }

    @Test func deadEndpointFailsWithinBound() async throws {
        let port = try MotoServer.freePort()
        let client = S3Client(
            uri: try S3URI(parsing: "http://127.0.0.1:\(port)/bucket/x1"),
            credentials: S3Credentials(accessKeyID: "testing", secretAccessKey: "testing"),
            configuration: S3TestSupport.fastConfiguration(attempts: 4, totalTimeout: .seconds(10)))
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: DatabaseError.self) { _ = try await client.headObject(key: "x1/.backup") }
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(10))
        let text = error?.description ?? ""
        #expect(text.contains("Failed to check existence of key x1/.backup in bucket bucket"))
        #expect(text.contains("Connection refused"), "\(text)")
        #expect(text.contains("after 4 attempts in"))
        #expect(text.contains("NETWORK_CONNECTION"))
    }

    @Test func totalTimeoutBoundsRetries() async throws {
        let port = try MotoServer.freePort()
        let client = S3Client(
            uri: try S3URI(parsing: "http://127.0.0.1:\(port)/bucket"),
            credentials: nil,
            configuration: S3TestSupport.fastConfiguration(attempts: 1000, totalTimeout: .seconds(1)))
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: DatabaseError.self) { _ = try await client.getObject(key: "k") }
        // 1000 attempts would take minutes; the 1 s budget stops them (slack for a loaded 2-core machine).
        #expect(clock.now - start < .seconds(10))
    }
}

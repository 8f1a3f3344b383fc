import Foundation
import SHCore
import SHTestSupport
import Testing

@testable import SHS3

/// Transfers through `scripts/testing/faultproxy.py` (503s, resets, truncated bodies) in front of moto.
@Suite struct S3ClientFaultTests {
    /// A client whose requests go through a new proxy, and the proxy.
    static func proxied(
        label: String, partSize: Int = 5 << 20, attempts: Int = 8, totalTimeout: Duration = .seconds(30)
    )
        async throws -> (S3Client, FaultProxy)
    {
        let moto = try MotoServer.shared()
        let proxy = try FaultProxy(upstreamPort: moto.port)
        let client = try await S3TestSupport.client(
            label: label, endpoint: proxy.endpoint,
            configuration: S3TestSupport.fastConfiguration(
                partSize: partSize, attempts: attempts, totalTimeout: totalTimeout))
        try proxy.resetLog()
        return (client, proxy)
    }

    @Test func slowDownOnEveryThirdRequest() async throws {
        let (client, proxy) = try await Self.proxied(label: "f503")
        defer { proxy.stop() }
        try proxy.setRules([["action": "503", "every": 3]])
        let data = S3TestSupport.bytes(11 << 20, seed: 21)
        let path = try S3TestSupport.temporaryFile(data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await client.uploadFile(key: "f.bin", path: path)
        try await client.putObject(key: "small", body: [1, 2, 3])
        #expect(try await client.getObject(key: "f.bin") == data)
        #expect(try await S3TestSupport.collect(client.getObjectStream(key: "f.bin")) == data)
        #expect(try await client.headObject(key: "small")?.size == 3)
        #expect(try await client.listObjects(prefix: "").count == 2)
        try await client.deleteObjects(keys: ["f.bin", "small"])
        #expect(try proxy.faultCount() >= 4)
    }

    @Test func internalErrorsAndResetsBeforeBody() async throws {
        let (client, proxy) = try await Self.proxied(label: "f500")
        defer { proxy.stop() }
        try proxy.setRules([["action": "500", "every": 4], ["action": "reset_before", "every": 3]])
        let data = S3TestSupport.bytes(300_000, seed: 22)
        for index in 0..<6 { try await client.putObject(key: "k\(index)", body: data) }
        for index in 0..<6 { #expect(try await client.getObject(key: "k\(index)") == data) }
        #expect(try proxy.faultCount() >= 3)
    }

    @Test func resetInTheMiddleOfUploadBodies() async throws {
        let (client, proxy) = try await Self.proxied(label: "fmid")
        defer { proxy.stop() }
        try proxy.setRules([["method": "PUT", "action": "reset_mid_body", "every": 2]])
        let data = S3TestSupport.bytes(11 << 20, seed: 23)
        try await client.upload(key: "m.bin", chunks: ChunkSequence(data: data, sizes: [1 << 20]))
        try await client.putObject(key: "p.bin", body: Array(data[0..<100_000]))
        try proxy.setRules([])
        #expect(try await client.getObject(key: "m.bin") == data)
        #expect(try await client.getObject(key: "p.bin") == Array(data[0..<100_000]))
        let log = try proxy.log()
        #expect(log.contains { ($0["fault"] as? String) == "reset_mid_body" })
    }

    @Test func truncatedDownloadsResumeWithRange() async throws {
        let (client, proxy) = try await Self.proxied(label: "ftrunc")
        defer { proxy.stop() }
        let data = S3TestSupport.bytes(4 << 20 + 99, seed: 24)
        try await client.putObject(key: "t.bin", body: data)
        try proxy.setRules([["method": "GET", "action": "truncate_response", "every": 2, "times": 3]])
        try proxy.resetLog()
        // Stream: the 1st GET is intact... every 2nd GET is cut in half, so run two streams.
        #expect(try await S3TestSupport.collect(client.getObjectStream(key: "t.bin")) == data)
        #expect(try await S3TestSupport.collect(client.getObjectStream(key: "t.bin")) == data)
        #expect(try await client.getObject(key: "t.bin") == data)
        #expect(try await client.getObject(key: "t.bin", range: 100..<200_000) == Array(data[100..<200_000]))
        let log = try proxy.log()
        #expect(log.filter { ($0["fault"] as? String) == "truncate_response" }.count >= 2)
        // A resumed stream asks for the rest with a Range request, which moto answers with 206.
        #expect(log.contains { ($0["status"] as? Int) == 206 })
    }

    @Test func resetsOnEveryOtherGetWhileStreaming() async throws {
        let (client, proxy) = try await Self.proxied(label: "fget")
        defer { proxy.stop() }
        let data = S3TestSupport.bytes(2 << 20, seed: 25)
        try await client.putObject(key: "g.bin", body: data)
        try proxy.setRules([["method": "GET", "action": "reset_before", "every": 2]])
        for _ in 0..<3 {
            #expect(try await S3TestSupport.collect(client.getObjectStream(key: "g.bin")) == data)
            #expect(try await client.getObject(key: "g.bin") == data)
        }
        #expect(try proxy.faultCount() >= 3)
    }

    @Test func persistentSlowDownFailsWithinBound() async throws {
        let (client, proxy) = try await Self.proxied(label: "fperm", attempts: 5, totalTimeout: .seconds(5))
        defer { proxy.stop() }
        try proxy.setRules([["method": "PUT", "action": "503"]])
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: DatabaseError.self) {
            try await client.putObject(key: "x1/.lock", body: Array("lock".utf8), ifNoneMatch: true)
        }
        #expect(clock.now - start < .seconds(6))
        let text = error?.description ?? ""
        #expect(text.contains("Please reduce your request rate"), "\(text)")
        #expect(text.contains("key x1/.lock"))
        #expect(text.contains("after 5 attempts in"))
        let puts = try proxy.log().filter { ($0["method"] as? String) == "PUT" }
        #expect(puts.count == 5)
    }

    @Test func failingPartAbortsTheUpload() async throws {
        let (client, proxy) = try await Self.proxied(label: "fpart", attempts: 3, totalTimeout: .seconds(5))
        defer { proxy.stop() }
        try proxy.setRules([["method": "PUT", "query": "partNumber=2", "action": "503"]])
        let data = S3TestSupport.bytes(11 << 20, seed: 26)
        let path = try S3TestSupport.temporaryFile(data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = await #expect(throws: DatabaseError.self) { try await client.uploadFile(key: "p.bin", path: path) }
        #expect(error?.message.contains("upload part #2 of key p.bin") == true, "\(String(describing: error))")
        try proxy.setRules([])
        #expect(try await client.listMultipartUploads(prefix: "").isEmpty)
        #expect(try await client.headObject(key: "p.bin") == nil)
        #expect(
            try proxy.log().contains {
                ($0["method"] as? String) == "DELETE" && (($0["query"] as? String) ?? "").contains("uploadId")
            })
    }
}

extension S3ClientFaultTests {
    /// The first conditional PUT takes effect but its answer is lost; the retry meets 412 and still reports the claim.
    @Test func lostAnswerToConditionalPut() async throws {
        let (client, proxy) = try await Self.proxied(label: "flost")
        defer { proxy.stop() }
        try proxy.setRules([["method": "PUT", "action": "drop_response", "times": 1]])
        let lock = Array(UUID().uuidString.utf8)
        #expect(try await client.putObject(key: "x/.lock", body: lock, ifNoneMatch: true))
        #expect(
            try await client.putObject(key: "x/.lock", body: Array(UUID().uuidString.utf8), ifNoneMatch: true) == false)
        #expect(try await client.getObject(key: "x/.lock") == lock)
        let puts = try proxy.log().filter { ($0["method"] as? String) == "PUT" }.compactMap { $0["status"] as? Int }
        #expect(puts == [200, 412, 412])
    }
}

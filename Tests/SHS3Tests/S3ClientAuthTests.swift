import Foundation
import SHCore
import SHTestSupport
import Testing

@testable import SHS3

/// SigV4 against moto with signature verification switched on (its verifier is botocore).
@Suite(.serialized) struct S3ClientAuthTests {
    @Test func signaturesVerifiedByMoto() async throws {
        let moto = try MotoServer.start(bucket: "authbucket")
        defer { moto.stop() }
        let keys = try moto.enableAuth()
        let uri = try S3URI(parsing: "\(moto.endpoint)/authbucket/data")
        let good = S3Client(
            uri: uri, credentials: S3Credentials(accessKeyID: keys.accessKeyID, secretAccessKey: keys.secretAccessKey),
            configuration: S3TestSupport.fastConfiguration())
        // Every request kind, with odd characters in keys and queries.
        let key = "data/a b+c=ü/obj.bin"
        let data = S3TestSupport.bytes(6 << 20 + 1, seed: 1)
        #expect(try await good.putObject(key: key, body: Array(data[0..<100]), ifNoneMatch: true))
        #expect(try await good.headObject(key: key)?.size == 100)
        #expect(try await good.getObject(key: key, range: 1..<3) == Array(data[1..<3]))
        let path = try S3TestSupport.temporaryFile(data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await good.uploadFile(key: "data/mpu", path: path)
        #expect(try await S3TestSupport.collect(good.getObjectStream(key: "data/mpu")) == data)
        try await good.copyObject(from: key, to: "data/copy")
        #expect(try await good.listObjects(prefix: "data/").count == 3)
        try await good.deleteObjects(keys: ["data/copy", "data/mpu"])
        #expect(try await good.listObjects(prefix: "data/").map(\.key) == [key])

        // A wrong secret: 403 SignatureDoesNotMatch, and the secret appears nowhere in the error.
        let wrongSecret = "WRONGsecretWRONGsecretWRONGsecret0123456"
        let bad = S3Client(
            uri: uri, credentials: S3Credentials(accessKeyID: keys.accessKeyID, secretAccessKey: wrongSecret),
            configuration: S3TestSupport.fastConfiguration())
        let error = await #expect(throws: DatabaseError.self) {
            try await bad.putObject(key: "data/x", body: [1, 2, 3])
        }
        let text = error?.description ?? ""
        #expect(text.contains("SignatureDoesNotMatch"), "\(text)")
        #expect(text.contains("HTTP response code: 403"))
        #expect(!text.contains(wrongSecret))
        #expect(!text.contains(keys.secretAccessKey))
        // HEAD answers carry no body: ClickHouse's ACCESS_DENIED wording.
        let head = await #expect(throws: DatabaseError.self) { _ = try await bad.headObject(key: key) }
        #expect(head?.message.contains("HTTP response code: 403, error type: ACCESS_DENIED") == true)
        #expect(head?.message.contains(wrongSecret) == false)

        // Anonymous requests are refused too.
        let anonymous = S3Client(uri: uri, credentials: nil, configuration: S3TestSupport.fastConfiguration())
        await #expect(throws: DatabaseError.self) { _ = try await anonymous.getObject(key: key) }
        try moto.disableAuth()
    }
}

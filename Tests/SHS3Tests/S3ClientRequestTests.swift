import Foundation
import Testing

@testable import SHS3

/// How requests are addressed and signed, without a server.
@Suite struct S3ClientRequestTests {
    static let credentials = S3Credentials(accessKeyID: "AKID", secretAccessKey: "SECRETKEY", sessionToken: "TOKEN")

    @Test func virtualHostedAddressing() async throws {
        let client = S3Client(
            uri: try S3URI(parsing: "https://bucket.s3.eu-west-1.amazonaws.com/backups"), credentials: Self.credentials)
        #expect(client.region == "eu-west-1")
        #expect(client.hostHeader == "bucket.s3.eu-west-1.amazonaws.com")
        #expect(client.path(for: "backups/a b+ü") == "/backups/a%20b%2B%C3%BC")
        #expect(client.path(for: nil) == "/")
        let request = client.makeHTTPRequest(
            S3Request("GET", key: nil, query: [("list-type", "2"), ("prefix", "a/b c")], operation: "list"))
        #expect(request.url == "https://bucket.s3.eu-west-1.amazonaws.com/?list-type=2&prefix=a%2Fb%20c")
        #expect(request.headers["host"] == ["bucket.s3.eu-west-1.amazonaws.com"])
        #expect(request.headers["x-amz-security-token"] == ["TOKEN"])
        let authorization = try #require(request.headers["authorization"].first)
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKID/"))
        #expect(authorization.contains("/eu-west-1/s3/aws4_request"))
        #expect(authorization.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"))
        #expect(!authorization.contains("SECRETKEY"))
        try await client.shutdown()
    }

    @Test func pathStyleAddressingAndPayloadHash() throws {
        let client = S3Client(
            uri: try S3URI(parsing: "http://127.0.0.1:9000/bucket/x"), credentials: Self.credentials,
            configuration: S3ClientConfiguration(region: "us-west-2"))
        #expect(client.region == "us-west-2")
        #expect(client.hostHeader == "127.0.0.1:9000")
        #expect(client.path(for: "x/y") == "/bucket/x/y")
        #expect(client.path(for: nil) == "/bucket")
        let body = Array("hello".utf8)
        let request = client.makeHTTPRequest(S3Request("PUT", key: "x/y", body: body, operation: "upload"))
        #expect(request.url == "http://127.0.0.1:9000/bucket/x/y")
        #expect(request.headers["x-amz-content-sha256"] == [S3Encoding.sha256Hex(body)])
        // Over https the hash may be skipped.
        let https = S3Client(
            uri: try S3URI(parsing: "https://s3.us-east-1.amazonaws.com/bucket/x"), credentials: Self.credentials,
            configuration: S3ClientConfiguration(signPayloadOverHTTPS: false))
        let unsigned = https.makeHTTPRequest(S3Request("PUT", key: "x/y", body: body, operation: "upload"))
        #expect(unsigned.headers["x-amz-content-sha256"] == ["UNSIGNED-PAYLOAD"])
        #expect(https.hostHeader == "s3.us-east-1.amazonaws.com")
        // Uploads carry Content-MD5 only when the signature does not cover the body (MD5 of "hello" from RFC 1321 tools).
        #expect(client.integrityHeaders(body).isEmpty)
        #expect(https.integrityHeaders(body).map(\.1) == ["XUFAKrxLKna5cZ2REBfFkg=="])
    }

    @Test func anonymousRequestsAreUnsigned() throws {
        let client = S3Client(uri: try S3URI(parsing: "http://127.0.0.1:9000/bucket"), credentials: nil)
        let request = client.makeHTTPRequest(S3Request("GET", key: "k", operation: "read"))
        #expect(request.headers["authorization"].isEmpty)
    }

    @Test func regionFallbacks() throws {
        let uri = try S3URI(parsing: "http://127.0.0.1:9000/bucket")
        #expect(S3ClientConfiguration().resolvedRegion(for: uri, environment: [:]) == "us-east-1")
        #expect(
            S3ClientConfiguration().resolvedRegion(for: uri, environment: ["AWS_REGION": "ap-south-1"]) == "ap-south-1")
        let aws = try S3URI(parsing: "https://bkt.s3.eu-north-1.amazonaws.com/k")
        #expect(
            S3ClientConfiguration().resolvedRegion(for: aws, environment: ["AWS_REGION": "ap-south-1"]) == "eu-north-1")
    }
}

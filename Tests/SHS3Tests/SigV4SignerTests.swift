import Foundation
import Testing

@testable import SHS3

@Suite struct SigV4SignerTests {
    static let example = S3Credentials(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let may24 = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The S3 SigV4 documentation's "GET Object" example (with a Range header).
    @Test func awsDocumentationGetObject() {
        let signer = SigV4Signer(credentials: Self.example, region: "us-east-1")
        let result = signer.sign(
            method: "GET", path: "/test.txt", query: [],
            headers: [
                ("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9"),
                ("x-amz-content-sha256", Self.emptyHash), ("x-amz-date", "20130524T000000Z"),
            ],
            payloadHash: Self.emptyHash, date: Self.may24)
        #expect(
            result.canonicalRequest == """
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """)
        #expect(
            result.stringToSign == """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
                """)
        #expect(result.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(
            result.authorization
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    /// The documentation's "PUT Object" example: `$` in the key, a signed `Date` header and a storage class.
    @Test func awsDocumentationPutObject() {
        let signer = SigV4Signer(credentials: Self.example, region: "us-east-1")
        let bodyHash = S3Encoding.sha256Hex(Array("Welcome to Amazon S3.".utf8))
        #expect(bodyHash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let path = "/" + S3Encoding.uriEncode("test$file.text", encodeSlash: false)
        #expect(path == "/test%24file.text")
        let result = signer.sign(
            method: "PUT", path: path, query: [],
            headers: [
                ("Host", "examplebucket.s3.amazonaws.com"), ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                ("x-amz-date", "20130524T000000Z"), ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                ("x-amz-content-sha256", bodyHash),
            ],
            payloadHash: bodyHash, date: Self.may24)
        #expect(result.signature == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    /// The documentation's bucket-level examples (`?lifecycle`, `?max-keys=2&prefix=J`).
    @Test func awsDocumentationBucketQueries() {
        let signer = SigV4Signer(credentials: Self.example, region: "us-east-1")
        let headers = [
            ("Host", "examplebucket.s3.amazonaws.com"), ("x-amz-content-sha256", Self.emptyHash),
            ("x-amz-date", "20130524T000000Z"),
        ]
        let lifecycle = signer.sign(
            method: "GET", path: "/", query: [("lifecycle", nil)], headers: headers, payloadHash: Self.emptyHash,
            date: Self.may24)
        #expect(lifecycle.signature == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
        let list = signer.sign(
            method: "GET", path: "/", query: [("prefix", "J"), ("max-keys", "2")], headers: headers,
            payloadHash: Self.emptyHash, date: Self.may24)
        #expect(list.signature == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    /// Requests signed by botocore for the same inputs (`scripts/testing/sigv4_vectors.py`).
    @Test(arguments: SigV4BotocoreVectors.all)
    func matchesBotocore(_ vector: SigV4Vector) {
        let credentials = S3Credentials(
            accessKeyID: SigV4BotocoreVectors.accessKeyID, secretAccessKey: SigV4BotocoreVectors.secretAccessKey,
            sessionToken: vector.sessionToken)
        let signer = SigV4Signer(credentials: credentials, region: vector.region)
        let result = signer.sign(
            method: vector.method, path: vector.path, query: vector.query.map { ($0.0, Optional($0.1)) },
            headers: vector.headers, payloadHash: vector.payloadHash, date: vector.date)
        #expect(result.canonicalRequest == vector.canonicalRequest)
        #expect(result.stringToSign == vector.stringToSign)
        #expect(result.signature == vector.signature)
    }

    @Test func timestampAndEncoding() {
        #expect(SigV4Signer.timestamp(Date(timeIntervalSince1970: 1_764_032_523)) == "20251125T010203Z")
        #expect(S3Encoding.uriEncode("a b/c~d_e-f.g+h=ü", encodeSlash: false) == "a%20b/c~d_e-f.g%2Bh%3D%C3%BC")
        #expect(S3Encoding.uriEncode("a/b", encodeSlash: true) == "a%2Fb")
        #expect(SigV4Signer.canonicalQuery([("b", "2"), ("a", nil), ("a", "1 2")]) == "a=&a=1%202&b=2")
        #expect(SigV4Signer.trimHeaderValue("  a   b \t c  ") == "a b c")
    }
}

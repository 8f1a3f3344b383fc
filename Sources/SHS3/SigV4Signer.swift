import Crypto
import Foundation

/// AWS Signature Version 4 for S3 (header signing): no path normalization, no double encoding.
public struct SigV4Signer: Sendable {
    /// The three texts a signature is made of, for known-answer tests.
    public struct Signature: Sendable, Hashable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
        public var signedHeaders: String
        public var authorization: String
    }

    public var credentials: S3Credentials
    public var region: String
    public var service: String

    public init(credentials: S3Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The content hash S3 accepts for bodies that are not hashed.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// SHA-256 of the empty string.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Signs a request.
    /// - Parameters:
    ///   - path: the request path exactly as sent, already URI-encoded (`/bucket/my%20key`).
    ///   - query: raw (decoded) query parameters; a nil value is signed as `name=`.
    ///   - headers: every header to sign, `host` and `x-amz-date` included; `x-amz-content-sha256` is expected too.
    ///   - payloadHash: the value of `x-amz-content-sha256`.
    public func sign(
        method: String, path: String, query: [(String, String?)], headers: [(String, String)],
        payloadHash: String, date: Date
    ) -> Signature {
        let timestamp = Self.timestamp(date)
        let day = String(timestamp.prefix(8))
        let canonicalQuery = Self.canonicalQuery(query)

        var grouped: [String: [String]] = [:]
        for (name, value) in headers {
            grouped[name.lowercased(), default: []].append(Self.trimHeaderValue(value))
        }
        let names = grouped.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(grouped[$0]!.joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")

        let canonicalRequest = [
            method, path.isEmpty ? "/" : path, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", timestamp, scope, Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")

        let key = signingKey(day: day)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        let signature = Self.hex(mac)
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return Signature(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            signedHeaders: signedHeaders, authorization: authorization)
    }

    /// `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request")`.
    func signingKey(day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + credentials.secretAccessKey).utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// Query parameters encoded and sorted by name, then value.
    public static func canonicalQuery(_ query: [(String, String?)]) -> String {
        var pairs: [(name: String, value: String)] = []
        for (name, value) in query {
            pairs.append(
                (S3Encoding.uriEncode(name, encodeSlash: true), S3Encoding.uriEncode(value ?? "", encodeSlash: true)))
        }
        pairs.sort { left, right in left.name == right.name ? left.value < right.value : left.name < right.name }
        var parts: [String] = []
        for pair in pairs { parts.append(pair.name + "=" + pair.value) }
        return parts.joined(separator: "&")
    }

    /// Trims a header value and collapses inner runs of spaces, as SigV4 requires.
    static func trimHeaderValue(_ value: String) -> String {
        var result = ""
        var lastWasSpace = false
        for character in value.trimmingCharacters(in: .whitespaces) {
            if character == " " || character == "\t" {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(character)
                lastWasSpace = false
            }
        }
        return result
    }

    /// Lower-case hexadecimal digits of a digest or MAC.
    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ digest: SHA256.Digest) -> String { hex(Array(digest)) }
    static func hex(_ mac: HashedAuthenticationCode<SHA256>) -> String { hex(Array(mac)) }
}

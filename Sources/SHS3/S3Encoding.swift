import Crypto
import Foundation

/// Encodings S3 requests need: SigV4 URI encoding, XML escaping, digests.
enum S3Encoding {
    /// Percent-encodes everything except `A–Z a–z 0–9 - _ . ~` (and `/` unless `encodeSlash`), upper-case hex.
    static func uriEncode(_ text: String, encodeSlash: Bool) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: "/") where !encodeSlash:
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hex SHA-256 of bytes.
    static func sha256Hex<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        SigV4Signer.hex(SHA256.hash(data: bytes))
    }

    /// Hex MD5 of bytes (the ETag of a single-part upload).
    static func md5Hex<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        SigV4Signer.hex(Array(Insecure.MD5.hash(data: bytes)))
    }

    /// Base64 MD5 of bytes, for `Content-MD5`.
    static func md5Base64<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        Data(Insecure.MD5.hash(data: bytes)).base64EncodedString()
    }
}

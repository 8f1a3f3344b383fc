import Foundation

/// One known-answer case for the SigV4 signer.
struct SigV4Vector: Sendable, CustomStringConvertible {
    var name: String
    var method: String
    var path: String
    var query: [(String, String)]
    var headers: [(String, String)]
    var payloadHash: String
    var region: String
    var sessionToken: String?
    var unixTime: Int
    var canonicalRequest: String
    var stringToSign: String
    var signature: String

    var description: String { name }
    var date: Date { Date(timeIntervalSince1970: TimeInterval(unixTime)) }
}

import SHXML

/// A complete S3 answer: status, headers (names lower-cased) and body.
struct S3Response: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    /// How many attempts the request took (set by `S3Client.perform`).
    var attempts = 1

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    var isSuccess: Bool { (200..<300).contains(status) }

    /// The error element of an XML error body (`<Error><Code>…`), when there is one.
    var errorElement: XMLTreeElement? {
        guard !body.isEmpty, let root = (try? XMLTreeElement.parse(body)), root.name == "Error" else { return nil }
        return root
    }

    /// The ETag without quotes.
    var etag: String? { header("etag").map(S3Response.unquote) }

    static func unquote(_ text: String) -> String {
        var value = text
        if value.hasPrefix("W/") { value.removeFirst(2) }
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
            value = String(value.dropFirst().dropLast())
        }
        if value.hasPrefix("&quot;") { value = value.replacingOccurrences(of: "&quot;", with: "") }
        return value
    }
}

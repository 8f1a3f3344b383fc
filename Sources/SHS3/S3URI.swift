import Foundation
import SHCore

/// An S3 location as ClickHouse's `S3('<url>')` argument names it: endpoint, bucket and key.
public struct S3URI: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    public var scheme: String
    /// The endpoint host (for virtual-hosted URLs, without the bucket).
    public var host: String
    /// The endpoint port when the URL gives one.
    public var port: Int?
    /// The bucket name.
    public var bucket: String
    /// The key (prefix) inside the bucket, without a leading `/`; may be empty.
    public var key: String
    /// The region found in an `amazonaws.com` host, else nil.
    public var region: String?
    /// Whether the bucket travels in the host name rather than in the path.
    public var isVirtualHosted: Bool
    /// The `versionId` query parameter, when given.
    public var versionID: String?

    /// Creates a URI from its parts (path-style unless `isVirtualHosted`).
    public init(
        scheme: String, host: String, port: Int?, bucket: String, key: String,
        region: String? = nil, isVirtualHosted: Bool = false, versionID: String? = nil
    ) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.bucket = bucket
        self.key = key
        self.region = region
        self.isVirtualHosted = isVirtualHosted
        self.versionID = versionID
    }

    /// Parses a URL by ClickHouse's rules (`src/IO/S3/URI.cpp`): virtual-hosted, path-style,
    /// `s3://`, `gs://`, `oss://` and custom endpoints without a bucket segment.
    public init(parsing url: String) throws {
        var text = url.trimmingCharacters(in: .whitespaces)
        // Scheme mappers, as ClickHouse configures them by default.
        if let rest = text.dropPrefix("s3://") {
            let (bucket, key) = Self.splitFirst(rest)
            text = "https://\(bucket).s3.amazonaws.com/\(key)"
        } else if let rest = text.dropPrefix("gs://") {
            text = "https://storage.googleapis.com/\(rest)"
        } else if let rest = text.dropPrefix("oss://") {
            let (bucket, key) = Self.splitFirst(rest)
            text = "https://\(bucket).oss.aliyuncs.com/\(key)"
        }
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let rawHost = components.host, !rawHost.isEmpty
        else {
            throw DatabaseError(.badArguments, "Bad S3 URI: '\(url)'")
        }
        let host = rawHost.lowercased()
        self.scheme = scheme
        self.port = components.port
        self.versionID = components.queryItems?.first(where: { $0.name == "versionId" })?.value
        // The path without the leading '/', still percent-decoded once as ClickHouse does.
        let path = components.percentEncodedPath
        let decodedPath = path.removingPercentEncoding ?? path

        if let match = Self.matchVirtualHosted(host) {
            let isPrivateLink =
                host.contains(".vpce.") || host.hasPrefix("vpce-") || match.bucket.hasPrefix("bucket.vpce-")
            if !isPrivateLink {
                self.isVirtualHosted = true
                self.bucket = match.bucket
                self.host = match.endpointHost
                self.key = String(decodedPath.drop(while: { $0 == "/" }))
                self.region = Self.region(fromEndpoint: match.endpointHost)
                try Self.validateBucket(bucket)
                return
            }
        }
        // Path-style: /bucket/key.
        self.isVirtualHosted = false
        self.host = host
        self.region = host.hasSuffix("amazonaws.com") ? Self.region(fromEndpoint: host) : nil
        let trimmed = decodedPath.hasPrefix("/") ? String(decodedPath.dropFirst()) : decodedPath
        if let slash = trimmed.firstIndex(of: "/") {
            self.bucket = String(trimmed[..<slash])
            self.key = String(trimmed[trimmed.index(after: slash)...])
        } else if !trimmed.isEmpty, host.hasSuffix("amazonaws.com") || components.port != nil || Self.isIPAddress(host)
        {
            // `http://minio:9000/bucket`: the bucket with an empty key.
            self.bucket = trimmed
            self.key = ""
        } else {
            // Custom endpoint with no bucket segment: the whole path is the key.
            self.bucket = "default"
            self.key = trimmed
        }
        try Self.validateBucket(bucket)
    }

    /// The endpoint as `scheme://host[:port]` (the bucket host for virtual-hosted URIs).
    public var endpointURL: String {
        var text = "\(scheme)://\(requestHost)"
        if let port { text += ":\(port)" }
        return text
    }

    /// The host that requests go to: `bucket.host` for virtual-hosted URIs.
    public var requestHost: String {
        isVirtualHosted ? "\(bucket).\(host)" : host
    }

    /// The URL in canonical form (for logs; holds no credentials).
    public var description: String {
        isVirtualHosted ? "\(endpointURL)/\(key)" : "\(endpointURL)/\(bucket)/\(key)"
    }

    // MARK: - Rules

    private static func validateBucket(_ bucket: String) throws {
        guard (3...63).contains(bucket.count) else {
            throw DatabaseError(
                .badArguments, "Bucket name length is out of bounds in virtual hosted style S3 URI: '\(bucket)'")
        }
    }

    private static let serviceNames = ["s3", "cos", "obs", "oss", "eos"]

    /// Matches `(.+)\.(s3express[-a-z0-9]+|s3|cos|obs|oss|eos)([.\-][a-z0-9\-.:]+)` (leftmost-greedy bucket).
    private static func matchVirtualHosted(_ host: String) -> (bucket: String, endpointHost: String)? {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard labels.count >= 3 else { return nil }
        // The regex's first group is greedy: try the rightmost service label first.
        for index in stride(from: labels.count - 2, through: 1, by: -1) {
            let label = labels[index]
            var service: String?
            var suffixInLabel = ""
            if serviceNames.contains(label) || (label.hasPrefix("s3express") && label.count > 9) {
                service = label
            } else if label.hasPrefix("s3-") {
                service = "s3"
                suffixInLabel = String(label.dropFirst(2))
            } else {
                for name in serviceNames where label.hasPrefix(name + "-") {
                    service = name
                    suffixInLabel = String(label.dropFirst(name.count))
                }
            }
            guard service != nil else { continue }
            let rest = labels[(index + 1)...].joined(separator: ".")
            if suffixInLabel.isEmpty && rest.isEmpty { continue }
            let bucket = labels[..<index].joined(separator: ".")
            guard !bucket.isEmpty else { continue }
            let endpoint = labels[index...].joined(separator: ".")
            return (bucket, endpoint)
        }
        return nil
    }

    /// `s3.us-west-2.amazonaws.com` → `us-west-2`; `s3-us-west-2.amazonaws.com` → `us-west-2`; `s3.amazonaws.com` → nil.
    private static func region(fromEndpoint endpoint: String) -> String? {
        guard endpoint.hasSuffix("amazonaws.com") else { return nil }
        let labels = endpoint.split(separator: ".").map(String.init)
        for label in labels.dropLast(2) {
            if label.hasPrefix("s3-") { return String(label.dropFirst(3)) }
            if label == "s3" || label.hasPrefix("s3express") || label == "dualstack" || label == "vpce" { continue }
            if isRegionName(label) { return label }
        }
        return nil
    }

    /// `us-east-1`, `eu-central-2`, `us-gov-west-1`: two letters, words, a number.
    private static func isRegionName(_ label: String) -> Bool {
        let parts = label.split(separator: "-")
        guard parts.count >= 3, parts[0].count == 2, parts[0].allSatisfy(\.isLetter),
            let last = parts.last, last.allSatisfy(\.isNumber)
        else { return false }
        return parts.dropFirst().dropLast().allSatisfy { $0.allSatisfy(\.isLetter) }
    }

    private static func isIPAddress(_ host: String) -> Bool {
        host.allSatisfy { $0.isNumber || $0 == "." } || host.contains(":") || host == "localhost"
    }

    private static func splitFirst(_ text: String) -> (String, String) {
        guard let slash = text.firstIndex(of: "/") else { return (text, "") }
        return (String(text[..<slash]), String(text[text.index(after: slash)...]))
    }
}

extension String {
    fileprivate func dropPrefix(_ prefix: String) -> String? {
        guard lowercased().hasPrefix(prefix) else { return nil }
        return String(dropFirst(prefix.count))
    }
}

import Foundation
import SHCore
import SHS3

/// A backup under a prefix of an S3 bucket (`S3('https://bucket.s3.region.amazonaws.com/prefix', key, secret)`).
public struct S3BackupStorage: BackupStorage {
    public let displayName: String
    let client: S3Client
    /// The key prefix of the backup, without a trailing slash.
    let prefix: String
    let storageClass: String?

    public init(
        url: String, accessKeyID: String?, secretAccessKey: String?, displayName: String,
        environment: [String: String], storageClass: String?, ambientCredentials: Bool = true
    ) throws {
        let uri = try S3URI(parsing: url)
        // Without keys of its own, a backup that may not use the environment's credentials is read anonymously.
        let credentials =
            accessKeyID == nil && !ambientCredentials
            ? nil
            : S3Credentials.resolve(
                accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, environment: environment)
        var configuration = S3ClientConfiguration()
        // ClickHouse's s3_max_single_part_upload_size: one PUT up to 32 MiB, multipart above.
        configuration.maxSinglePartUploadSize = 32 << 20
        // SWIFTHOUSE_S3_RETRY_ATTEMPTS, SWIFTHOUSE_S3_TOTAL_TIMEOUT_SECONDS, SWIFTHOUSE_S3_LOW_SPEED_*, ….
        configuration = configuration.applying(environment: environment)
        self.client = S3Client(uri: uri, credentials: credentials, configuration: configuration)
        var prefix = uri.key
        while prefix.hasSuffix("/") { prefix.removeLast() }
        self.prefix = prefix
        self.displayName = displayName
        self.storageClass = storageClass
    }

    func key(_ path: String) -> String { prefix.isEmpty ? path : "\(prefix)/\(path)" }

    /// Objects of the same endpoint read with the same key are copied by S3 itself (CopyObject, or UploadPartCopy
    /// above 5 GiB), from any bucket the key reads.
    public func canCopy(from source: any BackupStorage) -> Bool {
        guard let source = source as? S3BackupStorage else { return false }
        return source.client.uri.endpointURL == client.uri.endpointURL
            && source.client.accessKeyID == client.accessKeyID
    }

    public func copy(_ sourcePath: String, size: Int, from source: any BackupStorage, to path: String) async throws {
        guard let source = source as? S3BackupStorage, canCopy(from: source) else {
            throw DatabaseError(.notImplemented, "\(displayName) cannot copy \(sourcePath) of \(source.displayName)")
        }
        try await client.copyObject(
            from: source.key(sourcePath), of: source.client.uri.bucket, to: key(path), size: size,
            storageClass: storageClass)
    }

    init(client: S3Client, prefix: String, displayName: String, storageClass: String?) {
        self.client = client
        self.prefix = prefix
        self.displayName = displayName
        self.storageClass = storageClass
    }

    /// The prefix above this one, and this one's last component: where an archive named like this prefix is.
    public func archiveContainer() -> (container: any BackupStorage, name: String)? {
        guard let slash = prefix.lastIndex(of: "/") else {
            return prefix.isEmpty
                ? nil
                : (
                    S3BackupStorage(client: client, prefix: "", displayName: displayName, storageClass: storageClass),
                    prefix
                )
        }
        return (
            S3BackupStorage(
                client: client, prefix: String(prefix[..<slash]), displayName: displayName, storageClass: storageClass),
            String(prefix[prefix.index(after: slash)...])
        )
    }

    public func info(of path: String) async throws -> BackupObjectInfo? {
        guard let info = try await client.headObject(key: key(path)) else { return nil }
        return BackupObjectInfo(size: info.size, modified: info.lastModified.flatMap(Self.parseHTTPDate))
    }

    public func read(_ path: String) async throws -> [UInt8] { try await client.getObject(key: key(path)) }

    public func readChunks(_ path: String) -> AsyncThrowingStream<[UInt8], any Error> {
        client.getObjectStream(key: key(path))
    }

    public func write(_ path: String, bytes: [UInt8]) async throws {
        try await client.putObject(key: key(path), body: bytes, storageClass: storageClass)
    }

    public func write(_ path: String, fromLocalFile localPath: String) async throws {
        try await client.uploadFile(key: key(path), path: localPath, storageClass: storageClass)
    }

    public func createExclusively(_ path: String, bytes: [UInt8]) async throws -> Bool {
        try await client.putObject(key: key(path), body: bytes, ifNoneMatch: true, storageClass: storageClass)
    }

    public func list(prefix listPrefix: String) async throws -> [String] {
        let root = prefix.isEmpty ? "" : prefix + "/"
        return try await client.listObjects(prefix: root + listPrefix).map { String($0.key.dropFirst(root.count)) }
    }

    public func remove(_ paths: [String]) async throws {
        guard !paths.isEmpty else { return }
        try await client.deleteObjects(keys: paths.map(key))
    }

    /// Aborts every incomplete multipart upload under the backup's prefix.
    public func abortIncompleteWrites() async throws {
        let root = prefix.isEmpty ? "" : prefix + "/"
        for upload in try await client.listMultipartUploads(prefix: root) {
            try await client.abortMultipartUpload(key: upload.key, uploadID: upload.uploadID)
        }
    }

    /// Parses an HTTP date (`Wed, 25 Nov 2026 01:02:03 GMT`).
    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}

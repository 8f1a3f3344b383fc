import Foundation
import SHBackup
import SHCore

/// Where a backup, or a location holding backups, is: the argument of `swifthouse backup <command>` read as a
/// ClickHouse destination.
///
/// Accepted forms: a ClickHouse destination expression (`S3('https://…/backups/b1', 'KEY', 'SECRET')`,
/// `File('/backups/b1')`), an `http(s)://host/bucket/prefix` URL (path-style, as ClickHouse's `S3()` takes it),
/// `s3://bucket/prefix` (on `--endpoint`, `AWS_ENDPOINT_URL`, else AWS's virtual-hosted endpoint), or a local path
/// (relative to the current directory).
public struct BackupAddress: Sendable {
    /// The destination as a BACKUP statement would name it.
    public var spec: BackupEngineSpec
    /// Where `File` paths may be (the whole file system: the tool acts for the user who runs it) and the
    /// environment credentials come from.
    public var locations: BackupLocations

    /// Options that complete an address.
    public struct Options: Sendable {
        /// `--access-key-id` and `--secret-access-key`, given together.
        public var credentials: (accessKeyID: String, secretAccessKey: String)?
        /// `--endpoint` for `s3://` URLs.
        public var endpoint: String?
        /// `--profile`: the shared credentials file's profile.
        public var profile: String?
        /// The environment (AWS variables).
        public var environment: [String: String]
        /// Relative local paths are taken from here.
        public var currentDirectory: String

        /// Options from the process's environment and current directory.
        public init(
            credentials: (accessKeyID: String, secretAccessKey: String)? = nil, endpoint: String? = nil,
            profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
            currentDirectory: String = FileManager.default.currentDirectoryPath
        ) {
            self.credentials = credentials
            self.endpoint = endpoint
            self.profile = profile
            self.environment = environment
            self.currentDirectory = currentDirectory
        }
    }

    /// An address of an already evaluated destination.
    public init(spec: BackupEngineSpec, locations: BackupLocations) {
        self.spec = spec
        self.locations = locations
    }

    /// Reads a command-line argument; BAD_ARGUMENTS when it is none of the accepted forms.
    public init(_ text: String, options: Options = Options()) throws {
        var environment = options.environment
        if let profile = options.profile { environment["AWS_PROFILE"] = profile }
        locations = BackupLocations(allowedPath: "/", disks: [:], environment: environment)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.wholeMatch(of: /[A-Za-z][A-Za-z0-9_]*\s*\(.*\)/.dotMatchesNewlines()) != nil {
            spec = try BackupChain.parse(trimmed)
        } else if trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") {
            spec = BackupEngineSpec(name: "S3", arguments: [Self.withoutTrailingSlash(trimmed)])
        } else if trimmed.hasPrefix("s3://") {
            let rest = trimmed.dropFirst("s3://".count)
            let bucket = rest.prefix { $0 != "/" }
            let key = Self.withoutTrailingSlash(String(rest.dropFirst(bucket.count).drop { $0 == "/" }))
            guard !bucket.isEmpty else { throw DatabaseError(.badArguments, "No bucket in \(text)") }
            let endpoint = options.endpoint ?? environment["AWS_ENDPOINT_URL_S3"] ?? environment["AWS_ENDPOINT_URL"]
            let url =
                endpoint.map { "\(Self.withoutTrailingSlash($0))/\(bucket)/\(key)" }
                ?? "https://\(bucket).s3.amazonaws.com/\(key)"
            spec = BackupEngineSpec(name: "S3", arguments: [Self.withoutTrailingSlash(url)])
        } else if !trimmed.isEmpty, !trimmed.contains("://") {
            let path =
                trimmed.hasPrefix("/")
                ? trimmed : URL(fileURLWithPath: options.currentDirectory).appendingPathComponent(trimmed).path
            spec = BackupEngineSpec(name: "File", arguments: [Self.withoutTrailingSlash(path)])
        } else {
            throw DatabaseError(
                .badArguments,
                "Cannot read '\(text)' as a backup: give a local path, an http(s):// or s3:// URL, or a destination such as S3('url') or File('path')"
            )
        }
        if spec.name == "File", let path = spec.arguments.first, !path.hasPrefix("/") {
            spec.arguments[0] = URL(fileURLWithPath: options.currentDirectory).appendingPathComponent(path).path
        }
        if spec.name == "S3", spec.arguments.count == 1, let credentials = options.credentials {
            spec.arguments += [credentials.accessKeyID, credentials.secretAccessKey]
        }
    }

    /// The address of `relative` (a backup's directory or archive) inside this location.
    public func appending(_ relative: String) -> BackupAddress {
        guard !relative.isEmpty else { return self }
        var spec = spec
        spec.arguments[0] = Self.withoutTrailingSlash(spec.arguments[0]) + "/" + relative
        return BackupAddress(spec: spec, locations: locations)
    }

    /// The path of `other` relative to this location, when `other` lies inside it (same engine, its URL or path
    /// under this one); nil otherwise.
    public func relativeName(of other: BackupEngineSpec) -> String? {
        guard other.name == spec.name, let mine = spec.arguments.first, let theirs = other.arguments.first else {
            return nil
        }
        let root = Self.withoutTrailingSlash(mine) + "/"
        let target = Self.withoutTrailingSlash(theirs)
        guard target.hasPrefix(root) else { return target == Self.withoutTrailingSlash(mine) ? "" : nil }
        return String(target.dropFirst(root.count))
    }

    /// Opens the storage the address names.
    public func openStorage() throws -> any BackupStorage {
        try BackupEngineRegistry.open(spec, locations: locations, options: BackupEngineOptions())
    }

    /// The name shown for the address, secrets hidden.
    public var displayName: String { spec.displayName }

    private static func withoutTrailingSlash(_ text: String) -> String {
        var text = text
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

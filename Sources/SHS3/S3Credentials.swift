import Foundation

/// An AWS key pair, optionally with a session token. Its description never shows the secret.
public struct S3Credentials: Sendable, Hashable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// `S3Credentials(AKIA…, [HIDDEN])`: safe to log.
    public var description: String { "S3Credentials(\(accessKeyID), [HIDDEN])" }

    /// Finds credentials in order: the inline pair, the `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`
    /// environment variables, then the profile (`profile`, else `AWS_PROFILE`, else `default`) in the shared
    /// credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`). Nil means anonymous (unsigned) requests.
    public static func resolve(
        accessKeyID: String?, secretAccessKey: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        profile: String? = nil
    ) -> S3Credentials? {
        if let accessKeyID, let secretAccessKey, !accessKeyID.isEmpty {
            return S3Credentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey)
        }
        if let key = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"],
            !key.isEmpty, !secret.isEmpty
        {
            let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            return S3Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token)
        }
        let path: String
        if let file = environment["AWS_SHARED_CREDENTIALS_FILE"], !file.isEmpty {
            path = (file as NSString).expandingTildeInPath
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            path = home + "/.aws/credentials"
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let name = profile ?? environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return fromCredentialsFile(text, profile: name)
    }

    /// Reads one profile from the text of an INI-style credentials file.
    public static func fromCredentialsFile(_ text: String, profile: String) -> S3Credentials? {
        var current: String?
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                var section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                if section.hasPrefix("profile ") {
                    section = String(section.dropFirst(8)).trimmingCharacters(in: .whitespaces)
                }
                current = section
                continue
            }
            guard current == profile, let equals = line.firstIndex(of: "=") else { continue }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            values[name] = value
        }
        guard let key = values["aws_access_key_id"], let secret = values["aws_secret_access_key"], !key.isEmpty else {
            return nil
        }
        return S3Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: values["aws_session_token"])
    }
}

import Crypto
import Foundation
import SHCore
import SHXML

/// The users a server accepts, from a ClickHouse users configuration (`--config FILE`, the `<users>` and
/// `<profiles>` sections of ClickHouse's `users.xml`); without one, ClickHouse's `default` user with no password.
///
/// A user has `<password>` (plain), `<password_sha256_hex>` or `<no_password/>`, and a `<profile>` whose
/// `<readonly>` (1: no writes and no SET, 2: no writes) applies to every request of the user. A user without a
/// password is accepted from loopback addresses only; other `users.xml` elements (networks, quotas, grants) are
/// not read.
struct HTTPUsers: Sendable {
    struct User: Sendable {
        enum Password: Sendable {
            case none
            case plain(String)
            case sha256(String)
        }
        let password: Password
        let readonly: Int
    }

    let users: [String: User]

    /// ClickHouse's `default` user with no password.
    static let defaultOnly = HTTPUsers(users: ["default": User(password: .none, readonly: 0)])

    init(users: [String: User]) { self.users = users }

    /// The users of a ClickHouse configuration file; `CANNOT_LOAD_CONFIG` when it cannot be read.
    init(configuration path: String) throws {
        let root: XMLTreeElement
        do {
            root = try XMLTreeElement.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        } catch {
            throw DatabaseError(.cannotLoadConfig, "Cannot load the users configuration \(path): \(error)")
        }
        var profiles: [String: Int] = [:]
        for profile in root.child("profiles")?.children ?? [] {
            profiles[profile.name] = profile.value("readonly").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
        var users: [String: User] = [:]
        for user in root.child("users")?.children ?? [] {
            let password: User.Password
            if let hash = user.value("password_sha256_hex") {
                password = .sha256(hash.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
            } else if let plain = user.value("password"), !plain.isEmpty {
                password = .plain(plain)
            } else {
                password = .none
            }
            let readonly = user.value("profile").flatMap { profiles[$0.trimmingCharacters(in: .whitespaces)] } ?? 0
            users[user.name] = User(password: password, readonly: readonly)
        }
        guard !users.isEmpty else {
            throw DatabaseError(.cannotLoadConfig, "The users configuration \(path) has no <users>")
        }
        self.users = users
    }

    /// The readonly level of `name` when `password` is right; ClickHouse's `AUTHENTICATION_FAILED` otherwise (the
    /// same text whether the user is unknown or the password wrong).
    func authenticate(_ name: String, password: String, fromLoopback: Bool) throws -> Int {
        let failure = DatabaseError(
            .authenticationFailed,
            "\(name): Authentication failed: password is incorrect, or there is no user with such name")
        guard let user = users[name] else { throw failure }
        switch user.password {
        case .none:
            guard password.isEmpty, fromLoopback else { throw failure }
        case .plain(let expected):
            guard Self.equal(Array(password.utf8), Array(expected.utf8)) else { throw failure }
        case .sha256(let expected):
            let digest = SHA256.hash(data: Array(password.utf8)).map { String(format: "%02x", $0) }.joined()
            guard Self.equal(Array(digest.utf8), Array(expected.utf8)) else { throw failure }
        }
        return user.readonly
    }

    /// Compares in time that does not depend on where the bytes differ.
    private static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

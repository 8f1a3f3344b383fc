import Foundation
import SHCore
import SHEngine
import Synchronization

/// The sessions of `session_id` requests: each keeps its `USE` and `SET` until `session_timeout` seconds pass
/// without a request (ClickHouse's default 60, at most 3600); one request at a time uses a session.
final class HTTPSessions: Sendable {
    private struct Entry {
        let session: Session
        var timeout: Duration
        var lastUsed: ContinuousClock.Instant
        var inUse: Bool
    }

    private let engine: Engine
    private let entries = Mutex<[String: Entry]>([:])
    static let defaultTimeout = 60
    static let maxTimeout = 3600

    init(engine: Engine) { self.engine = engine }

    /// The session `id` (created unless `check`, ClickHouse's `session_check=1`), marked in use; `SESSION_IS_LOCKED`
    /// while another request uses it, `SESSION_NOT_FOUND` when `check` and it does not exist or has expired.
    func acquire(_ id: String, timeoutSeconds: Int?, check: Bool) throws -> Session {
        if let timeoutSeconds, timeoutSeconds < 0 || timeoutSeconds > Self.maxTimeout {
            throw DatabaseError(
                .invalidSessionTimeout,
                "Session timeout '\(timeoutSeconds)' is larger than max_session_timeout: \(Self.maxTimeout). "
                    + "Maximum session timeout could be modified in configuration file.")
        }
        let now = ContinuousClock.now
        return try entries.withLock { entries in
            entries = entries.filter { $0.value.inUse || now - $0.value.lastUsed < $0.value.timeout }
            if var entry = entries[id] {
                guard !entry.inUse else {
                    throw DatabaseError(.sessionIsLocked, "Session \(id) is locked by a concurrent client")
                }
                entry.inUse = true
                if let timeoutSeconds { entry.timeout = .seconds(timeoutSeconds) }
                entries[id] = entry
                return entry.session
            }
            guard !check else { throw DatabaseError(.sessionNotFound, "Session \(id) not found") }
            let session = engine.makeSession()
            entries[id] = Entry(
                session: session, timeout: .seconds(timeoutSeconds ?? Self.defaultTimeout), lastUsed: now, inUse: true)
            return session
        }
    }

    /// The request using session `id` is over: its timeout starts now.
    func release(_ id: String) {
        entries.withLock { entries in
            entries[id]?.inUse = false
            entries[id]?.lastUsed = .now
        }
    }
}

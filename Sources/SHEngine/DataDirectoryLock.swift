import Foundation
import SHCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exclusive lock on a data directory, held for the lifetime of the engines that opened it, as ClickHouse's
/// `status` file: a second process opening the same directory fails at once with ClickHouse's error instead of
/// corrupting parts.
///
/// The lock is an `flock` on `<data>/status`, which also records who holds it (pid, start time, version). Engines of
/// one process share one lock per directory (a reopened engine in the same process is a restart, not a rival), and
/// the lock is released when the last of them is gone or the process dies.
final class DataDirectoryLock: Sendable {
    let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Process-wide: the live lock of each directory (weakly held, so the last engine's end releases it).
    private static let held = Mutex<[String: WeakLock]>([:])

    private struct WeakLock {
        weak var lock: DataDirectoryLock?
    }

    /// Takes the lock of the directory `root`, or fails when another process holds it.
    static func acquire(_ root: URL, version: String) throws -> DataDirectoryLock {
        let path = root.appendingPathComponent("status").path
        return try held.withLock { held in
            if let existing = held[path]?.lock { return existing }
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw DatabaseError(
                    .cannotOpenFile, "Cannot open file \(path): \(String(cString: strerror(errno)))")
            }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let reason = errno
                close(descriptor)
                if reason == EWOULDBLOCK {
                    throw DatabaseError(
                        .cannotOpenFile,
                        "Cannot lock file \(path). Another server instance in same directory is already running.")
                }
                throw DatabaseError(.cannotOpenFile, "Cannot lock file \(path): \(String(cString: strerror(reason)))")
            }
            let text = "PID: \(getpid())\nStarted at: \(UTCTimestamp.text(Date()))\nRevision: \(version)\n"
            _ = ftruncate(descriptor, 0)
            _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
            let lock = DataDirectoryLock(path: path, descriptor: descriptor)
            held[path] = WeakLock(lock: lock)
            return lock
        }
    }
}

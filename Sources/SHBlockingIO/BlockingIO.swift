import NIOPosix

/// The one place blocking file I/O runs: a small shared `NIOThreadPool`, so that `read`, `write`, `fsync` and
/// hashing of local files never occupy a thread of Swift's cooperative pool (which has one thread per core and
/// must only run work that does not wait).
///
/// Use it for file system calls made from `async` code: `let bytes = try await BlockingIO.run { try read(path) }`.
/// CPU-only work (decoding, hashing bytes already in memory) stays where it is.
public enum BlockingIO {
    /// Threads of the pool: enough to overlap a few reads and writes with each other, few enough not to compete
    /// with the cooperative pool for the cores.
    public static let threadCount = 4

    /// The shared pool, started on first use and never stopped (it lives as long as the process).
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: threadCount)
        pool.start()
        return pool
    }()

    /// Runs `body` on the blocking pool and returns its result (or rethrows its error). A task cancelled before
    /// `body` starts gets a `CancellationError`; once started, `body` runs to its end.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }
}

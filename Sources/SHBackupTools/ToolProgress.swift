import Synchronization

/// Counters of a long `swifthouse backup` command (files and bytes done of the total), shared by its tasks and read
/// by whoever shows progress.
public final class ToolProgress: Sendable {
    private let counters = Mutex((files: 0, totalFiles: 0, bytes: 0, totalBytes: 0))

    /// Progress at zero.
    public init() {}

    /// Adds work to do.
    func expect(files: Int, bytes: Int) {
        counters.withLock {
            $0.totalFiles &+= files
            $0.totalBytes &+= bytes
        }
    }

    /// Records work done.
    func done(files: Int, bytes: Int) {
        counters.withLock {
            $0.files &+= files
            $0.bytes &+= bytes
        }
    }

    /// `12/50 files, 3.2/78.0 MiB`.
    public var text: String {
        let c = counters.withLock { $0 }
        func mebibytes(_ bytes: Int) -> String {
            let tenths = bytes / (1 << 20 / 10)
            return "\(tenths / 10).\(tenths % 10)"
        }
        return "\(c.files)/\(c.totalFiles) files, \(mebibytes(c.bytes))/\(mebibytes(c.totalBytes)) MiB"
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one `stat` says of a path. Foundation's `attributesOfItem` makes about sixteen system calls for it (three
/// stats, `/etc/passwd` and `/etc/group` read for the owner's names, `listxattr`): measured as a third of a small
/// INSERT's system calls when a part's files were sized with it.
public struct FileStatus: Sendable {
    /// Bytes.
    public var size: Int
    public var isDirectory: Bool
    public var isRegularFile: Bool
    public var modified: Date

    /// The status of `path` (symbolic links followed); nil when it cannot be read (it does not exist, say).
    public init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int(info.st_size)
        let type = info.st_mode & S_IFMT
        isDirectory = type == S_IFDIR
        isRegularFile = type == S_IFREG
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        modified = Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000)
    }
}

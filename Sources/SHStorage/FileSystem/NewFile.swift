import Foundation
import SHCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files created with one `open(O_CREAT | O_TRUNC)`. Foundation's `createFile(atPath:contents:)` writes through a
/// temporary file and a rename and copies attributes (a random name, `fstat`, `listxattr`, `rename`…: measured six
/// more system calls a file, about 30 % of a small INSERT's time); a part's files go into a fresh temporary
/// directory that is fsynced and renamed as a whole, so they need none of that.
public enum NewFile {
    /// Creates (or truncates) `url` for writing; the handle closes its descriptor when released.
    public static func open(_ url: URL) throws -> FileHandle {
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
        #if canImport(Glibc)
            let fd = url.path.withCString { Glibc.open($0, flags, 0o644) }
        #else
            let fd = url.path.withCString { Darwin.open($0, flags, 0o644) }
        #endif
        guard fd >= 0 else { throw DatabaseError.posix(errno, "Cannot create file", path: url.path) }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Creates (or truncates) `url` holding `bytes`.
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        let handle = try open(url)
        defer { try? handle.close() }
        try handle.write(contentsOf: bytes)
    }
}

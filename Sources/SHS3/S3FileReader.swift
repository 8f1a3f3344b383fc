import Foundation
import SHCore

/// Reads a local file front to back in chunks (blocking reads; used for multipart uploads from disk).
final class S3FileReader {
    private let descriptor: Int32
    let path: String
    /// The size when opened.
    let size: Int

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw DatabaseError(.s3Error, "Cannot open file \(path) for upload: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw DatabaseError(.s3Error, "Cannot stat file \(path) for upload: \(String(cString: strerror(errno)))")
        }
        self.descriptor = fd
        self.size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes from the current position; empty at the end of the file.
    func read(count: Int) throws -> [UInt8] {
        var filled = 0
        let bytes = try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while filled < count {
                let n = Foundation.read(descriptor, buffer.baseAddress! + filled, count - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DatabaseError(
                        .s3Error, "Cannot read file \(path) for upload: \(String(cString: strerror(errno)))")
                }
                if n == 0 { break }
                filled += n
            }
            initialized = filled
        }
        return bytes
    }
}

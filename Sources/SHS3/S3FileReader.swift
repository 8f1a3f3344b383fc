import Foundation
import SHBlockingIO
import SHCore

/// Reads a local file front to back in chunks for multipart uploads from disk; the reads run on the
/// blocking-I/O pool (``BlockingIO``), never on the cooperative pool.
final class S3FileReader {
    private let descriptor: Int32
    let path: String
    /// The size when opened.
    let size: Int

    private init(descriptor: Int32, path: String, size: Int) {
        self.descriptor = descriptor
        self.path = path
        self.size = size
    }

    /// Opens `path` and reads its size.
    static func open(path: String) async throws -> S3FileReader {
        let (fd, size) = try await BlockingIO.run { () throws -> (Int32, Int) in
            let fd = Foundation.open(path, O_RDONLY)
            guard fd >= 0 else { throw S3FileReader.failure("Cannot open file \(path) for upload", path: path) }
            var info = stat()
            guard fstat(fd, &info) == 0 else {
                let error = S3FileReader.failure("Cannot stat file \(path) for upload", path: path)
                close(fd)
                throw error
            }
            return (fd, Int(info.st_size))
        }
        return S3FileReader(descriptor: fd, path: path, size: size)
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes from the current position; empty at the end of the file.
    func read(count: Int) async throws -> [UInt8] {
        let descriptor = self.descriptor
        let path = self.path
        return try await BlockingIO.run {
            var filled = 0
            return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                while filled < count {
                    let n = Foundation.read(descriptor, buffer.baseAddress! + filled, count - filled)
                    if n < 0 {
                        if errno == EINTR { continue }
                        initialized = filled
                        throw S3FileReader.failure("Cannot read file \(path) for upload", path: path)
                    }
                    if n == 0 { break }
                    filled += n
                }
                initialized = filled
            }
        }
    }

    /// An `S3_ERROR` for the failed call that set `errno`, keeping the errno as the cause.
    private static func failure(_ action: String, path: String) -> DatabaseError {
        let number = errno
        var error = DatabaseError(.s3Error, "\(action): \(String(cString: strerror(number)))", file: path)
        error.underlying = POSIXError(POSIXErrorCode(rawValue: number) ?? .EIO)
        return error
    }
}

import Foundation
import SHBlockingIO
import SHCodecs
import SHCore

/// Size and ClickHouse checksum of a local file or a byte array, computed in bounded memory.
enum FileDigest {
    static let chunkSize = 1 << 20

    static func of(bytes: [UInt8]) -> (size: Int, checksum: UInt128Hash) {
        (bytes.count, ChainedFileHasher.hash(bytes))
    }

    /// Reads and hashes the file on the blocking-I/O pool (``BlockingIO``), one chunk at a time.
    static func of(file path: String) async throws -> (size: Int, checksum: UInt128Hash) {
        let digest = try await BlockingIO.run { () throws -> Digest in
            let handle: FileHandle
            do {
                handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            } catch {
                throw DatabaseError.wrap(error)
            }
            defer { try? handle.close() }
            var hasher = ChainedFileHasher()
            var size = 0
            while true {
                let data: Data
                do {
                    data = try handle.read(upToCount: chunkSize) ?? Data()
                } catch {
                    throw DatabaseError.wrap(error)
                }
                if data.isEmpty { break }
                size += data.count
                data.withUnsafeBytes { hasher.update($0) }
            }
            return Digest(size: size, checksum: hasher.finalize())
        }
        return (digest.size, digest.checksum)
    }

    /// A result that crosses from the blocking pool.
    private struct Digest: Sendable {
        var size: Int
        var checksum: UInt128Hash
    }
}

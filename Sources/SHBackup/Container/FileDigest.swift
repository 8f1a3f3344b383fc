import Foundation
import SHCodecs
import SHCore

/// Size and ClickHouse checksum of a local file or a byte array, computed in bounded memory.
enum FileDigest {
    static let chunkSize = 1 << 20

    static func of(bytes: [UInt8]) -> (size: Int, checksum: UInt128Hash) {
        (bytes.count, ChainedFileHasher.hash(bytes))
    }

    static func of(file path: String) throws -> (size: Int, checksum: UInt128Hash) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DatabaseError(.cannotOpenFile, "Cannot open file \(path)")
        }
        defer { try? handle.close() }
        var hasher = ChainedFileHasher()
        var size = 0
        while true {
            let data = handle.readData(ofLength: chunkSize)
            if data.isEmpty { break }
            size += data.count
            data.withUnsafeBytes { hasher.update($0) }
        }
        return (size, hasher.finalize())
    }
}

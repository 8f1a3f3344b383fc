import Foundation
import SHCodecs
import SHCore

/// The decompressed bytes of one compressed part file, read block by block (memory: one block at a time).
final class DecompressedStream {
    let name: String
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var offset = 0

    init(file: URL) throws {
        name = file.lastPathComponent
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw DatabaseError(.fileDoesntExist, "File \(file.path) doesn't exist")
        }
        handle = FileHandle(forReadingAtPath: file.path)
    }

    deinit { try? handle?.close() }

    private var available: Int { buffer.count - offset }

    /// Makes at least `count` bytes available, loading blocks as needed.
    private func ensure(_ count: Int) throws {
        while available < count {
            guard let handle else { break }
            let header = try handle.read(upToCount: CompressedBlock.checksumSize + CompressedBlock.headerSize) ?? Data()
            if header.isEmpty { break }
            guard header.count == CompressedBlock.checksumSize + CompressedBlock.headerSize else {
                throw DatabaseError(.cannotReadAllData, "Cannot read all data: truncated compressed block in \(name)")
            }
            let compressedSize = header.withUnsafeBytes {
                Int(
                    UInt32(
                        littleEndian: $0.loadUnaligned(
                            fromByteOffset: CompressedBlock.checksumSize + 1, as: UInt32.self)))
            }
            guard compressedSize >= CompressedBlock.headerSize, compressedSize <= CompressedBlock.maxCompressedSize
            else {
                throw DatabaseError(.corruptedData, "Too large size_compressed: \(compressedSize) in \(name)")
            }
            let body = try handle.read(upToCount: compressedSize - CompressedBlock.headerSize) ?? Data()
            let block = [UInt8](header) + [UInt8](body)
            let (data, _) = try block.withUnsafeBytes { try CompressedBlock.decode($0, fileName: name) }
            if offset > 0 {
                buffer.removeFirst(offset)
                offset = 0
            }
            buffer += data
        }
        guard available >= count else {
            throw DatabaseError(
                .cannotReadAllData, "Cannot read all data. Bytes expected: \(count), available: \(available) in \(name)"
            )
        }
    }

    func read(_ count: Int) throws -> ArraySlice<UInt8> {
        try ensure(count)
        defer { offset += count }
        return buffer[offset..<(offset + count)]
    }

    func readUInt64() throws -> UInt64 {
        let bytes = try read(8)
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }

    func readVarUInt() throws -> UInt64 {
        var result: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 7) {
            try ensure(1)
            let byte = buffer[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { return result }
        }
        throw DatabaseError(.corruptedData, "Too long VarUInt in \(name)")
    }

    /// Whether every byte has been consumed.
    func atEnd() throws -> Bool {
        if available > 0 { return false }
        try? ensure(1)
        return available == 0
    }
}

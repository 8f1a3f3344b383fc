import Foundation
import SHCodecs
import SHColumns
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

    /// Appends `rows` strings in the single-stream form (VarUInt length, then the bytes) to `column`.
    func readStrings(_ rows: Int, into column: inout Column) throws {
        var left = rows
        while left > 0 {
            left -= appendBufferedStrings(left, into: &column)
            guard left > 0 else { break }
            // A string that crosses a block boundary (or a malformed length, which the checks below report).
            let length = Int(try readVarUInt())
            guard length < 1 << 30 else { throw DatabaseError(.tooLargeStringSize, "Too large string size in \(name)") }
            column.data += try read(length)
            column.offsets.append(UInt64(column.data.count))
            left -= 1
        }
    }

    /// Appends up to `limit` strings lying whole in the buffered bytes; returns how many.
    private func appendBufferedStrings(_ limit: Int, into column: inout Column) -> Int {
        var position = offset
        var count = 0
        buffer.withUnsafeBufferPointer { bytes in
            let needed = column.data.count + bytes.count - position
            if column.data.capacity < needed { column.data.reserveCapacity(max(needed, column.data.capacity * 2)) }
            while count < limit {
                var cursor = position
                var length: UInt64 = 0
                var shift: UInt64 = 0
                var complete = false
                while cursor < bytes.count && shift < 64 {
                    let byte = bytes[cursor]
                    cursor += 1
                    length |= UInt64(byte & 0x7F) << shift
                    if byte & 0x80 == 0 {
                        complete = true
                        break
                    }
                    shift += 7
                }
                guard complete, length < 1 << 30, cursor + Int(length) <= bytes.count else { break }
                column.data.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor..<(cursor + Int(length))]))
                column.offsets.append(UInt64(column.data.count))
                position = cursor + Int(length)
                count += 1
            }
        }
        offset = position
        return count
    }

    /// Whether every byte has been consumed.
    func atEnd() throws -> Bool {
        if available > 0 { return false }
        try? ensure(1)
        return available == 0
    }
}

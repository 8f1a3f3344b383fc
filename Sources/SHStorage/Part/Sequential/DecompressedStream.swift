import Foundation
import SHCodecs
import SHColumns
import SHCore

/// The decompressed bytes of one compressed part file, read block by block (memory: one block at a time).
/// Every size read from the file is bounded by what the file can still hold: `remaining` counts the
/// decompressed bytes left according to the block headers (scanned when the stream is opened), so a hostile
/// count or length fails with `CANNOT_READ_ALL_DATA` before anything is allocated for it.
final class DecompressedStream {
    let name: String
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var offset = 0
    /// Decompressed bytes in the blocks not yet loaded, from their headers.
    private var unloaded = 0

    init(file: URL) throws {
        name = file.lastPathComponent
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw DatabaseError(.fileDoesntExist, "File \(file.path) doesn't exist")
        }
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw DatabaseError(.cannotOpenFile, "Cannot open file \(file.path)")
        }
        self.handle = handle
        unloaded = try Self.decompressedSize(of: handle, name: name)
    }

    /// A stream over bytes already decompressed (`name` for error messages).
    init(decompressed bytes: [UInt8], name: String) {
        self.name = name
        handle = nil
        buffer = bytes
    }

    deinit { try? handle?.close() }

    /// The sum of the block headers' decompressed sizes (each bounded by 1 GiB); stops at a truncated
    /// block, which fails when it is read.
    private static func decompressedSize(of handle: FileHandle, name: String) throws -> Int {
        let fileSize = Int(try handle.seekToEnd())
        var position = 0
        var total = 0
        let headerLength = CompressedBlock.checksumSize + CompressedBlock.headerSize
        while position < fileSize {
            try handle.seek(toOffset: UInt64(position))
            let bytes = try handle.read(upToCount: headerLength) ?? Data()
            guard bytes.count == headerLength else { break }
            let header = try bytes.withUnsafeBytes { try CompressedBlock.header($0, fileName: name) }
            total = try SizeLimits.add(total, header.uncompressedSize, what: "decompressed size of \(name)")
            position += header.blockLength
        }
        try handle.seek(toOffset: 0)
        return total
    }

    private var available: Int { buffer.count - offset }

    /// The decompressed bytes not yet consumed (loaded or not).
    var remaining: Int { available + unloaded }

    /// Throws `CANNOT_READ_ALL_DATA` unless `count` more bytes can be read.
    func require(_ count: Int) throws {
        guard count >= 0, count <= remaining else {
            throw DatabaseError(
                .cannotReadAllData,
                "Cannot read all data. Bytes read: \(remaining). Bytes expected: \(count). File: \(name)")
        }
    }

    /// Makes at least `count` bytes available, loading blocks as needed.
    private func ensure(_ count: Int) throws {
        try require(count)
        while available < count {
            guard let handle else { break }
            let header = try handle.read(upToCount: CompressedBlock.checksumSize + CompressedBlock.headerSize) ?? Data()
            if header.isEmpty { break }
            let parsed = try header.withUnsafeBytes { try CompressedBlock.header($0, fileName: name) }
            let body = try handle.read(upToCount: parsed.compressedSize - CompressedBlock.headerSize) ?? Data()
            let block = [UInt8](header) + [UInt8](body)
            let (data, _) = try block.withUnsafeBytes { try CompressedBlock.decode($0, fileName: name) }
            if offset > 0 {
                buffer.removeFirst(offset)
                offset = 0
            }
            buffer += data
            unloaded = max(0, unloaded - parsed.uncompressedSize)
        }
        guard available >= count else {
            throw DatabaseError(
                .cannotReadAllData, "Cannot read all data. Bytes expected: \(count), available: \(available) in \(name)"
            )
        }
    }

    /// Appends `rows` items to the string-layout `column` (`data` and `offsets`), each the bytes `frame` consumes from
    /// a reader over the bytes loaded (an aggregate function's serialized states, which say their own length).
    /// While `frame` fails and blocks are left, one more is loaded and the item read again from its start; once the
    /// whole stream is loaded, its error is the answer.
    func readFramed(_ rows: Int, into column: inout Column, frame: (inout ByteReader) throws -> Void) throws {
        var done = 0
        while done < rows {
            var reader = ByteReader(Array(buffer[offset...]))
            var consumed = 0
            do {
                while done < rows {
                    try frame(&reader)
                    column.data.append(contentsOf: reader.bytes[consumed..<reader.offset])
                    column.offsets.append(UInt64(column.data.count))
                    consumed = reader.offset
                    done += 1
                }
                offset += consumed
            } catch let error as DatabaseError {
                offset += consumed
                guard unloaded > 0 else { throw error.adding(context: "While reading \(name)") }
                try ensure(available + 1)
            }
        }
    }

    /// Hands `count` values of `width` bytes to `body` in runs of whole values, straight from the loaded blocks:
    /// one bounds check per run, not per value (sizes streams hold one UInt64 per row).
    func readRuns(_ count: Int, width: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try require(try SizeLimits.multiply(count, width, what: "number of bytes to read from \(name)"))
        var left = count
        while left > 0 {
            try ensure(width)
            let run = min(left, available / width)
            let start = offset
            try buffer.withUnsafeBytes { bytes in
                try body(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + run * width)]))
            }
            offset += run * width
            left -= run
        }
    }

    func read(_ count: Int) throws -> ArraySlice<UInt8> {
        try ensure(count)
        defer { offset += count }
        return buffer[offset..<(offset + count)]
    }

    /// `count` elements of `width` bytes (checked arithmetic, bounded by the stream).
    func read(_ count: Int, width: Int) throws -> ArraySlice<UInt8> {
        try read(try SizeLimits.multiply(count, width, what: "number of bytes to read from \(name)"))
    }

    func readUInt64() throws -> UInt64 {
        let bytes = try read(8)
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }

    /// A UInt64 that counts something: checked to fit an Int.
    func readSize(what: @autoclosure () -> String) throws -> Int {
        try SizeLimits.int(try readUInt64(), what: "\(what()) in \(name)")
    }

    func readVarUInt() throws -> UInt64 {
        try ensure(min(VarUInt.maxLength, remaining))
        do {
            return try buffer.withUnsafeBytes { bytes in
                guard let (value, length) = try VarUInt.decode(bytes, at: offset) else {
                    throw DatabaseError(
                        .cannotReadAllData, "Cannot read all data: truncated VarUInt at the end of \(name)")
                }
                offset += length
                return value
            }
        } catch let error as DatabaseError {
            throw error.adding(context: "While reading \(name)")
        }
    }

    /// Appends `rows` strings in the single-stream form (VarUInt length, then the bytes) to `column`.
    func readStrings(_ rows: Int, into column: inout Column) throws {
        // Every string takes at least one byte: more rows than bytes cannot be read.
        try require(rows)
        var left = rows
        while left > 0 {
            left -= try appendBufferedStrings(left, into: &column)
            guard left > 0 else { break }
            // A string that crosses a block boundary (or a malformed length, which the checks below report).
            let length = try readVarUInt()
            guard length <= UInt64(SizeLimits.maxStringSize) else {
                throw DatabaseError(
                    .tooLargeStringSize, "Too large string size: \(length). The maximum is: 1 GiB. File: \(name)")
            }
            column.data += try read(Int(length))
            column.offsets.append(UInt64(column.data.count))
            left -= 1
        }
    }

    /// Appends up to `limit` strings lying whole in the buffered bytes; returns how many.
    private func appendBufferedStrings(_ limit: Int, into column: inout Column) throws -> Int {
        var position = offset
        var count = 0
        try buffer.withUnsafeBufferPointer { typed in
            let bytes = UnsafeRawBufferPointer(typed)
            let needed = column.data.count + bytes.count - position
            if column.data.capacity < needed { column.data.reserveCapacity(max(needed, column.data.capacity * 2)) }
            while count < limit {
                guard let (length, size) = try VarUInt.decode(bytes, at: position),
                    length <= UInt64(bytes.count - position - size)
                else { break }
                let start = position + size
                let end = start + Int(length)
                column.data.append(contentsOf: UnsafeBufferPointer(rebasing: typed[start..<end]))
                column.offsets.append(UInt64(column.data.count))
                position = end
                count += 1
            }
        }
        offset = position
        return count
    }
}

import SHCore

/// ClickHouse's compressed block: 16-byte CityHash128 checksum of the rest, method byte, UInt32 compressed
/// size (header included), UInt32 uncompressed size, payload.
public enum CompressedBlock {
    public static let checksumSize = 16
    public static let headerSize = 9
    /// ClickHouse refuses larger blocks.
    public static let maxCompressedSize = 1 << 30

    /// Appends one compressed block holding `data` to `out`.
    public static func append(_ data: UnsafeRawBufferPointer, codec: CompressionCodec, to out: inout [UInt8]) throws {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: checksumSize))
        try codec.appendFramed(data, to: &out)
        let checksum = out.withUnsafeBytes { buffer in
            CityHash128.hash(UnsafeRawBufferPointer(rebasing: buffer[(start + checksumSize)...]))
        }
        out.replaceSubrange(start..<(start + checksumSize), with: checksum.storedBytes)
    }

    /// The 9-byte header after the checksum: method byte and the two sizes, bounded by `maxCompressedSize`.
    public struct Header: Sendable, Equatable {
        public var method: UInt8
        /// Header included, checksum excluded.
        public var compressedSize: Int
        public var uncompressedSize: Int

        /// The block's length in the file: checksum, header and payload.
        public var blockLength: Int { checksumSize + compressedSize }
    }

    /// Parses and bounds the header of the block at the start of `bytes` (which holds at least
    /// `checksumSize + headerSize` bytes): sizes above 1 GiB are `TOO_LARGE_SIZE_COMPRESSED`, as in
    /// ClickHouse, so nothing is allocated from a hostile header.
    public static func header(_ bytes: UnsafeRawBufferPointer, fileName: String) throws -> Header {
        guard bytes.count >= checksumSize + headerSize else {
            throw DatabaseError(.cannotReadAllData, "Cannot read all data: truncated compressed block in \(fileName)")
        }
        let method = bytes[checksumSize]
        let compressedSize = Int(bytes.loadUnaligned(fromByteOffset: checksumSize + 1, as: UInt32.self).littleEndian)
        let uncompressedSize = Int(bytes.loadUnaligned(fromByteOffset: checksumSize + 5, as: UInt32.self).littleEndian)
        guard compressedSize <= maxCompressedSize else {
            throw DatabaseError(
                .tooLargeSizeCompressed,
                "Too large size_compressed_without_checksum: \(compressedSize). Most likely corrupted data. File: \(fileName)"
            )
        }
        guard uncompressedSize <= maxCompressedSize else {
            throw DatabaseError(
                .tooLargeSizeCompressed,
                "Too large size_decompressed: \(uncompressedSize). Most likely corrupted data. File: \(fileName)")
        }
        guard compressedSize >= headerSize else {
            throw DatabaseError(
                .corruptedData,
                "Can't decompress data: the compressed data size (\(compressedSize)) is less than the header size. File: \(fileName)"
            )
        }
        return Header(method: method, compressedSize: compressedSize, uncompressedSize: uncompressedSize)
    }

    /// Decodes the block at the start of `bytes` (checksum verified); returns the data and the block's total length.
    /// The output is allocated from the header's decompressed size (at most 1 GiB) and the codecs never write
    /// more than that.
    public static func decode(_ bytes: UnsafeRawBufferPointer, fileName: String) throws -> (data: [UInt8], length: Int)
    {
        let header = try header(bytes, fileName: fileName)
        let method = header.method
        let compressedSize = header.compressedSize
        let uncompressedSize = header.uncompressedSize
        guard bytes.count >= checksumSize + compressedSize else {
            throw DatabaseError(.cannotReadAllData, "Cannot read all data: truncated compressed block in \(fileName)")
        }
        let body = UnsafeRawBufferPointer(rebasing: bytes[checksumSize..<(checksumSize + compressedSize)])
        let stored = UInt128Hash(storedBytes: bytes[0..<checksumSize])
        let actual = CityHash128.hash(body)
        guard stored == actual else {
            throw DatabaseError(
                .checksumDoesntMatch,
                "Checksum doesn't match: corrupted data. Reference: \(stored?.manifestHex ?? ""). Actual: \(actual.manifestHex). Size of compressed block: \(compressedSize). File: \(fileName)"
            )
        }
        let payload = UnsafeRawBufferPointer(rebasing: body[headerSize...])
        let data: [UInt8]
        do {
            data = try CodecDecoders.decode(method: method, payload: payload, uncompressedSize: uncompressedSize)
        } catch var error as DatabaseError {
            error.message += ". File: \(fileName)"
            throw error
        }
        return (data, checksumSize + compressedSize)
    }

    /// Decompresses a whole compressed file (every block, in order); the total decompressed size is checked
    /// against `limit` from each block's header before that block is decoded (`TOO_LARGE_SIZE_COMPRESSED`).
    public static func decodeAll(_ bytes: [UInt8], fileName: String, limit: Int = maxCompressedSize) throws -> [UInt8] {
        var result: [UInt8] = []
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let block = UnsafeRawBufferPointer(rebasing: buffer[offset...])
                let header = try header(block, fileName: fileName)
                guard header.uncompressedSize <= limit - result.count else {
                    throw DatabaseError(
                        .tooLargeSizeCompressed,
                        "Too large decompressed size of \(fileName): more than \(limit) bytes. Most likely corrupted data"
                    )
                }
                let (data, length) = try decode(block, fileName: fileName)
                result += data
                offset += length
            }
        }
        return result
    }
}

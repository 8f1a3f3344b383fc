import CLZ4
import CZstd
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
        out.append(contentsOf: repeatElement(0, count: checksumSize + headerSize))
        let payloadStart = out.count
        switch codec {
        case .none:
            out.append(contentsOf: data)
        case .lz4, .lz4hc:
            let bound = Int(LZ4_compressBound(Int32(data.count)))
            out.append(contentsOf: repeatElement(0, count: bound))
            let written = out.withUnsafeMutableBytes { buffer -> Int32 in
                let destination = buffer.baseAddress!.advanced(by: payloadStart).assumingMemoryBound(to: CChar.self)
                let source = data.baseAddress?.assumingMemoryBound(to: CChar.self)
                if case .lz4hc(let level) = codec {
                    return LZ4_compress_HC(source, destination, Int32(data.count), Int32(bound), Int32(level))
                }
                return LZ4_compress_default(source, destination, Int32(data.count), Int32(bound))
            }
            guard written > 0 || data.isEmpty else { throw DatabaseError(.cannotCompress, "Cannot compress with LZ4") }
            out.removeLast(bound - Int(written))
        case .zstd(let level):
            let bound = ZSTD_compressBound(data.count)
            out.append(contentsOf: repeatElement(0, count: bound))
            let written = out.withUnsafeMutableBytes { buffer in
                ZSTD_compress(
                    buffer.baseAddress!.advanced(by: payloadStart), bound, data.baseAddress, data.count, Int32(level))
            }
            guard ZSTD_isError(written) == 0 else { throw DatabaseError(.cannotCompress, "Cannot compress with ZSTD") }
            out.removeLast(bound - written)
        }
        let compressedSize = UInt32(out.count - start - checksumSize)
        out[start + checksumSize] = codec.methodByte
        withUnsafeBytes(of: compressedSize.littleEndian) { bytes in
            for i in 0..<4 { out[start + checksumSize + 1 + i] = bytes[i] }
        }
        withUnsafeBytes(of: UInt32(data.count).littleEndian) { bytes in
            for i in 0..<4 { out[start + checksumSize + 5 + i] = bytes[i] }
        }
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
        var data = [UInt8](repeating: 0, count: uncompressedSize)
        switch method {
        case 0x02:
            guard payload.count == uncompressedSize else {
                throw DatabaseError(.cannotDecompress, "Cannot decompress: wrong size of NONE block in \(fileName)")
            }
            data.withUnsafeMutableBytes { $0.copyMemory(from: payload) }
        case 0x82:
            let decoded = data.withUnsafeMutableBytes { out in
                LZ4_decompress_safe(
                    payload.baseAddress?.assumingMemoryBound(to: CChar.self),
                    out.baseAddress?.assumingMemoryBound(to: CChar.self),
                    Int32(payload.count), Int32(uncompressedSize))
            }
            guard decoded == uncompressedSize else {
                throw DatabaseError(.cannotDecompress, "Cannot decompress LZ4-encoded data in \(fileName)")
            }
        case 0x90:
            let decoded = data.withUnsafeMutableBytes { out in
                ZSTD_decompress(out.baseAddress, uncompressedSize, payload.baseAddress, payload.count)
            }
            guard ZSTD_isError(decoded) == 0, decoded == uncompressedSize else {
                throw DatabaseError(.cannotDecompress, "Cannot decompress ZSTD-encoded data in \(fileName)")
            }
        default:
            let name = CompressionCodec.unsupportedName(forMethod: method) ?? "0x" + String(method, radix: 16)
            throw DatabaseError(
                .unknownCompressionMethod,
                "Compression method \(name) in \(fileName) is not supported by SwiftHouse yet")
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

import CLZ4
import CZstd
import SHCore

/// NONE (0x02), LZ4 (0x82, also LZ4HC) and ZSTD (0x90) payloads, through the C libraries.
enum GenericCodecs {
    static func appendLZ4(_ data: UnsafeRawBufferPointer, highCompressionLevel: Int?, to out: inout [UInt8]) throws {
        let payloadStart = out.count
        let bound = Int(LZ4_compressBound(Int32(data.count)))
        out.append(contentsOf: repeatElement(0, count: bound))
        let written = out.withUnsafeMutableBytes { buffer -> Int32 in
            let destination = buffer.baseAddress!.advanced(by: payloadStart).assumingMemoryBound(to: CChar.self)
            let source = data.baseAddress?.assumingMemoryBound(to: CChar.self)
            if let level = highCompressionLevel {
                return LZ4_compress_HC(source, destination, Int32(data.count), Int32(bound), Int32(level))
            }
            return LZ4_compress_default(source, destination, Int32(data.count), Int32(bound))
        }
        guard written > 0 || data.isEmpty else { throw DatabaseError(.cannotCompress, "Cannot compress with LZ4") }
        out.removeLast(bound - Int(written))
    }

    static func appendZstd(_ data: UnsafeRawBufferPointer, level: Int, to out: inout [UInt8]) throws {
        let payloadStart = out.count
        let bound = ZSTD_compressBound(data.count)
        out.append(contentsOf: repeatElement(0, count: bound))
        let written = out.withUnsafeMutableBytes { buffer in
            ZSTD_compress(
                buffer.baseAddress!.advanced(by: payloadStart), bound, data.baseAddress, data.count, Int32(level))
        }
        guard ZSTD_isError(written) == 0 else { throw DatabaseError(.cannotCompress, "Cannot compress with ZSTD") }
        out.removeLast(bound - written)
    }

    static func decodeNone(_ payload: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        guard payload.count == uncompressedSize else {
            throw DatabaseError(.cannotDecompress, "Cannot decompress: wrong size of NONE block")
        }
        return [UInt8](payload)
    }

    static func decodeLZ4(_ payload: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        var data = [UInt8](repeating: 0, count: uncompressedSize)
        let decoded = data.withUnsafeMutableBytes { out in
            LZ4_decompress_safe(
                payload.baseAddress?.assumingMemoryBound(to: CChar.self),
                out.baseAddress?.assumingMemoryBound(to: CChar.self),
                Int32(payload.count), Int32(uncompressedSize))
        }
        guard decoded == uncompressedSize else {
            throw DatabaseError(.cannotDecompress, "Cannot decompress LZ4-encoded data")
        }
        return data
    }

    static func decodeZstd(_ payload: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        var data = [UInt8](repeating: 0, count: uncompressedSize)
        let decoded = data.withUnsafeMutableBytes { out in
            ZSTD_decompress(out.baseAddress, uncompressedSize, payload.baseAddress, payload.count)
        }
        guard ZSTD_isError(decoded) == 0, decoded == uncompressedSize else {
            throw DatabaseError(.cannotDecompress, "Cannot decompress ZSTD-encoded data")
        }
        return data
    }
}

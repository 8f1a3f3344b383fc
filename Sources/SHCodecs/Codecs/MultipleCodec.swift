import SHCore

/// ClickHouse's codec chain (method byte 0x91): the count of codecs, their method bytes in the order they were
/// applied, then the last codec's block (9-byte header and payload, no checksum), whose data is the previous
/// codec's block, and so on. Decoding applies them in reverse.
enum MultipleCodec {
    static let methodByte: UInt8 = 0x91
    /// Chains inside chains ClickHouse never writes; hostile blocks may, so their depth is bounded.
    static let maxDepth = 4

    static func encode(_ data: UnsafeRawBufferPointer, codecs: [CompressionCodec], to out: inout [UInt8]) throws {
        guard !codecs.isEmpty, codecs.count <= 255 else {
            throw DatabaseError(.cannotCompress, "Wrong compression methods list: \(codecs.count) codecs")
        }
        out.append(UInt8(codecs.count))
        out.append(contentsOf: codecs.map(\.methodByte))
        var stage = [UInt8](data)
        for codec in codecs {
            var next: [UInt8] = []
            try stage.withUnsafeBytes { try codec.appendFramed($0, to: &next) }
            stage = next
        }
        out += stage
    }

    static func decode(_ payload: UnsafeRawBufferPointer, uncompressedSize: Int, depth: Int) throws -> [UInt8] {
        guard payload.count >= 1, payload[0] != 0 else {
            throw DatabaseError(.cannotDecompress, "Wrong compression methods list")
        }
        guard depth < maxDepth else {
            throw DatabaseError(.cannotDecompress, "Wrong compression methods list: codec Multiple nested too deep")
        }
        let count = Int(payload[0])
        guard count + 1 <= payload.count else {
            throw DatabaseError(
                .cannotDecompress,
                "Wrong compression methods list: header claims \(count) codecs but compressed data is only \(payload.count) bytes"
            )
        }
        var stage = [UInt8](payload[(count + 1)...])
        for index in stride(from: count - 1, through: 0, by: -1) {
            let method = payload[index + 1]
            guard stage.count >= CompressedBlock.headerSize else {
                throw DatabaseError(
                    .cannotDecompress,
                    "Compressed data is too short to contain a block header: \(stage.count) bytes")
            }
            guard stage[0] == method else {
                throw DatabaseError(
                    .cannotDecompress,
                    "Can't decompress data with codec byte \(stage[0]) using codec with byte \(method)")
            }
            let size = stage.withUnsafeBytes { Int($0.littleEndian(at: 5, as: UInt32.self)) }
            guard size != 0 else {
                throw DatabaseError(
                    .cannotDecompress, "Can't decompress data: header is corrupt with decompressed block size 0")
            }
            guard size < CompressedBlock.maxCompressedSize else {
                throw DatabaseError(.cannotDecompress, "Too large uncompressed size: \(size)")
            }
            if index == 0 && size != uncompressedSize {
                throw DatabaseError(
                    .cannotDecompress,
                    "Wrong final decompressed size in codec Multiple, got \(size), expected \(uncompressedSize)")
            }
            stage = try stage.withUnsafeBytes { block in
                try CodecDecoders.decode(
                    method: method, payload: UnsafeRawBufferPointer(rebasing: block[CompressedBlock.headerSize...]),
                    uncompressedSize: size, depth: depth + 1)
            }
        }
        return stage
    }
}

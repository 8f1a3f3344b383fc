import SHCore

/// The block decoders by method byte: adding a codec is one line here. Each turns a payload (the bytes after the
/// 9-byte header) into exactly `uncompressedSize` bytes or throws (`CANNOT_DECOMPRESS` for malformed payloads).
enum CodecDecoders {
    typealias Decoder =
        @Sendable (_ payload: UnsafeRawBufferPointer, _ uncompressedSize: Int, _ depth: Int) throws ->
        [UInt8]

    private static let byMethod: [UInt8: Decoder] = [
        0x02: { payload, size, _ in try GenericCodecs.decodeNone(payload, uncompressedSize: size) },
        0x82: { payload, size, _ in try GenericCodecs.decodeLZ4(payload, uncompressedSize: size) },
        0x90: { payload, size, _ in try GenericCodecs.decodeZstd(payload, uncompressedSize: size) },
        MultipleCodec.methodByte: { payload, size, depth in
            try MultipleCodec.decode(payload, uncompressedSize: size, depth: depth)
        },
        DeltaCodec.methodByte: { payload, size, _ in try DeltaCodec.decode(payload, uncompressedSize: size) },
        T64Codec.methodByte: { payload, size, _ in try T64Codec.decode(payload, uncompressedSize: size) },
        DoubleDeltaCodec.methodByte: { payload, size, _ in
            try DoubleDeltaCodec.decode(payload, uncompressedSize: size)
        },
        GorillaCodec.methodByte: { payload, size, _ in try GorillaCodec.decode(payload, uncompressedSize: size) },
        GCDCodec.methodByte: { payload, size, _ in try GCDCodec.decode(payload, uncompressedSize: size) },
        FPCCodec.methodByte: { payload, size, _ in try FPCCodec.decode(payload, uncompressedSize: size) },
    ]

    static func decoder(for method: UInt8) -> Decoder? { byMethod[method] }

    /// Decodes one payload; an unknown method byte is `UNKNOWN_COMPRESSION_METHOD` naming the codec.
    static func decode(method: UInt8, payload: UnsafeRawBufferPointer, uncompressedSize: Int, depth: Int = 0) throws
        -> [UInt8]
    {
        guard let decoder = byMethod[method] else {
            let name = CompressionCodec.methodName(method) ?? "0x" + String(method, radix: 16)
            throw DatabaseError(
                .unknownCompressionMethod, "Compression method \(name) is not supported by SwiftHouse yet")
        }
        return try decoder(payload, uncompressedSize, depth)
    }
}

import SHCore

/// A compression codec of ClickHouse's compressed blocks, with its method byte and `CODEC(...)` text. A chain such
/// as `CODEC(Delta(8), ZSTD(3))` is `.multiple([.delta(width: 8), .zstd(level: 3)])`, applied left to right.
public enum CompressionCodec: Sendable, Hashable, CustomStringConvertible {
    case none
    case lz4
    case lz4hc(level: Int)
    case zstd(level: Int)
    /// `Delta(n)`: differences of `width`-byte values (1, 2, 4 or 8).
    case delta(width: Int)
    /// `DoubleDelta` on `width`-byte values (1, 2, 4 or 8).
    case doubleDelta(width: Int)
    /// `Gorilla` on `width`-byte values (1, 2, 4 or 8).
    case gorilla(width: Int)
    /// `GCD` on `width`-byte values (1, 2, 4, 8 or 16 when writing), signed or not as the column's type.
    case gcd(width: Int, signed: Bool)
    /// `FPC(level)` on `width`-byte floats (4 or 8).
    case fpc(width: Int, level: Int)
    /// `T64` / `T64('bit')` for a column of `type`.
    case t64(T64Codec.ValueType, T64Codec.Variant)
    /// A chain of two or more codecs (at most 255), the first applied first.
    case multiple([CompressionCodec])

    /// The method byte in the block header (LZ4HC blocks are LZ4 blocks).
    public var methodByte: UInt8 {
        switch self {
        case .none: 0x02
        case .lz4, .lz4hc: 0x82
        case .zstd: 0x90
        case .multiple: MultipleCodec.methodByte
        case .delta: DeltaCodec.methodByte
        case .t64: T64Codec.methodByte
        case .doubleDelta: DoubleDeltaCodec.methodByte
        case .gorilla: GorillaCodec.methodByte
        case .gcd: GCDCodec.methodByte
        case .fpc: FPCCodec.methodByte
        }
    }

    /// `CODEC(LZ4)`, `CODEC(ZSTD(3))`, `CODEC(Delta(8), ZSTD(1))`: the text of `default_compression_codec.txt`.
    public var description: String {
        switch self {
        case .multiple(let codecs): "CODEC(" + codecs.map(\.codecText).joined(separator: ", ") + ")"
        default: "CODEC(" + codecText + ")"
        }
    }

    /// One codec's text inside `CODEC(...)`.
    var codecText: String {
        switch self {
        case .none: "NONE"
        case .lz4: "LZ4"
        case .lz4hc(let level): "LZ4HC(\(level))"
        case .zstd(let level): "ZSTD(\(level))"
        case .delta(let width): "Delta(\(width))"
        case .doubleDelta: "DoubleDelta"
        case .gorilla: "Gorilla"
        case .gcd: "GCD"
        case .fpc(_, let level): "FPC(\(level))"
        case .t64(_, let variant): variant == .bit ? "T64('bit')" : "T64"
        case .multiple(let codecs): codecs.map(\.codecText).joined(separator: ", ")
        }
    }

    /// Whether the codec compresses bytes of any type (LZ4, ZSTD, NONE), as opposed to a transform for fixed-width
    /// values (Delta, T64, …) that ClickHouse applies only to the value streams of such columns.
    public var isGeneric: Bool {
        switch self {
        case .none, .lz4, .lz4hc, .zstd: true
        case .multiple(let codecs): codecs.allSatisfy(\.isGeneric)
        default: false
        }
    }

    /// Appends the payload that follows the 9-byte header of a block holding `data`.
    func appendPayload(_ data: UnsafeRawBufferPointer, to out: inout [UInt8]) throws {
        switch self {
        case .none: out.append(contentsOf: data)
        case .lz4: try GenericCodecs.appendLZ4(data, highCompressionLevel: nil, to: &out)
        case .lz4hc(let level): try GenericCodecs.appendLZ4(data, highCompressionLevel: level, to: &out)
        case .zstd(let level): try GenericCodecs.appendZstd(data, level: level, to: &out)
        case .delta(let width): try DeltaCodec.encode(data, width: width, to: &out)
        case .doubleDelta(let width): try DoubleDeltaCodec.encode(data, width: width, to: &out)
        case .gorilla(let width): try GorillaCodec.encode(data, width: width, to: &out)
        case .gcd(let width, let signed): try GCDCodec.encode(data, width: width, signed: signed, to: &out)
        case .fpc(let width, let level): try FPCCodec.encode(data, width: width, level: level, to: &out)
        case .t64(let type, let variant): try T64Codec.encode(data, type: type, variant: variant, to: &out)
        case .multiple(let codecs): try MultipleCodec.encode(data, codecs: codecs, to: &out)
        }
    }

    /// Appends the 9-byte header (method byte, size with header, uncompressed size) and the payload for `data`: a
    /// block without its checksum, as ClickHouse's `ICompressionCodec::compress` writes it.
    func appendFramed(_ data: UnsafeRawBufferPointer, to out: inout [UInt8]) throws {
        let start = out.count
        out.append(methodByte)
        out.append(contentsOf: repeatElement(0, count: 8))
        try appendPayload(data, to: &out)
        guard let compressed = UInt32(exactly: out.count - start), let uncompressed = UInt32(exactly: data.count) else {
            throw DatabaseError(.cannotCompress, "Cannot compress: block too large")
        }
        withUnsafeBytes(of: compressed.littleEndian) { bytes in
            for i in 0..<4 { out[start + 1 + i] = bytes[i] }
        }
        withUnsafeBytes(of: uncompressed.littleEndian) { bytes in
            for i in 0..<4 { out[start + 5 + i] = bytes[i] }
        }
    }

    /// Whether SwiftHouse decodes blocks with this method byte.
    public static func canDecode(method byte: UInt8) -> Bool { CodecDecoders.decoder(for: byte) != nil }

    /// Names of ClickHouse's method bytes (for errors about codecs SwiftHouse does not decode).
    public static func methodName(_ byte: UInt8) -> String? {
        switch byte {
        case 0x02: "NONE"
        case 0x82: "LZ4"
        case 0x90: "ZSTD"
        case 0x91: "Multiple"
        case 0x92: "Delta"
        case 0x93: "T64"
        case 0x94: "DoubleDelta"
        case 0x95: "Gorilla"
        case 0x96: "AES_128_GCM_SIV"
        case 0x97: "AES_256_GCM_SIV"
        case 0x98: "FPC"
        case 0x99: "DeflateQpl"
        case 0x9A: "GCD"
        case 0x9B: "ZSTD_QPL"
        default: nil
        }
    }

    /// Method bytes of codecs that are known but not supported for reading.
    public static func unsupportedName(forMethod byte: UInt8) -> String? {
        canDecode(method: byte) ? nil : methodName(byte)
    }
}

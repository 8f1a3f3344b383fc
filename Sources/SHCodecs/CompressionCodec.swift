import SHCore

/// A compression codec of ClickHouse's compressed blocks, with its method byte and `CODEC(...)` text.
public enum CompressionCodec: Sendable, Hashable, CustomStringConvertible {
    case none
    case lz4
    case lz4hc(level: Int)
    case zstd(level: Int)

    /// The method byte in the block header (LZ4HC blocks are LZ4 blocks).
    public var methodByte: UInt8 {
        switch self {
        case .none: 0x02
        case .lz4, .lz4hc: 0x82
        case .zstd: 0x90
        }
    }

    /// `CODEC(LZ4)`, `CODEC(ZSTD(3))`: the text of `default_compression_codec.txt`.
    public var description: String {
        switch self {
        case .none: "CODEC(NONE)"
        case .lz4: "CODEC(LZ4)"
        case .lz4hc(let level): "CODEC(LZ4HC(\(level)))"
        case .zstd(let level): level == 1 ? "CODEC(ZSTD(1))" : "CODEC(ZSTD(\(level)))"
        }
    }

    /// Method bytes of codecs that are known but not supported for reading.
    public static func unsupportedName(forMethod byte: UInt8) -> String? {
        switch byte {
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
}

import SHCodecs
import SHSQL

/// Maps a column's `CODEC(...)` to a codec SwiftHouse writes: one of NONE, LZ4, LZ4HC(n), ZSTD(n).
/// Chains and other codecs (Delta, T64…) are not written yet: the column gets the default codec.
enum CodecSpecification {
    static func writable(_ codecs: [Expression]) -> CompressionCodec? {
        guard codecs.count == 1 else { return nil }
        switch codecs[0] {
        case .identifier(let parts) where parts.count == 1:
            return named(parts[0], level: nil)
        case .function(let call):
            var level: Int?
            if case .literal(.unsignedInteger(let value))? = call.arguments.first { level = Int(value) }
            return named(call.name, level: level)
        default:
            return nil
        }
    }

    private static func named(_ name: String, level: Int?) -> CompressionCodec? {
        switch name.uppercased() {
        case "NONE": CompressionCodec.none
        case "LZ4": .lz4
        case "LZ4HC": .lz4hc(level: level ?? 9)
        case "ZSTD": .zstd(level: level ?? 1)
        default: nil
        }
    }
}

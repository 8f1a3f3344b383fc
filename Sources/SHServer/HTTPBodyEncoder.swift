import SHCodecs
import SHCore

/// The encoding of an answer's body on its way out: ClickHouse's compressed blocks with `compress=1` (LZ4, one
/// block per piece, as its `CompressedWriteBuffer`), then the `Content-Encoding` the client accepted.
struct HTTPBodyEncoder {
    /// The URL asked for `compress=1`.
    var blockCompressed: Bool
    /// The stream compression of `Content-Encoding`, nil for none.
    private let compressor: (any StreamTransform)?

    init(blockCompressed: Bool, compression: StreamCompression?) throws {
        self.blockCompressed = blockCompressed
        self.compressor = try compression?.compressor()
    }

    /// The bytes to send for `piece`.
    func encode(_ piece: [UInt8]) throws -> [UInt8] {
        guard !piece.isEmpty else { return [] }
        var blocks = piece
        if blockCompressed {
            blocks = []
            try piece.withUnsafeBytes { try CompressedBlock.append($0, codec: .lz4, to: &blocks) }
        }
        guard let compressor else { return blocks }
        var compressed: [UInt8] = []
        try blocks.withUnsafeBytes { try compressor.update($0) { compressed += $0 } }
        return compressed
    }

    /// The bytes that end the body (the stream compression's trailer).
    func finish() throws -> [UInt8] {
        var tail: [UInt8] = []
        try compressor?.finish { tail += $0 }
        return tail
    }
}

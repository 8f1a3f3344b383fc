import CLZ4
import SHCore

/// Decompresses LZ4's frame format (what `Content-Encoding: lz4` and `.lz4` files hold, not ClickHouse's own
/// compressed blocks), piece by piece.
public final class LZ4FrameDecompressor: StreamTransform {
    private var context: OpaquePointer?
    /// The frame has ended: LZ4F_decompress returned 0.
    private var ended = false

    public init() throws {
        var created: OpaquePointer?
        let status = LZ4F_createDecompressionContext(&created, UInt32(LZ4F_VERSION))
        guard LZ4F_isError(status) == 0, let created else {
            throw DatabaseError(.logicalError, "LZ4 could not start the frame decoder")
        }
        context = created
    }

    deinit { LZ4F_freeDecompressionContext(context) }

    public func update(_ input: UnsafeRawBufferPointer, _ sink: ([UInt8]) throws -> Void) throws {
        var offset = 0
        var output = [UInt8](repeating: 0, count: streamPiece)
        while offset < input.count, let base = input.baseAddress {
            if ended { throw corruptStream("lz4", "bytes follow its end") }
            var produced = output.count
            var consumed = input.count - offset
            let hint = output.withUnsafeMutableBytes { out in
                LZ4F_decompress(context, out.baseAddress, &produced, base + offset, &consumed, nil)
            }
            guard LZ4F_isError(hint) == 0 else {
                throw corruptStream("lz4", String(cString: LZ4F_getErrorName(hint)))
            }
            offset += consumed
            if produced > 0 { try sink(Array(output[..<produced])) }
            if hint == 0 { ended = true }
            if consumed == 0 && produced == 0 { break }
        }
        // Output LZ4 still holds for input already consumed.
        while !ended {
            var produced = output.count
            var consumed = 0
            let hint = output.withUnsafeMutableBytes { out in
                LZ4F_decompress(context, out.baseAddress, &produced, nil, &consumed, nil)
            }
            guard LZ4F_isError(hint) == 0 else {
                throw corruptStream("lz4", String(cString: LZ4F_getErrorName(hint)))
            }
            if produced > 0 { try sink(Array(output[..<produced])) }
            if hint == 0 { ended = true }
            if produced == 0 { break }
        }
    }

    public func finish(_ sink: ([UInt8]) throws -> Void) throws {
        if !ended { throw corruptStream("lz4", "it ends before its end") }
    }
}

import CBzip2
import CLzma
import CZlib
import CZstd
import SHCore

/// A compression of a whole stream (an archive file: ClickHouse's `.tar.gz`, `.tar.zst`, `.tar.xz`, `.tar.lzma`,
/// `.tar.bz2` backups), compressed and decompressed in pieces so that memory stays bounded whatever the size.
public enum StreamCompression: String, Sendable, CaseIterable {
    case gzip, zstd, xz, lzma, bzip2

    /// The compression a file's name asks for, by its last extension as ClickHouse chooses it
    /// (`chooseCompressionMethod`): `.gz` `.gzip` `.tgz`, `.zst` `.zstd` `.tzst`, `.xz` `.txz`, `.lzma`, `.bz2`
    /// `.tbz2`; nil for none of these.
    public static func of(fileName: String) -> StreamCompression? {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        return extensions[fileName[fileName.index(after: dot)...].lowercased()]
    }

    static let extensions: [String: StreamCompression] = [
        "gz": .gzip, "gzip": .gzip, "tgz": .gzip, "zst": .zstd, "zstd": .zstd, "tzst": .zstd, "xz": .xz, "txz": .xz,
        "lzma": .lzma, "bz2": .bzip2, "tbz2": .bzip2,
    ]

    /// A new decompressor of this compression.
    public func decompressor() throws -> any StreamTransform {
        switch self {
        case .gzip: try ZlibStream(compressing: false)
        case .zstd: try ZstdStream(compressing: false)
        case .xz, .lzma: try LzmaStream(compressing: nil)
        case .bzip2: try Bzip2Stream(compressing: false)
        }
    }

    /// A new compressor of this compression, at each library's default level (ClickHouse's tar archives take no
    /// `compression_level`).
    public func compressor() throws -> any StreamTransform {
        switch self {
        case .gzip: try ZlibStream(compressing: true)
        case .zstd: try ZstdStream(compressing: true)
        case .xz: try LzmaStream(compressing: .xz)
        case .lzma: try LzmaStream(compressing: .lzma)
        case .bzip2: try Bzip2Stream(compressing: true)
        }
    }
}

/// One direction of a stream compression, fed piece by piece; every output piece (at most 64 KiB) goes to `sink`.
public protocol StreamTransform: AnyObject {
    /// Transforms `input`.
    func update(_ input: UnsafeRawBufferPointer, _ sink: ([UInt8]) throws -> Void) throws
    /// Ends the stream: a compressor writes what it holds; a decompressor fails unless the stream ended exactly.
    func finish(_ sink: ([UInt8]) throws -> Void) throws
}

let streamPiece = 1 << 16

func corruptStream(_ name: String, _ detail: String) -> DatabaseError {
    DatabaseError(.cannotDecompress, "Cannot decompress the \(name) stream: \(detail)")
}

/// gzip (zlib's deflate with a gzip header), both ways.
final class ZlibStream: StreamTransform {
    private var stream = z_stream()
    private let compressing: Bool
    private var ended = false

    init(compressing: Bool) throws {
        self.compressing = compressing
        let size = Int32(MemoryLayout<z_stream>.size)
        // 15 window bits + 16: a gzip header, as `.gz` files have.
        let status =
            compressing
            ? deflateInit2_(
                &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, size)
            : inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, size)
        guard status == Z_OK else { throw DatabaseError(.logicalError, "zlib could not start (\(status))") }
    }

    deinit { _ = compressing ? deflateEnd(&stream) : inflateEnd(&stream) }

    func update(_ input: UnsafeRawBufferPointer, _ sink: ([UInt8]) throws -> Void) throws {
        try run(input, flush: Z_NO_FLUSH, sink)
    }

    func finish(_ sink: ([UInt8]) throws -> Void) throws {
        try run(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH, sink)
        if !compressing && !ended { throw corruptStream("gzip", "it ends before its end") }
    }

    private func run(_ input: UnsafeRawBufferPointer, flush: Int32, _ sink: ([UInt8]) throws -> Void) throws {
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        var output = [UInt8](repeating: 0, count: streamPiece)
        while true {
            if !compressing && ended {
                if stream.avail_in > 0 { throw corruptStream("gzip", "bytes follow its end") }
                return
            }
            let (status, produced) = output.withUnsafeMutableBytes { buffer -> (Int32, Int) in
                stream.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(buffer.count)
                let status = compressing ? deflate(&stream, flush) : inflate(&stream, Z_NO_FLUSH)
                return (status, buffer.count - Int(stream.avail_out))
            }
            if produced > 0 { try sink(Array(output[0..<produced])) }
            switch status {
            case Z_STREAM_END:
                ended = true
                if compressing { return }
            case Z_OK, Z_BUF_ERROR:
                // Z_BUF_ERROR: no progress possible (input used up, or the output was full and is drained now).
                if produced == 0 && stream.avail_in == 0 { return }
            default:
                throw corruptStream("gzip", stream.msg.map { String(cString: $0) } ?? "zlib error \(status)")
            }
            if stream.avail_in == 0 && produced < streamPiece && flush != Z_FINISH { return }
        }
    }
}

/// zstd frames, both ways.
final class ZstdStream: StreamTransform {
    private let compressing: Bool
    private let cstream: OpaquePointer?
    private let dstream: OpaquePointer?
    /// A decompressor's frame ended with its last input (ZSTD_decompressStream returned 0).
    private var frameEnded = true

    init(compressing: Bool) throws {
        self.compressing = compressing
        cstream = compressing ? ZSTD_createCStream() : nil
        dstream = compressing ? nil : ZSTD_createDStream()
        guard compressing ? cstream != nil : dstream != nil else {
            throw DatabaseError(.logicalError, "zstd could not start")
        }
        if let cstream { _ = ZSTD_initCStream(cstream, 3) }
        if let dstream { _ = ZSTD_initDStream(dstream) }
    }

    deinit {
        if let cstream { ZSTD_freeCStream(cstream) }
        if let dstream { ZSTD_freeDStream(dstream) }
    }

    func update(_ input: UnsafeRawBufferPointer, _ sink: ([UInt8]) throws -> Void) throws {
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var output = [UInt8](repeating: 0, count: streamPiece)
        while source.pos < source.size {
            let (result, produced) = output.withUnsafeMutableBytes { buffer -> (Int, Int) in
                var target = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                let result =
                    compressing
                    ? ZSTD_compressStream2(cstream, &target, &source, ZSTD_e_continue)
                    : ZSTD_decompressStream(dstream, &target, &source)
                return (result, target.pos)
            }
            if ZSTD_isError(result) != 0 {
                throw corruptStream("zstd", String(cString: ZSTD_getErrorName(result)))
            }
            if produced > 0 { try sink(Array(output[0..<produced])) }
            if !compressing { frameEnded = result == 0 }
        }
        // A decompressor may hold output after its input is used up.
        guard !compressing else { return }
        while true {
            var empty = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
            let (result, produced) = output.withUnsafeMutableBytes { buffer -> (Int, Int) in
                var target = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                return (ZSTD_decompressStream(dstream, &target, &empty), target.pos)
            }
            if ZSTD_isError(result) != 0 {
                throw corruptStream("zstd", String(cString: ZSTD_getErrorName(result)))
            }
            // An empty call after a frame's end asks for the next frame's header: it does not reopen the frame.
            if produced > 0 {
                try sink(Array(output[0..<produced]))
                frameEnded = result == 0
            }
            if produced < streamPiece { return }
        }
    }

    func finish(_ sink: ([UInt8]) throws -> Void) throws {
        guard compressing else {
            if !frameEnded { throw corruptStream("zstd", "it ends inside a frame") }
            return
        }
        var output = [UInt8](repeating: 0, count: streamPiece)
        var remaining = 1
        while remaining != 0 {
            var empty = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
            let produced: Int
            (remaining, produced) = output.withUnsafeMutableBytes { buffer -> (Int, Int) in
                var target = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                return (ZSTD_compressStream2(cstream, &target, &empty, ZSTD_e_end), target.pos)
            }
            if ZSTD_isError(remaining) != 0 {
                throw corruptStream("zstd", String(cString: ZSTD_getErrorName(remaining)))
            }
            if produced > 0 { try sink(Array(output[0..<produced])) }
        }
    }
}

/// xz and the legacy `.lzma` format (liblzma): decompression recognizes both, compression writes the one asked for.
final class LzmaStream: StreamTransform {
    enum Format { case xz, lzma }
    private var stream = lzma_stream()
    private var ended = false
    private let compressing: Bool

    init(compressing format: Format?) throws {
        compressing = format != nil
        // LZMA_STREAM_INIT: every field zero.
        let status: lzma_ret
        switch format {
        case .xz?: status = lzma_easy_encoder(&stream, 6, LZMA_CHECK_CRC64)
        case .lzma?:
            var options = lzma_options_lzma()
            _ = lzma_lzma_preset(&options, 6)
            status = lzma_alone_encoder(&stream, &options)
        case nil: status = lzma_auto_decoder(&stream, UInt64.max, 0)
        }
        guard status == LZMA_OK else { throw DatabaseError(.logicalError, "liblzma could not start (\(status))") }
    }

    deinit { lzma_end(&stream) }

    func update(_ input: UnsafeRawBufferPointer, _ sink: ([UInt8]) throws -> Void) throws {
        try run(input, action: LZMA_RUN, sink)
    }

    func finish(_ sink: ([UInt8]) throws -> Void) throws {
        try run(UnsafeRawBufferPointer(start: nil, count: 0), action: LZMA_FINISH, sink)
        if !ended { throw corruptStream("xz", "it ends before its end") }
    }

    private func run(_ input: UnsafeRawBufferPointer, action: lzma_action, _ sink: ([UInt8]) throws -> Void) throws {
        stream.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.avail_in = input.count
        var output = [UInt8](repeating: 0, count: streamPiece)
        while !ended {
            let (status, produced) = output.withUnsafeMutableBytes { buffer -> (lzma_ret, Int) in
                stream.next_out = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
                stream.avail_out = buffer.count
                let status = lzma_code(&stream, action)
                return (status, buffer.count - stream.avail_out)
            }
            if produced > 0 { try sink(Array(output[0..<produced])) }
            switch status {
            case LZMA_STREAM_END: ended = true
            case LZMA_OK, LZMA_BUF_ERROR:
                if stream.avail_in == 0 && produced < streamPiece { return }
            default: throw corruptStream("xz", "liblzma error \(status.rawValue)")
            }
        }
        if !compressing && stream.avail_in > 0 { throw corruptStream("xz", "bytes follow its end") }
    }
}

/// bzip2, both ways.
final class Bzip2Stream: StreamTransform {
    private var stream = bz_stream()
    private let compressing: Bool
    private var ended = false

    init(compressing: Bool) throws {
        self.compressing = compressing
        let status = compressing ? BZ2_bzCompressInit(&stream, 9, 0, 0) : BZ2_bzDecompressInit(&stream, 0, 0)
        guard status == BZ_OK else { throw DatabaseError(.logicalError, "libbz2 could not start (\(status))") }
    }

    deinit { _ = compressing ? BZ2_bzCompressEnd(&stream) : BZ2_bzDecompressEnd(&stream) }

    func update(_ input: UnsafeRawBufferPointer, _ sink: ([UInt8]) throws -> Void) throws {
        try run(input, action: BZ_RUN, sink)
    }

    func finish(_ sink: ([UInt8]) throws -> Void) throws {
        try run(UnsafeRawBufferPointer(start: nil, count: 0), action: BZ_FINISH, sink)
        if !ended { throw corruptStream("bzip2", "it ends before its end") }
    }

    private func run(_ input: UnsafeRawBufferPointer, action: Int32, _ sink: ([UInt8]) throws -> Void) throws {
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: CChar.self))
        stream.avail_in = UInt32(input.count)
        var output = [UInt8](repeating: 0, count: streamPiece)
        while !ended {
            let (status, produced) = output.withUnsafeMutableBytes { buffer -> (Int32, Int) in
                stream.next_out = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                stream.avail_out = UInt32(buffer.count)
                let status = compressing ? BZ2_bzCompress(&stream, action) : BZ2_bzDecompress(&stream)
                return (status, buffer.count - Int(stream.avail_out))
            }
            if produced > 0 { try sink(Array(output[0..<produced])) }
            switch status {
            case BZ_STREAM_END: ended = true
            case BZ_OK, BZ_RUN_OK, BZ_FLUSH_OK, BZ_FINISH_OK:
                if action != BZ_FINISH && stream.avail_in == 0 && produced < streamPiece { return }
                if !compressing && action == BZ_FINISH && produced == 0 { return }
            default: throw corruptStream("bzip2", "libbz2 error \(status)")
            }
        }
        if !compressing && stream.avail_in > 0 { throw corruptStream("bzip2", "bytes follow its end") }
    }
}

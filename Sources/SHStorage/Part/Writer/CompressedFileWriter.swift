import Foundation
import SHCodecs
import SHCore

/// One compressed file of a part (`k.bin`, `data.bin`): buffers uncompressed bytes, emits compressed blocks
/// straight to disk, and tracks what checksums.txt needs (file size/hash, uncompressed size/hash).
final class CompressedFileWriter {
    static let minBlockSize = 65_536
    static let maxBlockSize = 1_048_576

    let name: String
    private let handle: FileHandle
    private let codec: CompressionCodec
    private(set) var buffer: [UInt8] = []
    private(set) var fileSize = 0
    private var fileHasher = ChainedFileHasher()
    private var dataHasher = ChainedFileHasher()
    private var dataSize = 0
    private var scratch: [UInt8] = []

    init(directory: URL, name: String, codec: CompressionCodec) throws {
        let handle = try NewFile.open(directory.appendingPathComponent(name))
        self.name = name
        self.handle = handle
        self.codec = codec
        buffer.reserveCapacity(Self.maxBlockSize)
    }

    /// Appends uncompressed bytes; a full buffer becomes a block at once. As in ClickHouse's CompressedWriteBuffer, a
    /// block holds at most `maxBlockSize` bytes: a longer write is cut at the block boundary.
    func write<C: Collection>(_ bytes: C) throws where C.Element == UInt8 {
        var rest = bytes[...]
        while buffer.count + rest.count >= Self.maxBlockSize {
            let take = Self.maxBlockSize - buffer.count
            buffer.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
            try flush()
        }
        buffer.append(contentsOf: rest)
    }

    /// The mark of the current position (compressed offset of the open block, offset inside it), after
    /// flushing the buffer if it already holds a worthwhile block (ClickHouse's granule-boundary rule).
    func markPosition(flushThreshold: Int = minBlockSize) throws -> (UInt64, UInt64) {
        if buffer.count >= flushThreshold { try flush() }
        return (UInt64(fileSize), UInt64(buffer.count))
    }

    /// Writes the buffered bytes as one compressed block.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        dataHasher.update(buffer)
        dataSize += buffer.count
        scratch.removeAll(keepingCapacity: true)
        try buffer.withUnsafeBytes { try CompressedBlock.append($0, codec: codec, to: &scratch) }
        fileHasher.update(scratch)
        fileSize += scratch.count
        try handle.write(contentsOf: scratch)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes (the part's directory is fsynced as a whole before it is published); returns the checksums.txt entry and the raw hash of the decompressed stream.
    func finish() throws -> (entry: PartChecksums.Entry, dataHash: UInt128Hash) {
        try flush()
        try handle.close()
        let dataHash = dataHasher.finalize()
        return (
            PartChecksums.Entry(size: fileSize, hash: fileHasher.finalize(), uncompressed: (dataSize, dataHash)),
            dataHash
        )
    }
}

/// Writes a small uncompressed part file and returns its checksums entry.
func writePlainFile(_ bytes: [UInt8], named name: String, in directory: URL) throws -> PartChecksums.Entry {
    try NewFile.write(bytes, to: directory.appendingPathComponent(name))
    return PartChecksums.Entry(size: bytes.count, hash: ChainedFileHasher.hash(bytes))
}

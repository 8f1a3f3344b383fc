import SHColumns
import SHCore
import SHFormats

/// `FORMAT Native`: each chunk as one uncompressed Native block (nothing for an empty result, as ClickHouse).
public struct NativeOutput: OutputFormat {
    let header: [ColumnDescription]
    let blockInfo: Bool

    /// Blocks of `header`'s columns; with `blockInfo` (the HTTP client sent `client_protocol_version`) each block
    /// starts with its info fields.
    public init(header: [ColumnDescription], blockInfo: Bool) {
        self.header = header
        self.blockInfo = blockInfo
    }

    /// Appends `chunk` as one block (an empty chunk writes nothing).
    public mutating func write(_ chunk: Chunk, into out: inout [UInt8]) {
        guard chunk.rowCount > 0 else { return }
        out += NativeBlocks.block(chunk, header: header, blockInfo: blockInfo)
    }

    /// Native has no suffix.
    public mutating func finish(into out: inout [UInt8]) {}
}

/// ClickHouse's file hash (`HashingWriteBuffer`): CityHash128WithSeed chained over 2048-byte blocks.
///
/// `state = (0,0)`; each full 2048-byte block updates `state = CityHash128WithSeed(block, state)`; a final
/// partial block is hashed the same way. The result does not depend on how the bytes are fed.
public struct ChainedFileHasher: Sendable {
    /// `DBMS_DEFAULT_HASHING_BLOCK_SIZE`.
    public static let blockSize = 2048

    private var state = UInt128Hash.zero
    private var pending: [UInt8] = []
    /// Bytes fed so far.
    public private(set) var byteCount: UInt64 = 0

    public init() {
        pending.reserveCapacity(Self.blockSize)
    }

    /// Feeds more bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        byteCount += UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(Self.blockSize - pending.count, bytes.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<take]))
            offset = take
            if pending.count < Self.blockSize { return }
            state = pending.withUnsafeBytes { CityHash128.withSeed($0, seed: state) }
            pending.removeAll(keepingCapacity: true)
        }
        while bytes.count - offset >= Self.blockSize {
            let block = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + Self.blockSize)])
            state = CityHash128.withSeed(block, seed: state)
            offset += Self.blockSize
        }
        if offset < bytes.count {
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        }
    }

    /// Feeds a byte array.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds a slice of a byte array.
    public mutating func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The hash of everything fed so far (the hasher may continue to be fed afterwards).
    public func finalize() -> UInt128Hash {
        if pending.isEmpty { return state }
        return pending.withUnsafeBytes { CityHash128.withSeed($0, seed: state) }
    }

    /// The chained hash of a whole byte buffer.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt128Hash {
        var hasher = ChainedFileHasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The chained hash of a byte array.
    public static func hash(_ bytes: [UInt8]) -> UInt128Hash {
        bytes.withUnsafeBytes { hash($0) }
    }
}

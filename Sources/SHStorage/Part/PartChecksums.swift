import SHCodecs
import SHCore

/// `checksums.txt` of a part: size and chained CityHash128 of every file, and of the decompressed stream of
/// compressed files. SwiftHouse writes format version 4 (a compressed body), as ClickHouse 26.9 does.
public struct PartChecksums: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var size: Int
        public var hash: UInt128Hash
        /// For compressed files: size and hash of the decompressed bytes.
        public var uncompressed: (size: Int, hash: UInt128Hash)?

        public init(size: Int, hash: UInt128Hash, uncompressed: (size: Int, hash: UInt128Hash)? = nil) {
            self.size = size
            self.hash = hash
            self.uncompressed = uncompressed
        }

        public static func == (a: Entry, b: Entry) -> Bool {
            a.size == b.size && a.hash == b.hash && a.uncompressed?.size == b.uncompressed?.size
                && a.uncompressed?.hash == b.uncompressed?.hash
        }
    }

    public var files: [String: Entry] = [:]

    public init(files: [String: Entry] = [:]) { self.files = files }

    /// Files that belong to a part but are never listed in checksums.txt.
    public static let unlisted: Set<String> = [
        "checksums.txt", "columns.txt", "columns_substreams.txt", "default_compression_codec.txt",
        "metadata_version.txt",
        "txn_version.txt", "invalidated_system_columns.txt",
    ]

    /// The entry a part's checksums.txt has for a projection directory (`p.proj`) whose own checksums.txt lists
    /// `files`: the total size of those files and ClickHouse's total checksum (`getTotalChecksumUInt128`, a SipHash128 of
    /// every name, in byte order, with its file hash). Nil when a file has no hash (a version 2 text checksums.txt has
    /// none to total).
    public static func projectionTotal(of files: [String: (size: Int, hash: UInt128Hash?)]) throws -> (
        size: Int, hash: UInt128Hash?
    ) {
        var size = 0
        var hasher = SipHash()
        var complete = true
        for name in files.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            guard let entry = files[name] else { continue }
            size = try SizeLimits.add(size, entry.size, what: "the size of a projection")
            guard let hash = entry.hash else {
                complete = false
                continue
            }
            hasher.update(littleEndian: UInt64(name.utf8.count))
            hasher.update(name.utf8)
            hasher.update(hash.storedBytes)
        }
        guard complete else { return (size, nil) }
        let (low, high) = hasher.digest128()
        return (size, UInt128Hash(low64: low, high64: high))
    }

    /// The bytes of `checksums.txt` (version 4, body compressed with `codec`).
    public func serialized(codec: CompressionCodec = .zstd(level: 3)) throws -> [UInt8] {
        var body: [UInt8] = []
        VarUInt.write(UInt64(files.count), to: &body)
        for name in files.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            guard let entry = files[name] else { continue }
            VarUInt.write(UInt64(name.utf8.count), to: &body)
            body += Array(name.utf8)
            VarUInt.write(UInt64(entry.size), to: &body)
            body += entry.hash.storedBytes
            if let uncompressed = entry.uncompressed {
                body.append(1)
                VarUInt.write(UInt64(uncompressed.size), to: &body)
                body += uncompressed.hash.storedBytes
            } else {
                body.append(0)
            }
        }
        var out = Array("checksums format version: 4\n".utf8)
        try body.withUnsafeBytes { try CompressedBlock.append($0, codec: codec, to: &out) }
        return out
    }
}

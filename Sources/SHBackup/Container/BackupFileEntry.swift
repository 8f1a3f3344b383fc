import SHCodecs

/// One `<file>` of a `.backup` manifest.
public struct BackupFileEntry: Sendable, Hashable {
    /// Path relative to the backup root (`data/db/t/all_1_1_0/data.bin`).
    public var name: String
    public var size: Int
    /// Chained CityHash128 of the whole file; nil for an empty file.
    public var checksum: UInt128Hash?
    /// The bytes (or their first `baseSize` bytes) come from the base backup.
    public var useBase = false
    /// Set when only a prefix comes from the base (append-only files of Log engines).
    public var baseSize: Int?
    public var baseChecksum: UInt128Hash?
    /// The object holding the bytes when it is not `name` (de-duplication, content-addressed names).
    public var dataFile: String?
    public var encryptedByDisk = false

    public init(name: String, size: Int, checksum: UInt128Hash?) {
        self.name = name
        self.size = size
        self.checksum = checksum
    }

    /// The (size, checksum) pair that identifies the content across backups.
    public var contentKey: ContentKey { ContentKey(size: size, checksum: checksum ?? .zero) }

    /// The identity of what the base backup holds of the file: the whole file, or the prefix an appended file had.
    public var baseContentKey: ContentKey {
        let prefix = baseSize ?? size
        return prefix == size ? contentKey : ContentKey(size: prefix, checksum: baseChecksum ?? .zero)
    }
}

/// A file's identity for de-duplication and incremental backups: ClickHouse matches (size, checksum), not names.
public struct ContentKey: Hashable, Sendable {
    public var size: Int
    public var checksum: UInt128Hash
}

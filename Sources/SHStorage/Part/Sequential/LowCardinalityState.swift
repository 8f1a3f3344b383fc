import SHColumns
import SHCore

/// Decoding state of a LowCardinality column: the global dictionary (from `.dict`) and the current
/// granule record of the index stream (flags, additional keys, rows left).
final class LowCardinalityState {
    let inner: DataType
    private var prefixRead = false
    private var dictionary: Column?
    private var additional: Column?
    private var remaining = 0
    private var width = 1
    private var usesDictionary = false

    init(inner: DataType) { self.inner = inner }

    /// Reads the state prefix: the keys serialization version, which must be 1.
    func readPrefix(from keys: DecompressedStream) throws {
        let version = try keys.readUInt64()
        guard version == 1 else {
            throw DatabaseError(.corruptedData, "Unknown LowCardinality keys version \(version)")
        }
        prefixRead = true
    }

    typealias KeyReader = (DataType, Int, DecompressedStream) throws -> Column

    func read(rows: Int, type: DataType, keys: DecompressedStream, indexes: DecompressedStream, readKeys: KeyReader)
        throws -> Column
    {
        if !prefixRead { try readPrefix(from: keys) }
        let keyType = inner.removingNullable
        var column = Column(type: type)
        var done = 0
        while done < rows {
            if remaining == 0 {
                let flags = try indexes.readUInt64()
                width = [1, 2, 4, 8][Int(flags & 0xFF) & 3]
                usesDictionary = flags & 0x100 != 0
                if usesDictionary, dictionary == nil || flags & 0x400 != 0 {
                    dictionary = try readKeys(keyType, try keys.readSize(what: "LowCardinality dictionary size"), keys)
                }
                additional =
                    flags & 0x200 != 0
                    ? try readKeys(keyType, try indexes.readSize(what: "number of LowCardinality keys"), indexes) : nil
                remaining = try indexes.readSize(what: "number of LowCardinality rows")
                if remaining == 0 { continue }
            }
            let take = min(remaining, rows - done)
            let bytes = try indexes.read(take, width: width)
            var offset = bytes.startIndex
            for _ in 0..<take {
                var index: UInt64 = 0
                for shift in 0..<width { index |= UInt64(bytes[offset + shift]) << UInt64(8 * shift) }
                offset += width
                column.append(try value(at: index))
            }
            remaining -= take
            done += take
        }
        return column
    }

    private func value(at index: UInt64) throws -> Value {
        let dictionarySize = usesDictionary ? (dictionary?.count ?? 0) : 0
        if usesDictionary, index < UInt64(dictionarySize), let dictionary {
            return inner.isNullable && index == 0 ? .null : dictionary.value(at: Int(index))
        }
        let position = index - UInt64(dictionarySize)
        guard let additional, position < UInt64(additional.count) else {
            throw DatabaseError(.corruptedData, "LowCardinality index \(index) is out of range")
        }
        if inner.isNullable && !usesDictionary && position == 0 { return .null }
        return additional.value(at: Int(position))
    }
}

import SHCodecs
import SHColumns
import SHCore

/// LowCardinality in its self-contained form: every granule carries its own keys as "additional keys"
/// (flags `width | 0x600`), and the `.dict` stream holds only the version prefix (written by PartWriter: once
/// per `.dict` file in Wide parts, before each granule's data in Compact parts). ClickHouse 26.9 reads this
/// form in Wide and Compact parts.
enum LowCardinalitySerializer {
    static let keysVersion: UInt64 = 1
    static let hasAdditionalKeys: UInt64 = 0x200
    static let needUpdateDictionary: UInt64 = 0x400
    /// `KeysSerializationVersion` = 1, the bytes that open the `.dict` stream.
    static let statePrefix: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 0]

    static func serialize(
        _ column: Column, rows: Range<Int>, inner: DataType, path: String, into sink: inout StreamSink
    ) {
        // Nothing at all for no rows (empty arrays and maps), as ClickHouse writes and expects it.
        guard !rows.isEmpty else { return }
        let nullable = inner.isNullable
        let keyType = inner.removingNullable
        var keys: [Value] = nullable ? [.null, keyType.defaultValue] : [keyType.defaultValue]
        var positions: [Value: Int] = [:]
        for (index, key) in keys.enumerated() where !key.isNull { positions[key] = index }
        var indexes: [Int] = []
        indexes.reserveCapacity(rows.count)
        for row in rows {
            let value = column.value(at: row)
            if value.isNull {
                indexes.append(0)
            } else if let position = positions[value] {
                indexes.append(position)
            } else {
                positions[value] = keys.count
                indexes.append(keys.count)
                keys.append(value)
            }
        }
        let (widthCode, width): (UInt64, Int) =
            keys.count <= 256 ? (0, 1) : keys.count <= 65_536 ? (1, 2) : (2, 4)
        var out: [UInt8] = []
        ColumnSerializer.appendLE(widthCode | hasAdditionalKeys | needUpdateDictionary, to: &out)
        ColumnSerializer.appendLE(UInt64(keys.count), to: &out)
        var keyColumn = Column(type: keyType)
        for key in keys { keyColumn.append(key.isNull ? keyType.defaultValue : key) }
        var keySink = StreamSink(collectAll: true)
        ColumnSerializer.serialize(keyColumn, rows: 0..<keys.count, type: keyType, path: "k", into: &keySink)
        out += keySink.all
        ColumnSerializer.appendLE(UInt64(indexes.count), to: &out)
        for index in indexes {
            var v = UInt64(index)
            for _ in 0..<width {
                out.append(UInt8(truncatingIfNeeded: v))
                v >>= 8
            }
        }
        sink.append(path, out)
    }
}

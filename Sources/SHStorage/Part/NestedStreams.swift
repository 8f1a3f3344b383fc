import SHColumns
import SHCore

/// ClickHouse's file name rule for the top-level array sizes of a column whose name holds a dot (`n.a`, a subcolumn
/// of `Nested` or any dotted Array/Map column): in Wide parts that stream is the nested table's, `n.size0`, shared
/// by every `n.*` column (`ISerialization::getFileNameForStream`); the name is split at its first dot. Compact parts
/// keep each column's own sizes.
enum NestedStreams {
    /// The nested table name of a column (`n` of `n.a`, `u` of `u.v.w`), if it has one.
    static func tableName(of column: String) -> String? {
        guard let dot = column.firstIndex(of: "."), dot != column.startIndex,
            column.index(after: dot) != column.endIndex
        else { return nil }
        return String(column[..<dot])
    }

    /// The file (without `.bin`) of the Wide-part substream `stream` of `column`.
    static func fileName(_ stream: String, column: String) -> String {
        guard let table = tableName(of: column), stream == escapeForFileName(column) + ".size0" else { return stream }
        return escapeForFileName(table) + ".size0"
    }

    /// Columns sharing one sizes stream must have equal array sizes in every row (ClickHouse's
    /// SIZES_OF_ARRAYS_DONT_MATCH when they do not).
    static func checkSharedSizes(_ columns: [Column], descriptions: [ColumnDescription], rows: Range<Int>) throws {
        var first: [String: Int] = [:]
        for (index, description) in descriptions.enumerated() {
            guard let table = tableName(of: description.name), columns[index].type.hasTopLevelSizes else { continue }
            guard let other = first[table] else {
                first[table] = index
                continue
            }
            let a = columns[other]
            let b = columns[index]
            for row in rows where a.arraySize(at: row) != b.arraySize(at: row) {
                throw DatabaseError(
                    .sizesOfArraysDontMatch,
                    "Elements '\(descriptions[other].name)' and '\(description.name)' of Nested data structure '\(table)' (Array columns) have different array sizes."
                )
            }
        }
    }
}

extension DataType {
    /// Arrays and Maps: their values have a top-level sizes stream.
    var hasTopLevelSizes: Bool {
        switch self {
        case .array, .map: true
        default: false
        }
    }
}

extension Column {
    /// The number of elements of row `row` of an Array or Map column.
    func arraySize(at row: Int) -> UInt64 {
        let end = offsets[row]
        return row == 0 ? end : end - offsets[row - 1]
    }
}

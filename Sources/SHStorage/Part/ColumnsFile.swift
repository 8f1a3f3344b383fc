import SHColumns

/// `columns.txt` of parts and Memory backups: `columns format version: 1\n<N> columns:\n`name` Type\n…`.
enum ColumnsFile {
    static func text(_ columns: [ColumnDescription]) -> String {
        var text = "columns format version: 1\n\(columns.count) columns:\n"
        for column in columns {
            let quoted = column.name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "`", with: "\\`")
            text += "`\(quoted)` \(column.type)\n"
        }
        return text
    }
}

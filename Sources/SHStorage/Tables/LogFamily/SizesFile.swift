import Foundation
import SHCore

/// ClickHouse's `sizes.json` (its `FileChecker`): the size of every data file of a Log family table (and of a Memory
/// table's backup), `{"clickhouse":{"a%2Ebin":{"size":"80"},...}}`, names escaped and sorted.
///
/// A table's files only grow, and `sizes.json` is replaced after the bytes it counts are on disk, so bytes past the
/// recorded size are an interrupted INSERT: they are cut off when the table is opened.
public enum SizesFile {
    /// The most bytes a `sizes.json` may have (a table has a file per substream, each a short entry).
    public static let maxBytes = 1 << 20

    /// The text of `sizes.json` for `sizes` (file name → size in bytes).
    public static func text(_ sizes: [String: Int]) -> String {
        let entries = sizes.keys.sorted().map { "\"\(escapeForFileName($0))\":{\"size\":\"\(sizes[$0]!)\"}" }
        return "{\"clickhouse\":{" + entries.joined(separator: ",") + "}}"
    }

    /// The sizes recorded in a `sizes.json` (file name → size); a file that is not one throws CORRUPTED_DATA naming
    /// `file`.
    public static func parse(_ bytes: [UInt8], file: String) throws -> [String: Int] {
        let damaged = DatabaseError(.corruptedData, "File \(file) is damaged: it is not a list of file sizes")
        guard bytes.count <= maxBytes,
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let files = object["clickhouse"] as? [String: Any]
        else { throw damaged }
        var sizes: [String: Int] = [:]
        for (escaped, entry) in files {
            guard let fields = entry as? [String: Any], let text = fields["size"] as? String, let size = Int(text),
                size >= 0
            else { throw damaged }
            sizes[unescapeForFileName(escaped)] = size
        }
        return sizes
    }
}

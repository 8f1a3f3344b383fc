import Foundation
import SHCodecs
import SHColumns
import SHCore

/// The descriptive files of a part: columns.txt, count.txt, serialization.json, columns_substreams.txt, marks kind.
struct PartMetadata {
    var columns: [ColumnDescription] = []
    var rowCount = 0
    var isCompact = false
    /// String columns use a `.size` stream (serialization.json `"string": 1`).
    var stringsWithSizeStream = false
    /// The string rule applies to strings nested in Array/Nullable/Tuple too.
    var propagateToNested = false
    var sparseColumns: Set<String> = []
    /// Compact marks: file name and the number of (offset, offset) pairs per record.
    var compactMarksFile: String?
    var compactMarkPairs = 0

    init(directory: URL) throws {
        let fileManager = FileManager.default
        let files = Set(try fileManager.contentsOfDirectory(atPath: directory.path))
        let partName = directory.lastPathComponent
        func text(_ name: String) throws -> String {
            guard let data = fileManager.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw DatabaseError(.noFileInDataPart, "No \(name) in part \(partName)")
            }
            return String(decoding: data, as: UTF8.self)
        }
        guard let countBytes = fileManager.contents(atPath: directory.appendingPathComponent("count.txt").path) else {
            throw DatabaseError(.noFileInDataPart, "No count.txt in part \(partName)")
        }
        do {
            rowCount = try PartRowCount.parse([UInt8](countBytes))
        } catch let error as DatabaseError {
            throw error.adding(context: "While reading count.txt of part \(partName)")
        }
        columns = try Self.parseColumns(try text("columns.txt"))
        isCompact = Self.isCompact(files: files, columns: columns)
        if files.contains("serialization.json") {
            let parsed: Any
            do {
                parsed = try JSONSerialization.jsonObject(with: Data(try text("serialization.json").utf8))
            } catch let error as DatabaseError {
                throw error
            } catch {
                throw DatabaseError(
                    .corruptedData, "Cannot parse serialization.json of part \(partName): it is not valid JSON",
                    underlying: error, file: "serialization.json")
            }
            let json = parsed as? [String: Any] ?? [:]
            let versions = json["types_serialization_versions"] as? [String: Any]
            stringsWithSizeStream = (versions?["string"] as? Int) == 1
            propagateToNested = (json["propagate_types_serialization_versions_to_nested_types"] as? Bool) ?? false
            for column in json["columns"] as? [[String: Any]] ?? [] where (column["kind"] as? String) == "Sparse" {
                if let name = column["name"] as? String { sparseColumns.insert(name) }
            }
        }
        if isCompact {
            if let marks = Self.compactMarksFiles.first(where: files.contains) {
                compactMarksFile = marks
                if marks.hasSuffix("4") {
                    compactMarkPairs = try Self.substreamCount(try text("columns_substreams.txt"))
                } else {
                    compactMarkPairs = columns.count
                }
            } else if rowCount != 0 {
                // An empty part (ClickHouse writes one when a merge or TTL leaves no row) has no marks at all.
                throw DatabaseError(.noFileInDataPart, "No marks file data.mrk3 in part \(partName)")
            }
        }
    }

    /// The marks files of a Compact part, in the order they are looked for.
    static let compactMarksFiles = ["data.mrk3", "data.cmrk3", "data.mrk4", "data.cmrk4"]

    /// Whether a part with these files is Compact: it has Compact marks, or (an empty Compact part has no marks) a
    /// `data.bin` that is not the stream of a column named `data` (a Wide part's).
    static func isCompact(files: Set<String>, columns: [ColumnDescription]) -> Bool {
        if compactMarksFiles.contains(where: files.contains) { return true }
        return files.contains("data.bin") && !columns.contains { escapeForFileName($0.name) == "data" }
    }

    /// `columns format version: 1\n<N> columns:\n`name` Type\n…`.
    static func parseColumns(_ text: String) throws -> [ColumnDescription] {
        var columns: [ColumnDescription] = []
        for line in text.split(separator: "\n").dropFirst(2) where !line.isEmpty {
            guard line.hasPrefix("`") else {
                throw DatabaseError(.corruptedData, "Cannot parse columns.txt line: \(line)")
            }
            var name = ""
            var index = line.index(after: line.startIndex)
            while index < line.endIndex, line[index] != "`" {
                if line[index] == "\\", line.index(after: index) < line.endIndex { index = line.index(after: index) }
                name.append(line[index])
                index = line.index(after: index)
            }
            guard index < line.endIndex else {
                throw DatabaseError(.corruptedData, "Cannot parse columns.txt line: \(line)")
            }
            let typeText = line[line.index(after: index)...].trimmingCharacters(in: .whitespaces)
            columns.append(ColumnDescription(name: name, type: try DataType(parsing: typeText)))
        }
        return columns
    }

    /// The bytes of a part file, or `FILE_DOESNT_EXIST` naming it.
    static func bytes(of file: String, in directory: URL) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) else {
            throw DatabaseError(
                .fileDoesntExist, "File \(file) doesn't exist in data part \(directory.lastPathComponent)")
        }
        return [UInt8](data)
    }

    static func substreamCount(_ text: String) throws -> Int {
        text.split(separator: "\n").filter { $0.hasPrefix("\t") }.count
    }

    /// The most rows a Compact granule may have (ClickHouse's granules hold at most `index_granularity`
    /// rows, 8192 by default); a Compact granule is decoded at once, so this bounds its memory.
    static let maxGranuleRows = 1 << 24

    /// Rows of each granule, from a Compact part's marks (the last UInt64 of every record; the final mark has 0).
    func compactGranules(directory: URL) throws -> [Int] {
        guard let file = compactMarksFile else { return [] }
        let raw = try Self.bytes(of: file, in: directory)
        let bytes = file.hasPrefix("data.c") ? try CompressedBlock.decodeAll(raw, fileName: file) : raw
        let recordSize = compactMarkPairs * 16 + 8
        guard recordSize > 8, bytes.count % recordSize == 0 else {
            throw DatabaseError(.corruptedData, "Bad size of marks file \(file): \(bytes.count)")
        }
        var granules: [Int] = []
        var total = 0
        for record in stride(from: 0, to: bytes.count, by: recordSize) {
            let rows = bytes.withUnsafeBytes {
                UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: record + recordSize - 8, as: UInt64.self))
            }
            // A granule is read at once: bounded like ClickHouse's granules (at most `index_granularity` rows).
            guard rows <= UInt64(Self.maxGranuleRows) else {
                throw DatabaseError(
                    .corruptedData,
                    "Too many rows (\(rows)) in a granule of \(file) in part \(directory.lastPathComponent); at most \(Self.maxGranuleRows) are read"
                )
            }
            guard rows <= UInt64(rowCount) - UInt64(total) else {
                throw DatabaseError(
                    .corruptedData,
                    "The marks \(file) of part \(directory.lastPathComponent) hold more rows than count.txt (\(rowCount))"
                )
            }
            total += Int(rows)
            if rows > 0 { granules.append(Int(rows)) }
        }
        guard total == rowCount else {
            throw DatabaseError(
                .corruptedData,
                "The marks \(file) of part \(directory.lastPathComponent) hold \(total) rows, count.txt says \(rowCount)"
            )
        }
        return granules
    }
}

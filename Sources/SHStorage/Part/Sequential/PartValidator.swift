import Foundation
import SHCodecs
import SHColumns
import SHCore

/// Full validation of a part directory before it is attached (RESTORE): every file against checksums.txt,
/// columns.txt against the table, the marks, the primary index, and every row of every column decoded
/// (granule by granule, so memory stays at one chunk), with the row count checked against count.txt.
/// Throws ClickHouse's error for the first problem found.
public enum PartValidator {
    /// Rows decoded at a time while validating.
    public static let chunkRows = 8192

    /// Validates the part in `directory` for a table with `columns`, whose primary index holds values of
    /// `primaryKeyTypes`. `partitionID`, when given, is the id calculated from the part's partition.dat,
    /// which must be the one in the part's name. `inspect` sees every chunk of rows with the part's columns it
    /// holds (a Wide part's columns one by one, on several threads at once; a Compact part's all together), e.g. to
    /// convert them to the table's types.
    public static func validate(
        _ directory: URL, name: PartName, columns: [ColumnDescription], primaryKeyTypes: [DataType],
        partitionID: String?, verified: [String: (size: Int, hash: UInt128Hash)] = [:],
        addedColumns: Set<String> = [],
        inspect: @Sendable (Chunk, [ColumnDescription]) throws -> Void = { _, _ in }
    ) throws {
        let part = name.description
        if let partitionID, partitionID != name.partitionID {
            throw DatabaseError(
                .corruptedData,
                "While loading part \(part): calculated partition ID: \(partitionID) differs from partition ID in part name: \(name.partitionID)"
            )
        }
        try PartChecksumVerifier.verify(directory, part: part, verified: verified)
        let reader = try SequentialPartReader(directory: directory)
        // A column added by ALTER after the part was written may be absent (it reads its default).
        try checkColumns(reader.columns, against: columns.filter { !addedColumns.contains($0.name) }, part: part)
        let marks = try markCount(directory, part: part, metadata: reader.metadata)
        try checkPrimaryIndex(directory, part: part, keyTypes: primaryKeyTypes, marks: marks)
        // A Wide part keeps each column in its own files: the columns decode side by side, on every core. A Compact
        // part interleaves them in one file, read front to back.
        let groups = reader.metadata.isCompact ? [reader.columns] : reader.columns.map { [$0] }
        try concurrently(groups.count) { group in
            let columns = groups[group]
            var iterator = try reader.chunks(columns: columns.map(\.name), chunkRows: chunkRows)
            var rows = 0
            while let chunk = try iterator.next() {
                try inspect(chunk, columns)
                rows += chunk.rowCount
                if chunk.rowCount == 0 { break }
            }
            guard rows == reader.rowCount else {
                throw DatabaseError(
                    .corruptedData, "Part \(part) holds \(rows) rows, count.txt says \(reader.rowCount)")
            }
            try iterator.checkFullyRead()
        }
        try validateProjections(directory, part: part)
    }

    /// Runs `body` for `0..<count` on every core; throws the error of the lowest index that failed (the same
    /// answer as a serial run that checks every index).
    static func concurrently(_ count: Int, _ body: @Sendable (Int) throws -> Void) throws {
        guard count > 1 else {
            if count == 1 { try body(0) }
            return
        }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: count) { index in
            do {
                try body(index)
            } catch {
                failures.record(error, at: index)
            }
        }
        if let error = failures.first { throw error }
    }

    /// Every projection of the part (`<name>.proj`, checked against the part's checksums.txt by
    /// ``PartChecksumVerifier``) is decoded row by row when SwiftHouse knows all of its column types; a projection
    /// with other types (the `AggregateFunction` states of an aggregating projection) is kept as ClickHouse wrote it,
    /// its bytes verified. Queries do not read projections.
    static func validateProjections(_ directory: URL, part: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".proj") }
        for name in names.sorted() {
            let projection = directory.appendingPathComponent(name)
            let reader: SequentialPartReader
            do {
                reader = try SequentialPartReader(directory: projection)
            } catch let error as DatabaseError where error.code == .unknownType {
                continue
            }
            var iterator = try reader.chunks(columns: nil, chunkRows: chunkRows)
            var rows = 0
            while let chunk = try iterator.next() {
                rows += chunk.rowCount
                if chunk.rowCount == 0 { break }
            }
            guard rows == reader.rowCount else {
                throw DatabaseError(
                    .corruptedData,
                    "Projection \(name) of part \(part) holds \(rows) rows, count.txt says \(reader.rowCount)")
            }
            try iterator.checkFullyRead()
        }
    }

    /// Every table column must be in the part. Its type there may differ (LowCardinality, or an older type
    /// restored with `allow_different_table_def`): readers convert, as ClickHouse does; a columns.txt whose
    /// type does not describe the data fails when the data is decoded.
    public static func checkColumns(
        _ partColumns: [ColumnDescription], against columns: [ColumnDescription], part: String
    ) throws {
        for column in columns where !partColumns.contains(where: { $0.name == column.name }) {
            throw DatabaseError(
                .noSuchColumnInTable, "Column \(column.name) is missing in data part \(part) (ALTER is not supported)")
        }
    }

    /// The number of marks of the part, checked in every marks file: whole records, offsets within the data
    /// file, granule rows adding up to count.txt, the same number of marks for every stream.
    static func markCount(_ directory: URL, part: String, metadata: PartMetadata) throws -> Int {
        if metadata.isCompact {
            guard let file = metadata.compactMarksFile else { return 0 }
            let bytes = try marksBytes(directory, file: file)
            return bytes.count / (metadata.compactMarkPairs * 16 + 8)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var count: Int?
        // Skip indexes (`skp_idx_<name>.idx` with `.cmrk2`/`.mrk2`…) have one mark per GRANULARITY granules, not per
        // granule: their marks are not the columns'.
        for file in files where !file.hasPrefix("skp_idx_") {
            let recordSize: Int
            let stem: Substring
            if let dot = file.lastIndex(of: "."), ["mrk2", "cmrk2"].contains(file[file.index(after: dot)...]) {
                recordSize = 24
                stem = file[..<dot]
            } else if let dot = file.lastIndex(of: "."), ["mrk", "cmrk"].contains(file[file.index(after: dot)...]) {
                recordSize = 16
                stem = file[..<dot]
            } else {
                continue
            }
            let bytes = try marksBytes(directory, file: file)
            guard bytes.count % recordSize == 0 else {
                throw DatabaseError(
                    .corruptedData, "Bad size of marks file \(file) in data part \(part): \(bytes.count)")
            }
            let dataFile = String(stem) + ".bin"
            guard let dataSize = FileStatus(directory.appendingPathComponent(dataFile).path)?.size else {
                throw DatabaseError(.noFileInDataPart, "No file \(dataFile) in data part \(part) for marks \(file)")
            }
            var rows = 0
            var previous: UInt64 = 0
            try bytes.withUnsafeBytes { buffer in
                for record in stride(from: 0, to: buffer.count, by: recordSize) {
                    let offset = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: record, as: UInt64.self))
                    guard offset <= UInt64(dataSize), offset >= previous else {
                        throw DatabaseError(
                            .corruptedData,
                            "Mark \(record / recordSize) of \(file) in data part \(part) points at \(offset), outside \(dataFile) (\(dataSize) bytes)"
                        )
                    }
                    previous = offset
                    if recordSize == 24 {
                        let granule = UInt64(
                            littleEndian: buffer.loadUnaligned(fromByteOffset: record + 16, as: UInt64.self))
                        guard granule <= UInt64(metadata.rowCount - rows) else {
                            throw DatabaseError(
                                .corruptedData,
                                "The marks \(file) of data part \(part) hold more rows than count.txt (\(metadata.rowCount))"
                            )
                        }
                        rows += Int(granule)
                    }
                }
            }
            if recordSize == 24, rows != metadata.rowCount {
                throw DatabaseError(
                    .corruptedData,
                    "The marks \(file) of data part \(part) hold \(rows) rows, count.txt says \(metadata.rowCount)")
            }
            let marks = bytes.count / recordSize
            if let count, count != marks {
                throw DatabaseError(
                    .corruptedData, "The marks \(file) of data part \(part) has \(marks) marks, other streams \(count)")
            }
            count = marks
        }
        return count ?? 0
    }

    /// The decompressed bytes of a marks file (`.cmrk*` are compressed), bounded.
    private static func marksBytes(_ directory: URL, file: String) throws -> [UInt8] {
        let raw = try PartMetadata.bytes(of: file, in: directory)
        let compressed = file.split(separator: ".").last?.hasPrefix("c") == true
        return compressed ? try CompressedBlock.decodeAll(raw, fileName: file) : raw
    }

    /// primary.idx / primary.cidx: one entry per mark of the sorting key's values (checked when every key
    /// type has a fixed width or is a String, the types SwiftHouse writes keys of); otherwise decompressed only.
    static func checkPrimaryIndex(_ directory: URL, part: String, keyTypes: [DataType], marks: Int) throws {
        let bytes: [UInt8]
        if let data = FileManager.default.contents(atPath: directory.appendingPathComponent("primary.idx").path) {
            bytes = [UInt8](data)
        } else if let data = FileManager.default.contents(
            atPath: directory.appendingPathComponent("primary.cidx").path)
        {
            bytes = try CompressedBlock.decodeAll([UInt8](data), fileName: "primary.cidx")
        } else {
            return
        }
        let types = keyTypes.map(\.withoutLowCardinality)
        guard !types.isEmpty, types.allSatisfy({ $0 == .string || ($0.fixedWidth != nil && !$0.isNullable) }) else {
            return
        }
        var reader = ByteReader(bytes)
        var entries = 0
        do {
            while !reader.isAtEnd {
                for type in types {
                    if type == .string {
                        _ = try reader.readStringBinary()
                    } else {
                        _ = try reader.readBytes(type.fixedWidth ?? 0)
                    }
                }
                entries += 1
            }
        } catch let error as DatabaseError {
            throw error.adding(context: "While reading the primary index of data part \(part)")
        }
        guard entries == marks else {
            throw DatabaseError(
                .corruptedData, "The primary index of data part \(part) has \(entries) entries for \(marks) marks")
        }
    }
}

/// The errors of a concurrent run, by index.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [(index: Int, error: any Error)] = []

    func record(_ error: any Error, at index: Int) {
        lock.withLock { errors.append((index, error)) }
    }

    /// The error of the lowest index.
    var first: (any Error)? { lock.withLock { errors.min { $0.index < $1.index }?.error } }
}

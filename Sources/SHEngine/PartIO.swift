import Foundation
import SHCodecs
import SHColumns
import SHCore
import SHExecution
import SHStorage

/// Reads the rows of one data part for a query, converting the part's column types to the table's
/// (ClickHouse's parts may carry, e.g., LowCardinality where the table says String after an ALTER).
struct PartChunks {
    private var iterator: SequentialChunkIterator
    private let reader: SequentialPartReader
    private let columns: [ColumnDescription]
    private let part: DataPart

    init(part: DataPart, columns: [ColumnDescription]) throws {
        self.part = part
        self.columns = columns
        reader = try SequentialPartReader(directory: part.directory)
        let available = Set(reader.columns.map(\.name))
        for column in columns where !available.contains(column.name) {
            throw DatabaseError(
                .noSuchColumnInTable,
                "Column \(column.name) is missing in data part \(part.name) (ALTER is not supported)")
        }
        iterator = try reader.chunks(columns: columns.map(\.name))
    }

    mutating func next() throws -> Chunk? {
        guard let chunk = try iterator.next() else { return nil }
        var converted: [Column] = []
        for (index, column) in chunk.columns.enumerated() {
            converted.append(try ColumnCast.cast(column, to: columns[index].type))
        }
        return Chunk(columns: converted, rowCount: chunk.rowCount)
    }

    /// The part's partition values (from partition.dat) and their types, for rewriting merged parts.
    func partitionValues(types: [DataType]) throws -> [Value] {
        try reader.partitionValues(types: types)
    }
}

/// Checks used by CHECK TABLE and RESTORE.
enum PartVerification {
    /// ClickHouse's message for the first problem found in a part directory, or nil.
    static func problem(in directory: URL) -> String? { PartChecksumVerifier.problem(in: directory) }

    /// Fails unless the part's description can be read and holds every column of the table (its files were
    /// already verified against the backup's checksums while they were downloaded).
    static func checkReadable(_ directory: URL, columns: [ColumnDescription]) throws {
        let reader = try SequentialPartReader(directory: directory)
        // Codecs SwiftHouse cannot decode are refused now rather than when the data is read.
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".bin") {
            guard let handle = FileHandle(forReadingAtPath: directory.appendingPathComponent(file).path) else {
                continue
            }
            defer { try? handle.close() }
            let header = [UInt8](try handle.read(upToCount: 17) ?? Data())
            if header.count == 17, ![0x02, 0x82, 0x90].contains(header[16]) {
                let codec =
                    CompressionCodec.unsupportedName(forMethod: header[16]) ?? "0x" + String(header[16], radix: 16)
                throw DatabaseError(
                    .unknownCompressionMethod,
                    "Compression codec \(codec) (file \(file)) is not supported by SwiftHouse yet")
            }
        }
        let available = Set(reader.columns.map(\.name))
        for column in columns where !available.contains(column.name) {
            throw DatabaseError(
                .noSuchColumnInTable,
                "Column \(column.name) is missing in part \(directory.lastPathComponent) of the backup")
        }
    }
}

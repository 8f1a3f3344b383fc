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
        try PartValidator.checkColumns(reader.columns, against: columns, part: part.name.description)
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

    /// Fails unless the part in `directory` (named `name` in the backup) is fully readable as a part of
    /// `table`: a part name whose partition id is the one calculated from its partition.dat, every file
    /// matching checksums.txt, columns.txt matching the table, consistent marks and primary index, and every
    /// row of every column decoded (granule by granule), with as many rows as count.txt says. Codecs
    /// SwiftHouse cannot decode are refused too. The error names the part and the problem.
    static func checkReadable(
        _ directory: URL, name: PartName, table: MergeTreeTable, context: QueryContext,
        verified: [String: (size: Int, hash: UInt128Hash)] = [:]
    ) throws {
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".bin") {
            guard let handle = FileHandle(forReadingAtPath: directory.appendingPathComponent(file).path) else {
                continue
            }
            defer { try? handle.close() }
            let header = [UInt8](try handle.read(upToCount: 17) ?? Data())
            if header.count == 17, !CompressionCodec.canDecode(method: header[16]) {
                let codec =
                    CompressionCodec.unsupportedName(forMethod: header[16]) ?? "0x" + String(header[16], radix: 16)
                throw DatabaseError(
                    .unknownCompressionMethod,
                    "Compression codec \(codec) (file \(file)) is not supported by SwiftHouse yet")
            }
        }
        let columns = table.columns
        try PartValidator.validate(
            directory, name: name, columns: columns, primaryKeyTypes: table.keys.primaryKeyTypes,
            partitionID: try calculatedPartitionID(directory, table: table), verified: verified
        ) { chunk, partColumns in
            // Every value must convert to the table's type, as SELECT will convert it.
            for column in columns {
                guard let index = partColumns.firstIndex(where: { $0.name == column.name }) else { continue }
                _ = try ColumnCast.cast(chunk.columns[index], to: column.type)
            }
        }
    }

    /// The partition id of the part's partition.dat values, or nil when SwiftHouse cannot calculate it for
    /// the table's partition key (types whose hashed ids are not done).
    private static func calculatedPartitionID(_ directory: URL, table: MergeTreeTable) throws -> String? {
        guard table.keys.partition != nil else { return "all" }
        let types = table.keys.partitionTypes
        let values = try SequentialPartReader(directory: directory).partitionValues(types: types)
        guard values.count == types.count else { return "" }
        do {
            return try PartitionID.compute(values: values, types: types)
        } catch let error as DatabaseError where error.code == .notImplemented {
            return nil
        }
    }
}

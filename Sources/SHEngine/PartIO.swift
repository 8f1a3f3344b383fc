import Foundation
import SHCodecs
import SHColumns
import SHCore
import SHExecution
import SHSQL
import SHStorage

/// Reads the rows of one data part for a query, converting the part's column types to the table's
/// (ClickHouse's parts may carry, e.g., LowCardinality where the table says String after an ALTER).
struct PartChunks {
    private var iterator: SequentialChunkIterator
    private let reader: SequentialPartReader
    private let columns: [ColumnDescription]
    private let part: DataPart

    /// Columns the part lacks (added by `ALTER TABLE … ADD COLUMN` after it was written), with the value each row
    /// reads for them, in `columns` order (nil: read from the part).
    private let filled: [Value?]
    /// Whether the part has ClickHouse's lightweight-DELETE mask (`_row_exists`, read after the asked columns): rows
    /// where it is 0 were deleted and are skipped, as ClickHouse skips them.
    private let masked: Bool

    /// The mask column of parts that had rows deleted by a lightweight `DELETE FROM` in ClickHouse.
    static let rowExistsColumn = "_row_exists"

    /// `missing` gives the value of a column the part does not have (see `missingColumnValues(of:)`); any
    /// other column the part lacks is an error. With `projection` (a directory name such as `p.proj`), the rows of
    /// that projection part of `part` are read instead of the part's own.
    /// With `granules`, every chunk is one granule of the part, as ClickHouse reads parts for a merge.
    init(
        part: DataPart, projection: String? = nil, columns: [ColumnDescription], missing: [String: Value] = [:],
        granules: Bool = false
    ) throws {
        self.part = part
        self.columns = columns
        reader = try SequentialPartReader(
            directory: projection.map { part.directory.appendingPathComponent($0) } ?? part.directory)
        let present = Set(reader.columns.map(\.name))
        filled = columns.map { present.contains($0.name) ? nil : missing[$0.name] }
        let read = columns.filter { present.contains($0.name) || missing[$0.name] == nil }
        try PartValidator.checkColumns(reader.columns, against: read, part: part.name.description)
        // With only filled columns asked for, the part's first column gives the row counts.
        var names = read.isEmpty ? Array(reader.columns.prefix(1).map(\.name)) : read.map(\.name)
        masked = reader.columns.contains { $0.name == Self.rowExistsColumn }
        if masked { names.append(Self.rowExistsColumn) }
        iterator = try reader.chunks(columns: names, granules: granules)
    }

    mutating func next() throws -> Chunk? {
        while var chunk = try iterator.next() {
            if masked { chunk = try Self.applyingMask(chunk) }
            guard chunk.rowCount > 0 else { continue }
            return try converted(chunk)
        }
        return nil
    }

    /// The rows of `chunk` whose `_row_exists` (its last column) is not 0, without that column.
    private static func applyingMask(_ chunk: Chunk) throws -> Chunk {
        guard let mask = chunk.columns.last, mask.type == .uint8, mask.data.count == chunk.rowCount else {
            throw DatabaseError(.corruptedData, "Column \(rowExistsColumn) of a data part is not a UInt8 mask")
        }
        let columns = Array(chunk.columns.dropLast())
        let kept = mask.data.indices.filter { mask.data[$0] != 0 }
        guard kept.count < chunk.rowCount else { return Chunk(columns: columns, rowCount: chunk.rowCount) }
        return Chunk(columns: columns.map { $0.gather(kept) }, rowCount: kept.count)
    }

    private func converted(_ chunk: Chunk) throws -> Chunk {
        var converted: [Column] = []
        var next = 0
        for (index, column) in columns.enumerated() {
            if let value = filled[index] {
                converted.append(Column(type: column.type, values: Array(repeating: value, count: chunk.rowCount)))
                continue
            }
            converted.append(try ColumnCast.cast(chunk.columns[next], to: column.type))
            next += 1
        }
        return Chunk(columns: converted, rowCount: chunk.rowCount)
    }

    /// The values that parts written before `ALTER TABLE … ADD COLUMN` read for the added columns: a column's
    /// literal DEFAULT (cast to its type) or its type's default value. Columns whose default is another
    /// expression are left out (ALTER refuses to add those to a table that holds rows).
    static func missingColumnValues(of query: CreateTableQuery) -> [String: Value] {
        var values: [String: Value] = [:]
        for column in query.columns where column.isStored {
            if let value = try? fillValue(of: column) { values[column.name] = value }
        }
        return values
    }

    /// The value an old part reads for `column`, or nil when its default is not a literal.
    static func fillValue(of column: ColumnDefinition) throws -> Value? {
        switch column.defaultExpression {
        case nil: return try StoredAggregateRegistry.defaultValue(of: column.type)
        case .literal(let literal)?:
            return try ColumnCast.castValue(literal.value, from: literal.type, to: column.type)
        default: return nil
        }
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
            partitionID: try calculatedPartitionID(directory, table: table), verified: verified,
            addedColumns: Set(PartChunks.missingColumnValues(of: table.createQuery).keys)
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

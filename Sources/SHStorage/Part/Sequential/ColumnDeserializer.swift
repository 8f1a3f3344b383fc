import Foundation
import SHCodecs
import SHColumns
import SHCore
import SHExecution

/// Reads the rows of one column sequentially from its substreams (Wide: one stream per substream;
/// Compact: one stream for everything, consumed in substream order), keeping LowCardinality and sparse
/// state across calls.
final class ColumnDeserializer {
    let description: ColumnDescription
    let sparse: Bool
    let stringsWithSizeStream: Bool
    let propagateToNested: Bool
    private let stream: (String) throws -> DecompressedStream
    private var lowCardinality: [String: LowCardinalityState] = [:]
    private var sparseState = SparseState()

    init(
        _ description: ColumnDescription, sparse: Bool, stringsWithSizeStream: Bool, propagateToNested: Bool,
        stream: @escaping (String) throws -> DecompressedStream
    ) {
        self.description = description
        self.sparse = sparse
        self.stringsWithSizeStream = stringsWithSizeStream
        self.propagateToNested = propagateToNested
        self.stream = stream
    }

    /// In Compact parts every granule starts fresh: the column's state prefixes (each LowCardinality's keys
    /// version, nested ones included, in substream order) come before its data, and sparse offsets restart.
    func startGranule() throws {
        lowCardinality = [:]
        sparseState = SparseState()
        try readStatePrefixes(description.type, path: escapeForFileName(description.name))
    }

    private func readStatePrefixes(_ type: DataType, path: String) throws {
        switch type {
        case .lowCardinality(let inner):
            let state = LowCardinalityState(inner: inner)
            try state.readPrefix(from: try stream(path + ".dict"))
            lowCardinality[path] = state
        case .nullable(let inner), .array(let inner), .simpleAggregateFunction(_, let inner):
            try readStatePrefixes(inner, path: path)
        case .map: try readStatePrefixes(type.mapEntries ?? type, path: path)
        case .tuple(let items, let names):
            for (index, item) in items.enumerated() {
                try readStatePrefixes(
                    item, path: path + "%2E" + escapeForFileName(ColumnSerializer.elementName(names, index)))
            }
        default: break
        }
    }

    func read(rows: Int) throws -> Column {
        let path = escapeForFileName(description.name)
        guard sparse else { return try read(description.type, path: path, rows: rows, level: 0, topLevel: true) }
        let positions = try sparseState.positions(rows: rows, stream: try stream(path + ".sparse.idx"))
        let values = try read(description.type, path: path, rows: positions.count, level: 0, topLevel: true)
        var column = Column(type: description.type)
        // `rows` may come from a Compact part's marks: reserve no more than a chunk up front.
        column.reserveCapacity(min(rows, 1 << 16))
        var next = 0
        for row in 0..<rows {
            if next < positions.count, positions[next] == row {
                column.append(contentsOf: values, range: next..<(next + 1))
                next += 1
            } else {
                column.append(description.type.defaultValue)
            }
        }
        return column
    }

    private func read(_ type: DataType, path: String, rows: Int, level: Int, topLevel: Bool) throws -> Column {
        var column = Column(type: type)
        switch type {
        case .map:
            // Read as its Array(Tuple(keys, values)), which has the same layout.
            let entries = try read(
                type.mapEntries ?? type, path: path, rows: rows, level: level, topLevel: topLevel)
            return Column(type: type, count: rows, offsets: entries.offsets, children: entries.children)
        case .simpleAggregateFunction(_, let inner):
            // Stored as its argument type; the column keeps the type's name.
            let values = try read(inner, path: path, rows: rows, level: level, topLevel: topLevel)
            return Column(
                type: type, count: rows, data: values.data, offsets: values.offsets, nulls: values.nulls,
                children: values.children)
        case .aggregateFunction(let signature):
            // Each row's serialized state, one after another: each state says where it ends.
            let function = try StoredAggregateRegistry.bind(signature)
            column.offsets.reserveCapacity(min(rows, 1 << 16))
            try stream(path).readFramed(rows, into: &column) { reader in
                try StoredAggregateRegistry.skipState(of: function, in: &reader)
            }
        case .lowCardinality(let inner):
            let state = lowCardinality[path] ?? LowCardinalityState(inner: inner)
            lowCardinality[path] = state
            return try state.read(rows: rows, type: type, keys: try stream(path + ".dict"), indexes: try stream(path)) {
                keyType, count, keyStream in
                try self.readBulk(keyType, rows: count, stream: keyStream)
            }
        case .nullable(let inner):
            column.nulls = Array(try stream(path + ".null").read(rows))
            column.children[0] = try read(inner, path: path, rows: rows, level: level, topLevel: false)
        case .array(let inner):
            let sizes = try stream(path + ".size\(level)")
            column.offsets = try Self.readOffsets(rows: rows, from: sizes, limit: SizeLimits.maxArraysSize) {
                DatabaseError(.tooLargeArraySize, "Array sizes are too large: \($0). File: \(sizes.name)")
            }
            let total = Int(column.offsets.last ?? 0)
            column.children[0] = try read(inner, path: path, rows: total, level: level + 1, topLevel: false)
        case .tuple(let items, let names):
            for (index, item) in items.enumerated() {
                let name = escapeForFileName(ColumnSerializer.elementName(names, index))
                column.children[index] = try read(
                    item, path: path + "%2E" + name, rows: rows, level: level, topLevel: false)
            }
        case .string:
            if stringsWithSizeStream && (topLevel || propagateToNested) {
                let sizes = try stream(path + ".size")
                column.offsets = try Self.readOffsets(rows: rows, from: sizes, limit: SizeLimits.maxArraysSize) {
                    DatabaseError(.tooLargeStringSize, "Too large string size: \($0). File: \(sizes.name)")
                }
                column.data = Array(try stream(path).read(Int(column.offsets.last ?? 0)))
            } else {
                return try readBulk(type, rows: rows, stream: try stream(path))
            }
        default:
            guard let width = type.fixedWidth else {
                throw DatabaseError(.notImplemented, "Reading columns of type \(type) is not supported")
            }
            column.data = Array(try stream(path).read(rows, width: width))
        }
        column.setCount(rows)
        return column
    }

    /// Reads `rows` UInt64 sizes and returns their running sums; the sum may not exceed `limit` (checked
    /// before any overflow) and `rows` sizes must be in the stream before anything is allocated.
    static func readOffsets(
        rows: Int, from sizes: DecompressedStream, limit: Int, tooLarge: (UInt64) -> DatabaseError
    ) throws -> [UInt64] {
        try sizes.require(try SizeLimits.multiply(rows, 8, what: "number of sizes in \(sizes.name)"))
        var offsets: [UInt64] = []
        offsets.reserveCapacity(rows)
        var total: UInt64 = 0
        try sizes.readRuns(rows, width: 8) { run in
            for position in stride(from: 0, to: run.count, by: 8) {
                let size = UInt64(littleEndian: run.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                guard size <= UInt64(limit) - total else { throw tooLarge(size) }
                total += size
                offsets.append(total)
            }
        }
        return offsets
    }

    /// Single-stream bulk form (strings as VarUInt length + bytes), used for dictionary keys.
    func readBulk(_ type: DataType, rows: Int, stream: DecompressedStream) throws -> Column {
        var column = Column(type: type)
        switch type {
        case .string:
            try stream.require(rows)
            column.offsets.reserveCapacity(rows)
            try stream.readStrings(rows, into: &column)
        default:
            guard let width = type.fixedWidth else {
                throw DatabaseError(.notImplemented, "Keys of type \(type) are not supported")
            }
            column.data = Array(try stream.read(rows, width: width))
        }
        column.setCount(rows)
        return column
    }
}

/// Sparse offsets (`.sparse.idx`): per granule, the number of default rows before each non-default row, then
/// the trailing defaults with bit 62 set.
struct SparseState {
    static let endOfGranule: UInt64 = 1 << 62
    private var pendingDefaults = 0
    private var pendingIsEnd = false
    private var hasPending = false

    /// Positions (within the next `rows` rows) of non-default values.
    mutating func positions(rows: Int, stream: DecompressedStream) throws -> [Int] {
        var result: [Int] = []
        var row = 0
        while row < rows {
            if !hasPending {
                let value = try stream.readVarUInt()
                pendingIsEnd = value & Self.endOfGranule != 0
                pendingDefaults = try SizeLimits.int(
                    value & ~Self.endOfGranule, what: "number of default values in \(stream.name)")
                hasPending = true
            }
            let take = min(pendingDefaults, rows - row)
            row += take
            pendingDefaults -= take
            if pendingDefaults > 0 { break }
            if pendingIsEnd {
                hasPending = false
                continue
            }
            if row == rows { break }
            result.append(row)
            row += 1
            hasPending = false
        }
        return result
    }
}

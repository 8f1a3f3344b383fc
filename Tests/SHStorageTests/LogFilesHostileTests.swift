import Foundation
import SHCodecs
import SHColumns
import SHCore
import Testing

@testable import SHStorage

/// Crafted Log family files (from a backup or a damaged disk) are refused with a `DatabaseError`: no trap, no
/// allocation sized by a number read from the bytes.
@Suite struct LogFilesHostileTests {
    static let columns = [
        ColumnDescription(name: "k", type: .uint32), ColumnDescription(name: "s", type: .string),
        ColumnDescription(name: "a", type: .array(.uint16)),
    ]
    static var streams: [String] { LogTable.streamFiles(of: columns) }

    /// The files of one INSERT of `rows` rows, compressed as the table writes them.
    func files(rows: Int) throws -> [String: [UInt8]] {
        let chunk = Chunk(columns: [
            Column(type: .uint32, values: (0..<rows).map { .uint(UInt64($0)) }),
            Column(type: .string, values: (0..<rows).map { .string(Array("v\($0)".utf8)) }),
            Column(type: .array(.uint16), values: (0..<rows).map { .array([.uint(UInt64($0 % 5))]) }),
        ])
        var out: [String: [UInt8]] = [:]
        for (name, bytes) in LogStreams.serialize(chunk, columns: Self.columns) {
            var compressed: [UInt8] = []
            try LogStreams.compress(bytes, codec: .zstd(level: 1), into: &compressed)
            out[name] = compressed
        }
        return out
    }

    func marks(rows: UInt64, offset: UInt64 = 0) -> [[LogMark]] {
        [Array(repeating: LogMark(rows: rows, offset: offset), count: Self.streams.count)]
    }

    func read(_ contents: [String: [UInt8]], marks: [[LogMark]]?) throws -> [Chunk] {
        try LogStreams.read(contents, streams: Self.streams, marks: marks, columns: Self.columns, table: "db.t")
    }

    @Test func wellFormedFilesReadBack() throws {
        let chunks = try read(try files(rows: 100), marks: marks(rows: 100))
        #expect(chunks.map(\.rowCount) == [100])
        #expect(chunks[0].row(99) == [.uint(99), .string(Array("v99".utf8)), .array([.uint(4)])])
        #expect(try read(try files(rows: 100), marks: nil).map(\.rowCount) == [100])
    }

    @Test func marksPastTheEndAreRefused() throws {
        #expect(throws: DatabaseError.self) { try read(try files(rows: 10), marks: marks(rows: 10, offset: 1 << 40)) }
    }

    @Test func hugeRowCountsAreRefused() throws {
        #expect(throws: DatabaseError.self) { try read(try files(rows: 10), marks: marks(rows: UInt64.max)) }
        #expect(throws: DatabaseError.self) { try read(try files(rows: 10), marks: marks(rows: 1 << 40)) }
    }

    @Test func rowCountsThatDisagreeAreRefused() throws {
        var crafted = marks(rows: 10)
        crafted[0][1].rows = 9
        #expect(throws: DatabaseError.self) { try read(try files(rows: 10), marks: crafted) }
        #expect(throws: DatabaseError.self) { try read(try files(rows: 10), marks: marks(rows: 11)) }
        #expect(throws: DatabaseError.self) { try read(try files(rows: 10), marks: marks(rows: 9)) }
    }

    @Test func damagedMarksAndSizesFilesAreRefused() throws {
        #expect(throws: DatabaseError.self) { try LogFiles.parseMarks([1, 2, 3], streams: 4, file: "__marks.mrk") }
        for text in ["", "{", "[]", "{\"clickhouse\":{\"a%2Ebin\":{\"size\":\"-1\"}}}", "{\"clickhouse\":{\"a\":1}}"] {
            #expect(throws: DatabaseError.self) { try SizesFile.parse(Array(text.utf8), file: "sizes.json") }
        }
        let sizes = ["a.bin": 80, "__marks.mrk": 192]
        #expect(try SizesFile.parse(Array(SizesFile.text(sizes).utf8), file: "sizes.json") == sizes)
    }

    /// TinyLog's rows are counted from its first column: a truncated last value is damage, not a short row.
    @Test func truncatedTinyLogIsRefused() throws {
        var contents = try files(rows: 10)
        var raw = try CompressedBlock.decodeAll(contents["k.bin"]!, fileName: "k.bin")
        raw.removeLast(2)
        var compressed: [UInt8] = []
        try LogStreams.compress(raw, codec: .zstd(level: 1), into: &compressed)
        contents["k.bin"] = compressed
        #expect(throws: DatabaseError.self) { try read(contents, marks: nil) }
    }
}

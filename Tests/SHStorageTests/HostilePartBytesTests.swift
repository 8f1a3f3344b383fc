import Foundation
import SHCodecs
import SHColumns
import SHCore
import Testing

@testable import SHStorage

/// Rewrites `file` (a compressed part file) as one LZ4 block holding `transform` of its decompressed bytes.
func rewriteCompressed(_ file: URL, _ transform: (inout [UInt8]) -> Void) throws {
    var data = try CompressedBlock.decodeAll(try fileBytes(file), fileName: file.lastPathComponent)
    transform(&data)
    var out: [UInt8] = []
    try data.withUnsafeBytes { try CompressedBlock.append($0, codec: .lz4, to: &out) }
    try Data(out).write(to: file)
}

/// Recomputes the size and hash of every file listed in the part's checksums.txt, as a hostile writer that
/// knows the format would: the part then passes the checksum check and only the decoders see the damage.
func resealChecksums(_ part: URL) throws {
    let checksumsURL = part.appendingPathComponent("checksums.txt")
    var files = try decodeChecksumsFile(try fileBytes(checksumsURL))
    for (name, entry) in files {
        let url = part.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { continue }
        let bytes = try fileBytes(url)
        files[name] = PartChecksums.Entry(
            size: bytes.count, hash: ChainedFileHasher.hash(bytes), uncompressed: entry.uncompressed)
    }
    try Data(try PartChecksums(files: files).serialized()).write(to: checksumsURL)
}

/// Copies a part directory to `destination` (named like the source).
func copyPart(_ source: URL, into destination: URL) throws -> URL {
    try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
    let target = destination.appendingPathComponent(source.lastPathComponent)
    // File by file (Foundation's directory copy mangles names with `%2E`); the copies are writable.
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
        try Data(contentsOf: URL(fileURLWithPath: source.path + "/" + name)).write(
            to: URL(fileURLWithPath: target.path + "/" + name))
    }
    return target
}

/// The DatabaseError of validating and reading `part` (validation with the part's own columns.txt unless
/// `columns` are given), or nil when both succeed; any other error fails the test.
func hostileOutcome(_ part: URL, columns: [ColumnDescription]? = nil) -> DatabaseError? {
    do {
        let name = try PartName(parsing: part.lastPathComponent)
        let own = try columns ?? SequentialPartReader(directory: part).columns
        try PartValidator.validate(part, name: name, columns: own, primaryKeyTypes: [], partitionID: nil)
        _ = try readRows(part, chunkRows: 7)
        return nil
    } catch let error as DatabaseError {
        return error
    } catch {
        Issue.record("not a DatabaseError: \(error) in \(part.path)")
        return nil
    }
}

/// Hostile part bytes with valid checksums: huge or overflowing sizes, lengths, counts, garbage descriptive
/// files. Every case must end in ClickHouse's error, never a trap or a huge allocation.
@Suite struct HostilePartBytesTests {
    static func widePart(_ temp: TemporaryDirectory) throws -> URL {
        try PartWriterTests.writePart(in: temp.url).url
    }

    @Test func arraySizesThatOverflowAreTooLargeArraySize() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let part = try Self.widePart(temp)
        // Before: `total += size` trapped with an arithmetic overflow.
        try rewriteCompressed(part.appendingPathComponent("ai.size0.bin")) { data in
            data.replaceSubrange(0..<16, with: [UInt8](repeating: 0xFF, count: 8) + [2, 0, 0, 0, 0, 0, 0, 0])
        }
        try resealChecksums(part)
        let error = hostileOutcome(part)
        #expect(error?.code == .tooLargeArraySize)
        #expect(error?.message.hasPrefix("Array sizes are too large: 18446744073709551615") == true)
    }

    @Test func hugeArraySizeIsBoundedByTheStreamBeforeAllocating() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        for column in ["ai", "a", "an"] {
            let part = try copyPart(try Self.widePart(temp), into: temp.url.appendingPathComponent(column))
            // 2^39 elements: before, 2^39 Int32 (2 TB) or 2^39 string offsets (4 TB) were allocated.
            try rewriteCompressed(part.appendingPathComponent("\(column).size0.bin")) { data in
                data.replaceSubrange(0..<8, with: [0, 0, 0, 0, 0x80, 0, 0, 0])
            }
            try resealChecksums(part)
            let error = hostileOutcome(part)
            #expect(error?.code == .cannotReadAllData, "\(column): \(String(describing: error))")
        }
    }

    @Test func hugeStringLengthsAreErrors() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let cases: [([UInt8], ErrorCode)] = [
            (VarUInt.encode(1 << 35), .tooLargeStringSize),
            (VarUInt.encode(1 << 29), .cannotReadAllData),
            ([UInt8](repeating: 0xFF, count: 11), .corruptedData),
        ]
        for (index, (prefix, code)) in cases.enumerated() {
            let part = try copyPart(try Self.widePart(temp), into: temp.url.appendingPathComponent("\(index)"))
            try rewriteCompressed(part.appendingPathComponent("s.bin")) { data in data.insert(contentsOf: prefix, at: 0)
            }
            try resealChecksums(part)
            let error = hostileOutcome(part)
            #expect(error?.code == code, "\(index): \(String(describing: error))")
        }
    }

    @Test func hugeLowCardinalityKeyCountIsAnError() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let part = try Self.widePart(temp)
        // flags, then the number of additional keys: 2^62 keys.
        try rewriteCompressed(part.appendingPathComponent("lc.bin")) { data in
            data.replaceSubrange(8..<16, with: [0, 0, 0, 0, 0, 0, 0, 0x40])
        }
        try resealChecksums(part)
        #expect(hostileOutcome(part)?.code == .cannotReadAllData)
    }

    @Test func hugeFixedStringWidthIsAnError() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let part = try Self.widePart(temp)
        let columnsURL = part.appendingPathComponent("columns.txt")
        let text = String(decoding: try fileBytes(columnsURL), as: UTF8.self)
        try Data(text.replacingOccurrences(of: "FixedString(4)", with: "FixedString(4611686018427387904)").utf8)
            .write(to: columnsURL)
        let error = hostileOutcome(part)
        #expect(error != nil)
    }

    @Test func columnsTxtNamingAnotherTypeThanTheDataIsAnError() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let part = try Self.widePart(temp)
        let columnsURL = part.appendingPathComponent("columns.txt")
        let text = String(decoding: try fileBytes(columnsURL), as: UTF8.self)
        try Data(text.replacingOccurrences(of: "`s` String", with: "`s` UInt64").utf8).write(to: columnsURL)
        let error = hostileOutcome(part, columns: PartWriterTests.columns)
        #expect(error?.code == .cannotReadAllData || error?.code == .corruptedData, "\(String(describing: error))")
        #expect(error?.message.contains("s.bin") == true, "\(String(describing: error))")
    }

    /// Messages from ClickHouse 26.9 (chdb) attaching a part whose count.txt is `-1abc` or `5abc`.
    @Test func garbageCountTxtIsAnErrorAsInClickHouse() throws {
        let minus = #expect(throws: DatabaseError.self) { try PartRowCount.parse(Array("-1abc".utf8)) }
        #expect(
            minus?.description.hasPrefix("Code: 72. DB::Exception: Unsigned type must not contain '-' symbol") == true)
        let trailing = #expect(throws: DatabaseError.self) { try PartRowCount.parse(Array("5abc".utf8)) }
        #expect(trailing?.code == .cannotParseInputAssertionFailed)
        #expect(trailing?.message == "Cannot parse input: expected 'eof' before: 'abc'")
        for text in ["", "abc", "+", "5\n", "99999999999999999999"] {
            #expect(throws: DatabaseError.self, "\(text)") { try PartRowCount.parse(Array(text.utf8)) }
        }
        #expect(try PartRowCount.parse(Array("20".utf8)) == 20)

        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let part = try Self.widePart(temp)
        try Data("-1abc".utf8).write(to: part.appendingPathComponent("count.txt"))
        try resealChecksums(part)
        // Before: read as 0 rows.
        #expect(hostileOutcome(part)?.code == .cannotParseNumber)
        #expect(throws: DatabaseError.self) { try DataPart.load(name: PartName(parsing: "all_1_1_0"), directory: part) }
    }

    @Test func checksumsTxtThatDecompressesToGigabytesIsRefusedBeforeAllocating() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let part = try Self.widePart(temp)
        // A NONE block whose header claims 1 GiB: refused from the header, before the block is read.
        var block = [UInt8](repeating: 0, count: 16) + [0x02]
        block.appendLittleEndian(UInt32(9 + 4))
        block.appendLittleEndian(UInt32(1 << 30))
        block += [1, 2, 3, 4]
        try Data(Array("checksums format version: 4\n".utf8) + block).write(
            to: part.appendingPathComponent("checksums.txt"))
        let error = #expect(throws: DatabaseError.self) { try PartChecksumVerifier.verify(part) }
        #expect(error?.code == .tooLargeSizeCompressed)
        #expect(PartChecksumVerifier.problem(in: part)?.contains("checksums.txt") == true)
    }

    @Test func truncatedDataFileAndBloatedMarksAreBadSize() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let part = try Self.widePart(temp)
        let bin = part.appendingPathComponent("i32.bin")
        let bytes = try fileBytes(bin)
        try Data(bytes.prefix(bytes.count - 5)).write(to: bin)
        let error = #expect(throws: DatabaseError.self) {
            try PartValidator.validate(
                part, name: try PartName(parsing: "all_1_1_0"), columns: PartWriterTests.columns, primaryKeyTypes: [],
                partitionID: nil)
        }
        #expect(error?.code == .badSizeOfFileInDataPart)
        #expect(
            error?.message
                == "File i32.bin has unexpected size: \(bytes.count - 5) instead of \(bytes.count) in data part all_1_1_0"
        )

        let other = try copyPart(try Self.widePart(temp), into: temp.url.appendingPathComponent("b"))
        let marks = other.appendingPathComponent("s.mrk2")
        try Data(try fileBytes(marks) + [UInt8](repeating: 7, count: 1 << 20)).write(to: marks)
        let bloated = #expect(throws: DatabaseError.self) { try PartChecksumVerifier.verify(other) }
        #expect(bloated?.code == .badSizeOfFileInDataPart)
        #expect(bloated?.message.hasPrefix("File s.mrk2 has unexpected size: ") == true)
    }

    @Test func rowsBeyondCountTxtAndBadMarksAreErrors() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let part = try Self.widePart(temp)
        // count.txt says fewer rows than the streams hold (the marks then disagree too).
        try Data("19".utf8).write(to: part.appendingPathComponent("count.txt"))
        try resealChecksums(part)
        let error = hostileOutcome(part)
        #expect(error?.code == .corruptedData)

        let other = try copyPart(try Self.widePart(temp), into: temp.url.appendingPathComponent("b"))
        let marks = other.appendingPathComponent("i32.mrk2")
        var bytes = try fileBytes(marks)
        bytes.replaceSubrange(0..<8, with: [0, 0, 0, 0, 0, 0, 0, 0x7F])
        try Data(bytes).write(to: marks)
        try resealChecksums(other)
        #expect(hostileOutcome(other)?.code == .corruptedData)
    }

    @Test func compactGranuleRowsAreBounded() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let part = try PartWriterTests.writePart(in: temp.url, format: .compact).url
        // Granules of 8, 8 and 4 rows: make the first 2^40 - 12 rows and count.txt 2^40, consistently.
        let marks = part.appendingPathComponent("data.mrk3")
        var bytes = try fileBytes(marks)
        let recordSize = PartWriterTests.columns.count * 16 + 8
        var rows: [UInt8] = []
        rows.appendLittleEndian(UInt64(1 << 40) - 12)
        bytes.replaceSubrange((recordSize - 8)..<recordSize, with: rows)
        try Data(bytes).write(to: marks)
        try Data(String(1 << 40).utf8).write(to: part.appendingPathComponent("count.txt"))
        try resealChecksums(part)
        let error = hostileOutcome(part)
        #expect(error?.code == .corruptedData)
        #expect(error?.message.hasPrefix("Too many rows (1099511627764) in a granule of data.mrk3") == true)
    }

    @Test func validPartsPassFullValidation() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        for format in [PartWriteOptions.Format.wide, .compact] {
            let part = try PartWriterTests.writePart(in: temp.url.appendingPathComponent("\(format)"), format: format)
                .url
            #expect(hostileOutcome(part, columns: PartWriterTests.columns) == nil, "\(format)")
        }
        #expect(hostileOutcome(try clickHouseCompactPart(into: temp.url)) == nil)
    }

    @Test func partitionIDMustMatchThePartName() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let part = try Self.widePart(temp)
        let error = #expect(throws: DatabaseError.self) {
            try PartValidator.validate(
                part, name: try PartName(parsing: "1_1_1_0"), columns: PartWriterTests.columns, primaryKeyTypes: [],
                partitionID: "all")
        }
        #expect(
            error?.description
                == "Code: 246. DB::Exception: While loading part 1_1_1_0: calculated partition ID: all differs from partition ID in part name: 1. (CORRUPTED_DATA)"
        )
    }

}

/// A Compact part written by ClickHouse 26.9 (a complete part directory of the fixtures: every supported
/// type, `.cmrk4`, `primary.cidx`, v1 strings), copied into `destination`. (The Wide fixture parts are
/// deduplicated backup directories; HostilePartQueryTests fuzzes a Wide ClickHouse part restored from a
/// fixture backup.)
func clickHouseCompactPart(into destination: URL) throws -> URL {
    try copyPart(
        fixturePart("formats/types_compact_default/data/db/tc_def/all_1_1_0"),
        into: destination.appendingPathComponent("clickhouse-compact"))
}

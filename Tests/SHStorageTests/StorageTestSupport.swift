import Foundation
import SHCodecs
import SHColumns
import SHCore
import SHStorage
import SHTestSupport

/// A directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("shstorage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A part directory of a fixture written by ClickHouse 26.9, e.g. `formats/wide_simple/data/db/sw/all_1_1_0`.
func fixturePart(_ relativePath: String) -> URL {
    PythonEnvironment.clickHouseFixtures.appendingPathComponent(
        relativePath)
}

func fileBytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

/// Bytes from a hex string such as `"0a1b"`.
func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8)
    return stride(from: 0, to: digits.count, by: 2).map {
        UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)!
    }
}

/// A hash from the hex of its 16 stored bytes (the form `chfmt.parse_checksums_txt` prints).
func storedHash(_ hex: String) -> UInt128Hash { UInt128Hash(storedBytes: hexBytes(hex))! }

/// Every row of a part, read with the sequential reader in chunks of `chunkRows`.
func readRows(_ directory: URL, columns: [String]? = nil, chunkRows: Int = 65_536) throws -> [[Value]] {
    let reader = try SequentialPartReader(directory: directory)
    var iterator = try reader.chunks(columns: columns, chunkRows: chunkRows)
    var rows: [[Value]] = []
    while let chunk = try iterator.next() {
        for row in 0..<chunk.rowCount { rows.append(chunk.row(row)) }
    }
    return rows
}

/// A test-local decoder of checksums.txt version 4 (the layout of `chfmt.parse_checksums_txt` in
/// `/work/shared/tools/formats`): count, then per file name, size, hash, is_compressed, [size, hash].
func decodeChecksumsFile(_ bytes: [UInt8]) throws -> [String: PartChecksums.Entry] {
    let header = Array("checksums format version: 4\n".utf8)
    guard Array(bytes.prefix(header.count)) == header else { throw TestSupportError("not a version 4 checksums.txt") }
    var reader = ByteReader(try CompressedBlock.decodeAll(Array(bytes[header.count...]), fileName: "checksums.txt"))
    var files: [String: PartChecksums.Entry] = [:]
    for _ in 0..<(try reader.readVarUInt()) {
        let name = String(decoding: try reader.readStringBinary(), as: UTF8.self)
        let size = Int(try reader.readVarUInt())
        let hash = UInt128Hash(storedBytes: try reader.readBytes(16))!
        var entry = PartChecksums.Entry(size: size, hash: hash)
        if try reader.read(UInt8.self) != 0 {
            let uncompressedSize = Int(try reader.readVarUInt())
            entry.uncompressed = (uncompressedSize, UInt128Hash(storedBytes: try reader.readBytes(16))!)
        }
        files[name] = entry
    }
    guard reader.isAtEnd else { throw TestSupportError("trailing bytes in checksums.txt") }
    return files
}

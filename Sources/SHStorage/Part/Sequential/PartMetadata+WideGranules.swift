import Foundation
import SHCodecs
import SHCore

extension PartMetadata {
    /// Rows of each granule of a Wide part, from the marks of one of its streams (`.mrk2` / `.cmrk2`: the third UInt64
    /// of every 24-byte record; the final mark has 0). Nil when the part's marks do not give them (the
    /// non-adaptive `.mrk` of old parts) or it has no column stream. Every stream has the same granules (the part's
    /// validation checks it); the counts are bounded like Compact granules and must add up to count.txt.
    func wideGranules(directory: URL) throws -> [Int]? {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        guard
            let file = files.first(where: {
                !$0.hasPrefix("skp_idx_") && ($0.hasSuffix(".mrk2") || $0.hasSuffix(".cmrk2"))
            })
        else { return nil }
        let raw = try Self.bytes(of: file, in: directory)
        let bytes = file.hasSuffix(".cmrk2") ? try CompressedBlock.decodeAll(raw, fileName: file) : raw
        guard bytes.count % 24 == 0 else {
            throw DatabaseError(.corruptedData, "Bad size of marks file \(file): \(bytes.count)")
        }
        var granules: [Int] = []
        var total = 0
        for record in stride(from: 0, to: bytes.count, by: 24) {
            let rows = bytes.withUnsafeBytes {
                UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: record + 16, as: UInt64.self))
            }
            guard rows <= UInt64(Self.maxGranuleRows), rows <= UInt64(rowCount - total) else {
                throw DatabaseError(
                    .corruptedData,
                    "The marks \(file) of part \(directory.lastPathComponent) hold a granule of \(rows) rows, more than count.txt (\(rowCount)) or \(Self.maxGranuleRows) allow"
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

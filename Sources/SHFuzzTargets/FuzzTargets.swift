import Foundation
import SHBackup
import SHCodecs
import SHCore
import SHSQL
import SHStorage

/// The inputs the fuzzers drive: untrusted bytes through the SQL parser, the backup manifest parser and the part
/// reader. Each target must end in a result or a `DatabaseError` for any input; a trap is the bug the fuzzer looks
/// for. The same functions replay the saved corpus in the tests, so every crash found stays a regression test.
public enum FuzzTargets {
    /// The targets by name (`sql`, `manifest`, `part`, `block`).
    public static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "sql": sql, "manifest": manifest, "part": part, "block": block,
    ]

    /// SQL text: parse every statement; what parses must format and parse again.
    @Sendable public static func sql(_ bytes: [UInt8]) {
        guard let statements = try? Parser.parse(String(decoding: bytes, as: UTF8.self)) else { return }
        for statement in statements {
            let text = SQLFormatter.format(statement)
            _ = try? Parser.parse(text)
        }
    }

    /// A `.backup` manifest: parse it; what parses must serialize and parse again.
    @Sendable public static func manifest(_ bytes: [UInt8]) {
        guard let manifest = try? BackupManifest(parsing: bytes, backupName: "fuzz") else { return }
        _ = try? BackupManifest(parsing: manifest.serialized(), backupName: "fuzz")
    }

    /// A compressed file (`.bin`): every block decoded, checksums recomputed first so that mutated payloads reach
    /// the codecs (Multiple, Delta, DoubleDelta, Gorilla, T64, GCD, LZ4, ZSTD) as a crafted part's would.
    @Sendable public static func block(_ bytes: [UInt8]) {
        _ = try? CompressedBlock.decodeAll(
            PartArchive.withValidFrameChecksums(bytes), fileName: "fuzz.bin", limit: 64 << 20)
    }

    /// A part directory (files packed by `PartArchive`): open it, verify its checksums, read every column.
    @Sendable public static func part(_ bytes: [UInt8]) {
        guard let files = PartArchive.unpack(bytes) else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sh-fuzz-part-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, data) in files {
                try Data(PartArchive.withValidFrameChecksums(data)).write(to: directory.appendingPathComponent(name))
            }
        } catch {
            return
        }
        _ = PartChecksumVerifier.problem(in: directory)
        guard let reader = try? SequentialPartReader(directory: directory),
            var chunks = try? reader.chunks(columns: nil, chunkRows: 1024)
        else { return }
        var rows = 0
        while rows < 1_000_000, let chunk = try? chunks.next() { rows += chunk.rowCount }
    }
}

/// A part directory as one input: per file a UInt8 name length, the name (`[A-Za-z0-9._%-]`), a UInt32 size
/// (little-endian) and the bytes.
public enum PartArchive {
    public static func pack(_ files: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        for (name, bytes) in files {
            let nameBytes = Array(name.utf8)
            out.append(UInt8(nameBytes.count))
            out += nameBytes
            out.appendLittleEndian(UInt32(bytes.count))
            out += bytes
        }
        return out
    }

    /// `bytes` with the checksum of every well-framed compressed block recomputed, so that mutated data reaches the
    /// decoders behind the block checksums (as a crafted part would). Bytes that are not compressed blocks stay as
    /// they are.
    public static func withValidFrameChecksums(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var position = 0
        let header = CompressedBlock.checksumSize + CompressedBlock.headerSize
        while bytes.count - position >= header {
            let sizeOffset = position + CompressedBlock.checksumSize + 1
            let compressed = bytes[sizeOffset..<(sizeOffset + 4)].enumerated().reduce(0) {
                $0 | Int($1.element) << (8 * $1.offset)
            }
            guard compressed >= CompressedBlock.headerSize,
                compressed <= bytes.count - position - CompressedBlock.checksumSize
            else { break }
            let body = position + CompressedBlock.checksumSize
            let checksum = CityHash128.hash(Array(bytes[body..<(body + compressed)])).storedBytes
            out.replaceSubrange(position..<body, with: checksum)
            position = body + compressed
        }
        return out
    }

    /// The files, or nil when the bytes are not an archive of plain file names (at most 64 files of 4 MiB).
    public static func unpack(_ bytes: [UInt8]) -> [(String, [UInt8])]? {
        var files: [(String, [UInt8])] = []
        var position = 0
        while position < bytes.count {
            let length = Int(bytes[position])
            position += 1
            guard length > 0, length <= bytes.count - position else { return nil }
            let name = String(decoding: bytes[position..<(position + length)], as: UTF8.self)
            position += length
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || "._%-".contains($0) }), name.first != ".",
                name.unicodeScalars.allSatisfy(\.isASCII)
            else { return nil }
            guard bytes.count - position >= 4 else { return nil }
            let size = bytes[position..<(position + 4)].enumerated().reduce(0) {
                $0 | Int($1.element) << (8 * $1.offset)
            }
            position += 4
            guard size <= 4 << 20, size <= bytes.count - position, files.count < 64 else { return nil }
            files.append((name, Array(bytes[position..<(position + size)])))
            position += size
        }
        return files
    }
}

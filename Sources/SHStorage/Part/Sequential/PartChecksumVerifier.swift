import Foundation
import SHCodecs
import SHCore

/// CHECK TABLE for one part: every file listed in checksums.txt must exist with its size and hash, and no
/// other data file may be present. Messages follow ClickHouse's.
public enum PartChecksumVerifier {
    /// ClickHouse's message for the first problem found in `directory`, or nil (a part without
    /// checksums.txt passes, as CHECK TABLE has nothing to check it against).
    public static func problem(in directory: URL) -> String? {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("checksums.txt").path) else {
            return nil
        }
        do {
            try verify(directory)
            return nil
        } catch {
            return DatabaseError.wrap(error).message
        }
    }

    /// The largest decompressed checksums.txt accepted (about a million files in one part).
    public static let maxChecksumsSize = 64 << 20

    /// Checks every file listed in the part's checksums.txt (which must exist) for its size and hash, and that
    /// no other data file is present; throws ClickHouse's error for the first problem: `NO_FILE_IN_DATA_PART`,
    /// `BAD_SIZE_OF_FILE_IN_DATA_PART` (228), `CHECKSUM_DOESNT_MATCH`, `UNEXPECTED_FILE_IN_DATA_PART`.
    /// `part` names the part in messages (default: the directory's name).
    /// `verified`: files whose (size, hash) the caller has already checked while writing them to `directory` (RESTORE
    /// checks every download against the backup's manifest, which uses the same hash): when checksums.txt expects the
    /// same, they are not read again.
    ///
    /// A projection (`p.proj`, a part of its own inside the part) is listed with the total size of its files and
    /// ClickHouse's total checksum of its checksums.txt (SipHash of every name and file hash); its own files are
    /// verified the same way. Returns the parsed checksums.
    @discardableResult
    public static func verify(
        _ directory: URL, part: String? = nil, verified: [String: (size: Int, hash: UInt128Hash)] = [:]
    ) throws -> [String: (size: Int, hash: UInt128Hash?)] {
        let part = part ?? directory.lastPathComponent
        let checksumsURL = directory.appendingPathComponent("checksums.txt")
        guard let size = try? FileManager.default.attributesOfItem(atPath: checksumsURL.path)[.size] as? Int,
            let data = FileManager.default.contents(atPath: checksumsURL.path)
        else {
            throw DatabaseError(.noFileInDataPart, "No checksums.txt in data part \(part)")
        }
        guard size <= maxChecksumsSize else {
            throw DatabaseError(
                .corruptedData, "Cannot read checksums.txt of part \(part): it is too large (\(size) bytes)")
        }
        let checksums: [String: (size: Int, hash: UInt128Hash?)]
        do {
            checksums = try parse([UInt8](data))
        } catch {
            let wrapped = DatabaseError.wrap(error)
            throw DatabaseError(wrapped.code, "Cannot read checksums.txt of part \(part): \(wrapped.message)")
        }
        for (name, expected) in checksums.sorted(by: { $0.key < $1.key }) {
            guard !name.contains("/"), name != "..", name != "." else {
                throw DatabaseError(.corruptedData, "Bad file name \(name) in checksums.txt of part \(part)")
            }
            if let known = verified[name], known.size == expected.size, known.hash == expected.hash { continue }
            let url = directory.appendingPathComponent(name)
            if name.hasSuffix(".proj") {
                try verifyProjection(url, name: name, part: part, expected: expected, verified: verified)
                continue
            }
            guard let handle = FileHandle(forReadingAtPath: url.path) else {
                throw DatabaseError(.noFileInDataPart, "File \(name) doesn't exist in data part \(part)")
            }
            defer { try? handle.close() }
            var hasher = ChainedFileHasher()
            var size = 0
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                size += chunk.count
                chunk.withUnsafeBytes { hasher.update($0) }
                // A file larger than it should be is reported without reading all of it.
                if size > expected.size { break }
            }
            if size != expected.size {
                if size > expected.size, let total = try? handle.seekToEnd() { size = Int(total) }
                throw DatabaseError(
                    .badSizeOfFileInDataPart,
                    "File \(name) has unexpected size: \(size) instead of \(expected.size) in data part \(part)")
            }
            if let hash = expected.hash, hash != hasher.finalize() {
                throw DatabaseError(
                    .checksumDoesntMatch,
                    "Checksum mismatch for file \(name) in data part \(part) (\(hash.manifestHex) vs \(hasher.finalize().manifestHex))"
                )
            }
        }
        let present = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        for name in present.sorted()
        where checksums[name] == nil && !PartChecksums.unlisted.contains(name) && !name.hasPrefix(".") {
            throw DatabaseError(.unexpectedFileInDataPart, "Unexpected file \(name) in data part \(part)")
        }
        return checksums
    }

    /// Verifies the projection directory `url` (listed as `name` in the part's checksums.txt) and its entry: the
    /// sum of its files' sizes and ClickHouse's total checksum (`getTotalChecksumUInt128`).
    private static func verifyProjection(
        _ url: URL, name: String, part: String, expected: (size: Int, hash: UInt128Hash?),
        verified: [String: (size: Int, hash: UInt128Hash)]
    ) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DatabaseError(.noFileInDataPart, "Projection \(name) doesn't exist in data part \(part)")
        }
        let prefix = name + "/"
        var inner: [String: (size: Int, hash: UInt128Hash)] = [:]
        for (path, digest) in verified where path.hasPrefix(prefix) {
            inner[String(path.dropFirst(prefix.count))] = digest
        }
        let files = try verify(url, part: "\(part)/\(name)", verified: inner)
        let (size, total) = try PartChecksums.projectionTotal(of: files)
        if size != expected.size {
            throw DatabaseError(
                .badSizeOfFileInDataPart,
                "File \(name) has unexpected size: \(size) instead of \(expected.size) in data part \(part)")
        }
        guard let total else { return }
        if let hash = expected.hash, hash != total {
            throw DatabaseError(
                .checksumDoesntMatch,
                "Checksum mismatch for file \(name) in data part \(part) (\(hash.manifestHex) vs \(total.manifestHex))")
        }
    }

    /// Parses checksums.txt versions 2 (text), 3 (binary) and 4 (compressed binary).
    static func parse(_ bytes: [UInt8]) throws -> [String: (size: Int, hash: UInt128Hash?)] {
        guard let newline = bytes.firstIndex(of: 0x0A) else { throw DatabaseError(.corruptedData, "no header") }
        let header = String(decoding: bytes[..<newline], as: UTF8.self)
        let version = Int(header.replacingOccurrences(of: "checksums format version: ", with: "")) ?? 0
        let body = Array(bytes[(newline + 1)...])
        switch version {
        case 4:
            return try parseBinary(
                try CompressedBlock.decodeAll(body, fileName: "checksums.txt", limit: maxChecksumsSize))
        case 3: return try parseBinary(body)
        case 2: return parseText(String(decoding: body, as: UTF8.self))
        default: throw DatabaseError(.corruptedData, "Unsupported checksums.txt version \(version)")
        }
    }

    private static func parseBinary(_ body: [UInt8]) throws -> [String: (size: Int, hash: UInt128Hash?)] {
        var reader = ByteReader(body)
        var result: [String: (size: Int, hash: UInt128Hash?)] = [:]
        // Every entry takes at least 19 bytes (name length, size, hash, flag).
        let count = try reader.readCount(elementSize: 19, what: "files in checksums.txt")
        for _ in 0..<count {
            let name = String(decoding: try reader.readStringBinary(), as: UTF8.self)
            let size = try SizeLimits.int(try reader.readVarUInt(), what: "size of \(name) in checksums.txt")
            let hash = UInt128Hash(storedBytes: try reader.readBytes(16))
            if try reader.read(UInt8.self) != 0 {
                _ = try reader.readVarUInt()
                _ = try reader.readBytes(16)
            }
            result[name] = (size, hash)
        }
        return result
    }

    private static func parseText(_ text: String) -> [String: (size: Int, hash: UInt128Hash?)] {
        var result: [String: (size: Int, hash: UInt128Hash?)] = [:]
        var current: String?
        for line in text.split(separator: "\n") {
            if !line.hasPrefix("\t") {
                if !line.hasSuffix("files:") { current = String(line) }
            } else if let name = current {
                let fields = line.trimmingCharacters(in: .whitespaces).split(separator: " ")
                if fields.first == "size:", fields.count == 2, let size = Int(fields[1]) {
                    result[name] = (size, result[name]?.hash)
                } else if fields.first == "hash:", fields.count == 3, let low = UInt64(fields[1]),
                    let high = UInt64(fields[2])
                {
                    result[name] = (result[name]?.size ?? 0, UInt128Hash(low64: low, high64: high))
                }
            }
        }
        return result
    }
}

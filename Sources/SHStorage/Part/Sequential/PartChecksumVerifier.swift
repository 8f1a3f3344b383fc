import Foundation
import SHCodecs
import SHCore

/// CHECK TABLE for one part: every file listed in checksums.txt must exist with its size and hash, and no
/// other data file may be present. Messages follow ClickHouse's.
public enum PartChecksumVerifier {
    public static func problem(in directory: URL) -> String? {
        let part = directory.lastPathComponent
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("checksums.txt").path)
        else {
            return nil
        }
        let checksums: [String: (size: Int, hash: UInt128Hash?)]
        do {
            checksums = try parse([UInt8](data))
        } catch {
            return "Cannot read checksums.txt of part \(part): \(DatabaseError.wrap(error).message)"
        }
        for (name, expected) in checksums.sorted(by: { $0.key < $1.key }) {
            let url = directory.appendingPathComponent(name)
            guard let handle = FileHandle(forReadingAtPath: url.path) else {
                return "File \(name) doesn't exist in data part \(part)"
            }
            defer { try? handle.close() }
            var hasher = ChainedFileHasher()
            var size = 0
            while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                size += chunk.count
                chunk.withUnsafeBytes { hasher.update($0) }
            }
            if size != expected.size {
                return "File \(name) has unexpected size: \(size) instead of \(expected.size) in data part \(part)"
            }
            if let hash = expected.hash, hash != hasher.finalize() {
                return
                    "Checksum mismatch for file \(name) in data part \(part) (\(hash.manifestHex) vs \(hasher.finalize().manifestHex))"
            }
        }
        let present = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in present.sorted()
        where checksums[name] == nil && !PartChecksums.unlisted.contains(name) && !name.hasPrefix(".") {
            return "Unexpected file \(name) in data part \(part)"
        }
        return nil
    }

    /// Parses checksums.txt versions 2 (text), 3 (binary) and 4 (compressed binary).
    static func parse(_ bytes: [UInt8]) throws -> [String: (size: Int, hash: UInt128Hash?)] {
        guard let newline = bytes.firstIndex(of: 0x0A) else { throw DatabaseError(.corruptedData, "no header") }
        let header = String(decoding: bytes[..<newline], as: UTF8.self)
        let version = Int(header.replacingOccurrences(of: "checksums format version: ", with: "")) ?? 0
        let body = Array(bytes[(newline + 1)...])
        switch version {
        case 4: return try parseBinary(try CompressedBlock.decodeAll(body, fileName: "checksums.txt"))
        case 3: return try parseBinary(body)
        case 2: return parseText(String(decoding: body, as: UTF8.self))
        default: throw DatabaseError(.corruptedData, "Unsupported checksums.txt version \(version)")
        }
    }

    private static func parseBinary(_ body: [UInt8]) throws -> [String: (size: Int, hash: UInt128Hash?)] {
        var reader = ByteReader(body)
        var result: [String: (size: Int, hash: UInt128Hash?)] = [:]
        let count = try reader.readVarUInt()
        for _ in 0..<count {
            let name = String(decoding: try reader.readStringBinary(), as: UTF8.self)
            let size = Int(try reader.readVarUInt())
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

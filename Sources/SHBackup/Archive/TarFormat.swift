import SHCore

/// One regular file of a tar archive: its name and where its bytes are in the (uncompressed) archive.
struct TarEntry: Sendable {
    var name: String
    var offset: Int
    var size: Int
}

/// The tar format as ClickHouse's archives use it (libarchive's restricted pax: ustar headers, a pax `path` / `size`
/// record when a name or size does not fit; GNU `L` long names are read too). Every number read from a header is
/// checked against the archive's size before use.
enum TarFormat {
    static let block = 512
    /// The largest pax or GNU long-name record read (names and sizes only).
    static let maxExtendedHeader = 1 << 20

    /// The regular files of an archive of `size` bytes whose bytes `read(offset, count)` returns, in archive order (a
    /// later entry of the same name wins, as when extracting).
    static func index(size: Int, read: (Int, Int) throws -> [UInt8]) throws -> [TarEntry] {
        var entries: [TarEntry] = []
        var offset = 0
        var pendingName: String?
        var pendingSize: Int?
        while offset + block <= size {
            let header = try read(offset, block)
            guard header.count == block else { throw bad("a header at \(offset) is cut off") }
            if header.allSatisfy({ $0 == 0 }) { break }
            try checkChecksum(header, at: offset)
            let type = header[156]
            var entrySize = try number(header[124..<136], at: offset)
            if let pendingSize { entrySize = pendingSize }
            let data = offset + block
            guard entrySize <= size - data else {
                throw bad("entry at \(offset) holds \(entrySize) bytes, past the end of the archive (\(size) bytes)")
            }
            let padded = (entrySize + block - 1) / block * block
            switch type {
            case UInt8(ascii: "x"), UInt8(ascii: "L"):
                guard entrySize <= maxExtendedHeader else { throw bad("an extended header of \(entrySize) bytes") }
                let record = try read(data, entrySize)
                if type == UInt8(ascii: "L") {
                    pendingName = String(decoding: record.prefix { $0 != 0 }, as: UTF8.self)
                } else {
                    let fields = try paxFields(record, at: offset)
                    if let path = fields["path"] { pendingName = path }
                    if let text = fields["size"] {
                        guard let value = Int(text), value >= 0 else { throw bad("pax size \(text)") }
                        pendingSize = value
                    }
                }
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"):
                entries.append(TarEntry(name: pendingName ?? name(of: header), offset: data, size: entrySize))
                pendingName = nil
                pendingSize = nil
            default:
                // Directories, links, global pax headers: nothing a backup reads.
                pendingName = nil
                pendingSize = nil
            }
            offset = data + padded
        }
        return entries
    }

    /// `prefix/name` of a ustar header (`name` alone in an old tar header).
    static func name(of header: [UInt8]) -> String {
        func field(_ range: Range<Int>) -> String {
            String(decoding: header[range].prefix { $0 != 0 }, as: UTF8.self)
        }
        let name = field(0..<100)
        let isUstar = header[257..<262].elementsEqual("ustar".utf8)
        let prefix = isUstar ? field(345..<500) : ""
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// An octal number field (NUL/space terminated), or a base-256 one (high bit set) as GNU tar writes large sizes.
    static func number(_ field: ArraySlice<UInt8>, at offset: Int) throws -> Int {
        guard let first = field.first else { return 0 }
        if first & 0x80 != 0 {
            var value = 0
            for (index, byte) in field.enumerated() {
                let digit = Int(index == 0 ? byte & 0x7F : byte)
                let (shifted, overflow) = value.multipliedReportingOverflow(by: 256)
                guard !overflow, shifted <= Int.max - digit else { throw bad("a size too large at \(offset)") }
                value = shifted + digit
            }
            return value
        }
        var value = 0
        for byte in field {
            if byte == 0 || byte == UInt8(ascii: " ") {
                if value > 0 { break } else { continue }
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) else {
                throw bad("a number field that is not octal at \(offset)")
            }
            guard value <= (Int.max >> 3) else { throw bad("a number too large at \(offset)") }
            value = value << 3 | Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func checkChecksum(_ header: [UInt8], at offset: Int) throws {
        let stored = try number(header[148..<156], at: offset)
        var sum = 0
        for (index, byte) in header.enumerated() { sum += (148..<156).contains(index) ? 32 : Int(byte) }
        guard sum == stored else { throw bad("the header at \(offset) has a wrong checksum") }
    }

    /// pax records `<length> <key>=<value>\n`.
    static func paxFields(_ record: [UInt8], at offset: Int) throws -> [String: String] {
        var fields: [String: String] = [:]
        var position = 0
        while position < record.count {
            guard let space = record[position...].firstIndex(of: UInt8(ascii: " ")),
                let length = Int(String(decoding: record[position..<space], as: UTF8.self)), length > 0,
                length <= record.count - position
            else { throw bad("a pax record at \(offset) is malformed") }
            let body = record[(space + 1)..<(position + length)]
            if let equals = body.firstIndex(of: UInt8(ascii: "=")) {
                let key = String(decoding: body[..<equals], as: UTF8.self)
                var value = body[(equals + 1)...]
                if value.last == UInt8(ascii: "\n") { value = value.dropLast() }
                fields[key] = String(decoding: value, as: UTF8.self)
            }
            position += length
        }
        return fields
    }

    /// The header blocks of a regular file `name` of `size` bytes, as libarchive's restricted pax writer writes them
    /// for ClickHouse: a ustar header (mode 0644, owner 0, time 0), preceded by a pax header when the name does not fit
    /// ustar's name and prefix fields or the size its 11 octal digits.
    static func header(name: String, size: Int) -> [UInt8] {
        let bytes = Array(name.utf8)
        var ustarName = bytes
        var prefix: [UInt8] = []
        var needsPax = size > 0o77777777777
        if bytes.count > 100 {
            // Split at a slash so that the name part fits 100 bytes and the prefix 155.
            if let slash = bytes.indices.last(where: {
                bytes[$0] == UInt8(ascii: "/") && $0 <= 155 && bytes.count - $0 - 1 <= 100
            }),
                slash > 0
            {
                prefix = Array(bytes[..<slash])
                ustarName = Array(bytes[(slash + 1)...])
            } else {
                needsPax = true
                ustarName = Array(bytes.prefix(100))
            }
        }
        var out: [UInt8] = []
        if needsPax {
            var records: [UInt8] = []
            if bytes.count > 100 && prefix.isEmpty { records += paxRecord("path", name) }
            if size > 0o77777777777 { records += paxRecord("size", String(size)) }
            out += ustarHeader(
                name: Array("PaxHeader/".utf8 + ustarName.suffix(90)), prefix: [], size: records.count, type: "x")
            out += records + Array(repeating: 0, count: (block - records.count % block) % block)
        }
        out += ustarHeader(name: ustarName, prefix: prefix, size: min(size, 0o77777777777), type: "0")
        return out
    }

    static func paxRecord(_ key: String, _ value: String) -> [UInt8] {
        let body = " \(key)=\(value)\n"
        var length = body.utf8.count + 1
        while String(length).utf8.count + body.utf8.count != length { length += 1 }
        return Array((String(length) + body).utf8)
    }

    static func ustarHeader(name: [UInt8], prefix: [UInt8], size: Int, type: Character) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: block)
        func put(_ bytes: [UInt8], at offset: Int) {
            for (index, byte) in bytes.enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, digits: Int) -> [UInt8] {
            let text = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, digits - text.count)) + text).utf8) + [UInt8(ascii: " ")]
        }
        put(Array(name.prefix(100)), at: 0)
        put(octal(0o644, digits: 6) + [0], at: 100)
        put(octal(0, digits: 6) + [0], at: 108)
        put(octal(0, digits: 6) + [0], at: 116)
        put(octal(size, digits: 11), at: 124)
        put(octal(0, digits: 11), at: 136)
        header[156] = type.asciiValue ?? UInt8(ascii: "0")
        put(Array("ustar\u{0}00".utf8), at: 257)
        put(octal(0, digits: 6) + [0], at: 329)
        put(octal(0, digits: 6) + [0], at: 337)
        put(Array(prefix.prefix(155)), at: 345)
        put(Array(repeating: UInt8(ascii: " "), count: 8), at: 148)
        let sum = header.reduce(0) { $0 + Int($1) }
        put(Array(String(format: "%06o", sum).utf8) + [0, UInt8(ascii: " ")], at: 148)
        return header
    }

    /// The end of an archive: two zero blocks.
    static let end = [UInt8](repeating: 0, count: 2 * block)

    static func bad(_ detail: String) -> DatabaseError {
        DatabaseError(.cannotUnpackArchive, "Couldn't unpack tar archive: \(detail)")
    }
}

extension ErrorCode {
    /// ClickHouse's code for an archive it cannot read.
    static let cannotUnpackArchive = ErrorCode(643, "CANNOT_UNPACK_ARCHIVE")
}

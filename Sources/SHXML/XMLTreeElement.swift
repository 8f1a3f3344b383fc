import SHCore

/// An element of a small XML document: the `.backup` manifest, S3's answers. Elements and their text only; the
/// declaration, comments and attributes are skipped, CDATA is text, the five predefined entities and numeric
/// references are decoded, and DTDs are refused (no entity expansion). Nesting is bounded by `maxDepth` and work is
/// linear in the input (whose size every caller bounds).
public struct XMLTreeElement: Sendable {
    /// The local name (a namespace prefix removed).
    public var name: String
    /// The character data directly inside this element, entity-decoded and concatenated.
    public var text = ""
    public var children: [XMLTreeElement] = []

    public init(name: String) { self.name = name }

    /// Deepest nesting accepted (manifests and S3 answers nest 3–4 deep).
    public static let maxDepth = 64

    /// The first child with this name.
    public func child(_ name: String) -> XMLTreeElement? { children.first { $0.name == name } }
    /// All children with this name.
    public func children(named name: String) -> [XMLTreeElement] { children.filter { $0.name == name } }
    /// The text of the first child with this name.
    public func value(_ name: String) -> String? { child(name)?.text }

    /// Parses a document's root element; malformed input is `CANNOT_PARSE_TEXT`.
    public static func parse(_ bytes: [UInt8]) throws -> XMLTreeElement {
        var parser = XMLParserState(bytes: bytes)
        parser.skipProlog()
        return try parser.element(depth: 0)
    }
}

private struct XMLParserState {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func failure(_ message: String) -> DatabaseError {
        DatabaseError(.cannotParseText, "Cannot parse XML: \(message) at byte \(position)")
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    mutating func skipSpaces() {
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
    }

    /// Whether the bytes at the position are `text` (no allocation: this runs for every tag of a large manifest).
    func starts(with text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard count <= bytes.count - position else { return false }
        return text.withUTF8Buffer { needle in
            for offset in 0..<count where bytes[position + offset] != needle[offset] { return false }
            return true
        }
    }

    mutating func skip(until text: StaticString) {
        while position < bytes.count, !starts(with: text) { position += 1 }
        position = min(bytes.count, position + text.utf8CodeUnitCount)
    }

    /// Skips `<?xml …?>` and comments before the root.
    mutating func skipProlog() {
        while true {
            skipSpaces()
            if starts(with: "<?") {
                skip(until: "?>")
            } else if starts(with: "<!--") {
                skip(until: "-->")
            } else {
                return
            }
        }
    }

    mutating func name() -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isSpace(byte) || byte == 0x3E || byte == 0x2F || byte == 0x3D { break }
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// The element name without a namespace prefix (`s3:Key` → `Key`).
    mutating func localName() -> String {
        let full = name()
        guard let colon = full.lastIndex(of: ":") else { return full }
        return String(full[full.index(after: colon)...])
    }

    mutating func element(depth: Int) throws -> XMLTreeElement {
        guard depth < XMLTreeElement.maxDepth else {
            throw failure("XML nested deeper than \(XMLTreeElement.maxDepth)")
        }
        skipSpaces()
        if starts(with: "<!") { throw failure("DTDs and declarations are not allowed") }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "<") else { throw failure("Expected '<'") }
        position += 1
        var element = XMLTreeElement(name: localName())
        // Attributes (namespaces and the like) are not used: skip them, honouring quotes.
        var quote: UInt8?
        while position < bytes.count {
            let byte = bytes[position]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            }
            position += 1
        }
        guard position < bytes.count else { throw failure("Unterminated tag") }
        if bytes[position - 1] == UInt8(ascii: "/") {
            position += 1
            return element
        }
        position += 1
        var text: [UInt8] = []
        while true {
            guard position < bytes.count else { throw failure("Unterminated element <\(element.name)>") }
            let byte = bytes[position]
            if byte != UInt8(ascii: "<") && byte != UInt8(ascii: "&") {
                text.append(byte)
                position += 1
            } else if starts(with: "</") {
                position += 2
                let closing = localName()
                guard closing == element.name else { throw failure("Mismatched </\(closing)> for <\(element.name)>") }
                skipSpaces()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
                    throw failure("Expected '>'")
                }
                position += 1
                element.text = String(decoding: text, as: UTF8.self)
                return element
            } else if starts(with: "<!--") {
                skip(until: "-->")
            } else if starts(with: "<![CDATA[") {
                position += 9
                let start = position
                skip(until: "]]>")
                text += bytes[start..<max(start, position - 3)]
            } else if byte == UInt8(ascii: "<") {
                element.children.append(try self.element(depth: depth + 1))
            } else {
                text += try entity()
            }
        }
    }

    mutating func entity() throws -> [UInt8] {
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: ";"), position - start < 12 { position += 1 }
        guard position < bytes.count, bytes[position] == UInt8(ascii: ";") else { throw failure("Bad entity") }
        let name = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
        position += 1
        switch name {
        case "lt": return [0x3C]
        case "gt": return [0x3E]
        case "amp": return [0x26]
        case "quot": return [0x22]
        case "apos": return [0x27]
        default:
            let scalar: UInt32? =
                name.hasPrefix("#x")
                ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
            guard let scalar, let unicode = Unicode.Scalar(scalar) else { throw failure("Unknown entity &\(name);") }
            return Array(String(Character(unicode)).utf8)
        }
    }
}

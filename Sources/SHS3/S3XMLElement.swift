/// A minimal XML tree for S3 response bodies (elements and text; attributes, comments and declarations are skipped).
struct S3XMLElement: Sendable {
    /// The local name (any namespace prefix removed).
    var name: String
    var children: [S3XMLElement] = []
    /// The concatenated, entity-decoded character data directly inside this element.
    var text: String = ""

    /// The first child with this name.
    func child(_ name: String) -> S3XMLElement? { children.first { $0.name == name } }
    /// All children with this name.
    func children(_ name: String) -> [S3XMLElement] { children.filter { $0.name == name } }
    /// The text of the first child with this name.
    func value(_ name: String) -> String? { child(name)?.text }

    /// Deepest element nesting accepted (S3 answers nest 3–4 deep); deeper input is refused, so a hostile
    /// document cannot build a tree whose recursive destruction exhausts the stack.
    static let maxDepth = 64

    /// Parses a document; returns nil when it is not well-formed enough to read or nests deeper than `maxDepth`.
    /// Work and memory are linear in the input (whose size the client caps).
    static func parse(_ bytes: [UInt8]) -> S3XMLElement? {
        var parser = Parser(bytes: bytes)
        return parser.parseDocument()
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func parseDocument() -> S3XMLElement? {
            var stack: [S3XMLElement] = []
            var root: S3XMLElement?
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "<") {
                    if starts(with: "<?") {
                        skip(past: "?>")
                    } else if starts(with: "<!--") {
                        skip(past: "-->")
                    } else if starts(with: "<![CDATA[") {
                        index += 9
                        let start = index
                        skip(past: "]]>")
                        let end = max(start, index - 3)
                        if !stack.isEmpty {
                            stack[stack.count - 1].text += String(decoding: bytes[start..<end], as: UTF8.self)
                        }
                    } else if starts(with: "<!") {
                        skip(past: ">")
                    } else if starts(with: "</") {
                        index += 2
                        skip(past: ">")
                        guard let element = stack.popLast() else { return nil }
                        if stack.isEmpty {
                            root = element
                            return root
                        } else {
                            stack[stack.count - 1].children.append(element)
                        }
                    } else {
                        index += 1
                        let nameStart = index
                        while index < bytes.count, !isNameEnd(bytes[index]) { index += 1 }
                        var name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
                        if let colon = name.lastIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
                        // Skip attributes, honouring quotes.
                        var quote: UInt8? = nil
                        var selfClosing = false
                        while index < bytes.count {
                            let byte = bytes[index]
                            if let q = quote {
                                if byte == q { quote = nil }
                            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                                quote = byte
                            } else if byte == UInt8(ascii: ">") {
                                selfClosing = index > 0 && bytes[index - 1] == UInt8(ascii: "/")
                                index += 1
                                break
                            }
                            index += 1
                        }
                        let element = S3XMLElement(name: name)
                        if selfClosing {
                            if stack.isEmpty { return element }
                            stack[stack.count - 1].children.append(element)
                        } else {
                            guard stack.count < S3XMLElement.maxDepth else { return nil }
                            stack.append(element)
                        }
                    }
                } else {
                    let start = index
                    while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                    if !stack.isEmpty {
                        stack[stack.count - 1].text += Self.decodeEntities(
                            String(decoding: bytes[start..<index], as: UTF8.self))
                    }
                }
            }
            return root
        }

        private func isNameEnd(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: "\t")
                || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }

        private func starts(with text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard count <= bytes.count - index else { return false }
            return text.withUTF8Buffer { pattern in bytes[index..<(index + count)].elementsEqual(pattern) }
        }

        /// Moves past the next `text` (to the end when there is none).
        private mutating func skip(past text: StaticString) {
            let count = text.utf8CodeUnitCount
            text.withUTF8Buffer { pattern in
                guard let first = pattern.first else { return }
                while index < bytes.count {
                    if bytes[index] == first, count <= bytes.count - index,
                        bytes[index..<(index + count)].elementsEqual(pattern)
                    {
                        index += count
                        return
                    }
                    index += 1
                }
            }
            index = min(index, bytes.count)
        }

        static func decodeEntities(_ text: String) -> String {
            guard text.contains("&") else { return text }
            var out = ""
            var rest = Substring(text)
            while let amp = rest.firstIndex(of: "&") {
                out += rest[..<amp]
                guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
                let entity = rest[rest.index(after: amp)..<semicolon]
                switch entity {
                case "amp": out += "&"
                case "lt": out += "<"
                case "gt": out += ">"
                case "quot": out += "\""
                case "apos": out += "'"
                default:
                    var scalar: UInt32?
                    if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                        scalar = UInt32(entity.dropFirst(2), radix: 16)
                    } else if entity.hasPrefix("#") {
                        scalar = UInt32(entity.dropFirst())
                    }
                    if let scalar, let unicode = Unicode.Scalar(scalar) {
                        out.unicodeScalars.append(unicode)
                    } else {
                        out += rest[amp...semicolon]
                    }
                }
                rest = rest[rest.index(after: semicolon)...]
            }
            out += rest
            return out
        }
    }
}

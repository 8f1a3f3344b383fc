/// ClickHouse's `escapeForFileName`: keeps `[A-Za-z0-9_]`, writes every other byte as `%XX` (upper-case hex).
public func escapeForFileName(_ name: String) -> String {
    var result = ""
    for byte in name.utf8 {
        if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F
        {
            result.unicodeScalars.append(Unicode.Scalar(byte))
        } else {
            let hex = Array("0123456789ABCDEF".utf8)
            result += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
        }
    }
    return result
}

/// The inverse of `escapeForFileName` (invalid escapes are kept as they are).
public func unescapeForFileName(_ name: String) -> String {
    var bytes: [UInt8] = []
    let source = Array(name.utf8)
    var index = 0
    while index < source.count {
        if source[index] == UInt8(ascii: "%"), index + 2 < source.count,
            let value = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
        {
            bytes.append(value)
            index += 3
        } else {
            bytes.append(source[index])
            index += 1
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

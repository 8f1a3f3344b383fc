/// Escaping of text for XML element bodies.
public enum XMLText {
    /// `<`, `>` and `&` escaped, as ClickHouse's manifest writer does; with `quotes`, `"` and `'` too.
    public static func escape(_ text: String, quotes: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\"" where quotes: result += "&quot;"
            case "'" where quotes: result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}

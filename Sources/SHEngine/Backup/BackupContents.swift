import SHBackup
import SHCore
import SHStorage

/// The databases and tables a backup holds, from its `metadata/` file names.
struct BackupContents {
    var databases: [String] = []
    var tables: [(String, String)] = []

    init(names: [String]) {
        for name in names where name.hasSuffix(".sql") {
            let parts = name.dropFirst("metadata/".count).dropLast(4).split(
                separator: "/", omittingEmptySubsequences: false)
            if parts.count == 1 { databases.append(unescapeForFileName(String(parts[0]))) }
            if parts.count == 2 {
                tables.append((unescapeForFileName(String(parts[0])), unescapeForFileName(String(parts[1]))))
            }
        }
    }

    /// "The backup contains: db.t1, db.t2" — SwiftHouse's addition to ClickHouse's error text.
    var hint: String {
        tables.isEmpty
            ? "The backup contains no tables."
            : "The backup contains: " + tables.map { "\($0.0).\($0.1)" }.sorted().joined(separator: ", ")
    }
}

/// Parses the engine text of a manifest's `<base_backup>`, e.g. `S3('http://host/bucket/base')`.
enum EngineSpecText {
    static func parse(_ text: String) throws -> SHBackup.BackupEngineSpec {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") else {
            if trimmed == "Null" { return BackupEngineSpec(name: "Null", arguments: []) }
            throw DatabaseError(.backupDamaged, "Cannot parse base backup \(text)")
        }
        let name = String(trimmed[..<open])
        var arguments: [String] = []
        var current = ""
        var inString = false
        var escaped = false
        for character in trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)] {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" && inString {
                escaped = true
            } else if character == "'" {
                if inString { arguments.append(current) }
                current = ""
                inString.toggle()
            } else if inString {
                current.append(character)
            }
        }
        return BackupEngineSpec(name: name, arguments: arguments)
    }
}

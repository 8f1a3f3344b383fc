import SHBackup
import SHCore
import SHStorage

/// What a backup holds, read from its manifest and its small files (CREATE queries, each part's `count.txt`):
/// tables, parts and files, and where each file's bytes are (this backup, its base, a de-duplicated copy).
public struct BackupInspection: Sendable {
    /// One table of the backup.
    public struct Table: Sendable {
        public var database: String
        public var table: String
        /// The CREATE query as stored.
        public var createQuery: String
        /// The engine's name, from the CREATE query.
        public var engine: String
        public var parts: [Part]
        /// Files of the table that are not in a part directory (Log and Memory engines).
        public var otherFiles: [BackupFileEntry]
    }

    /// One part of a MergeTree table.
    public struct Part: Sendable {
        public var name: String
        public var partitionID: String
        /// `count.txt`, nil when the part has none (or it cannot be read).
        public var rows: Int?
        public var files: [BackupFileEntry]
    }

    /// The backup's manifest.
    public var manifest: BackupManifest
    /// The backup's display name.
    public var backup: String
    public var databases: [String]
    public var tables: [Table]

    /// Reads the backup at `address` (its chain opened for files in a base).
    public static func read(_ address: BackupAddress, sameCredentialsForBase: Bool = false) async throws
        -> BackupInspection
    {
        let reader = try await BackupChain.open(
            address.spec, origin: .user, locations: address.locations, sameCredentialsForBase: sameCredentialsForBase)
        let files = reader.manifest.files
        let contents = BackupLayout.Contents(names: files.map(\.name))
        var tables: [Table] = []
        for (database, table) in contents.tables {
            let metadata = BackupLayout.tableMetadataPath(database: database, table: table)
            guard let size = reader.entry(metadata)?.size, size <= maxQuerySize else {
                throw DatabaseError(
                    .backupDamaged, "Backup \(reader.displayName): \(metadata) is longer than \(maxQuerySize) bytes")
            }
            let create = String(decoding: try await reader.read(metadata), as: UTF8.self)
            let prefix = BackupLayout.tableDataPrefix(database: database, table: table)
            var parts: [String: [BackupFileEntry]] = [:]
            var other: [BackupFileEntry] = []
            for entry in files where entry.name.hasPrefix(prefix) {
                let relative = entry.name.dropFirst(prefix.count)
                if let slash = relative.firstIndex(of: "/"), (try? PartName(parsing: String(relative[..<slash]))) != nil
                {
                    parts[String(relative[..<slash]), default: []].append(entry)
                } else {
                    other.append(entry)
                }
            }
            var tableParts: [Part] = []
            for (name, partFiles) in parts.sorted(by: { $0.key < $1.key }) {
                let partition = (try? PartName(parsing: name))?.partitionID ?? ""
                var rows: Int?
                // A row count is a few digits: a larger count.txt is not read (and the part shows no rows).
                if partFiles.contains(where: { $0.name == prefix + name + "/count.txt" && $0.size <= 32 }) {
                    let text = String(decoding: try await reader.read(prefix + name + "/count.txt"), as: UTF8.self)
                    rows = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
                }
                tableParts.append(Part(name: name, partitionID: partition, rows: rows, files: partFiles))
            }
            tables.append(
                Table(
                    database: database, table: table, createQuery: create, engine: Self.engine(of: create),
                    parts: tableParts, otherFiles: other))
        }
        return BackupInspection(
            manifest: reader.manifest, backup: reader.displayName, databases: contents.databases, tables: tables)
    }

    /// The longest CREATE query read (ClickHouse's `max_query_size` is 256 KiB; this allows much more).
    static let maxQuerySize = 16 << 20

    /// The engine name of a CREATE query (`MergeTree` of `… ENGINE = MergeTree ORDER BY k`), "" when none is given.
    static func engine(of create: String) -> String {
        guard let match = create.firstMatch(of: /ENGINE\s*=\s*([A-Za-z0-9_]+)/) else { return "" }
        return String(match.1)
    }

    /// Bytes of these files that are in the base backup.
    static func baseBytes(_ files: [BackupFileEntry]) -> Int {
        files.reduce(0) { $0 &+ ($1.useBase ? ($1.baseSize ?? $1.size) : 0) }
    }

    /// Where an entry's bytes are, in words.
    static func source(of entry: BackupFileEntry) -> String {
        if entry.size == 0 { return "empty" }
        if entry.useBase { return entry.baseSize.map { $0 < entry.size ? "base + appended" : "base" } ?? "base" }
        if let dataFile = entry.dataFile, dataFile != entry.name { return "object " + dataFile }
        return "backup"
    }

    /// One row per table.
    public var tableRows: ToolTable {
        var table = ToolTable([
            ("database", .string), ("table", .string), ("engine", .string), ("partitions", .uint64),
            ("parts", .uint64), ("rows", .uint64), ("files", .uint64), ("bytes", .uint64), ("bytes_in_base", .uint64),
            ("create_query", .string),
        ])
        for item in tables {
            let files = item.parts.flatMap(\.files) + item.otherFiles
            table.append([
                .string(item.database), .string(item.table), .string(item.engine),
                .count(Set(item.parts.map(\.partitionID)).count), .count(item.parts.count),
                .count(item.parts.reduce(0) { $0 &+ ($1.rows ?? 0) }), .count(files.count),
                .count(files.reduce(0) { $0 &+ $1.size }), .count(Self.baseBytes(files)), .string(item.createQuery),
            ])
        }
        return table
    }

    /// One row per part.
    public var partRows: ToolTable {
        var table = ToolTable([
            ("database", .string), ("table", .string), ("partition_id", .string), ("part", .string),
            ("rows", .nullable(.uint64)), ("files", .uint64), ("bytes", .uint64), ("bytes_in_base", .uint64),
        ])
        for item in tables {
            for part in item.parts {
                table.append([
                    .string(item.database), .string(item.table), .string(part.partitionID), .string(part.name),
                    part.rows.map(Value.count) ?? .null, .count(part.files.count),
                    .count(part.files.reduce(0) { $0 &+ $1.size }), .count(Self.baseBytes(part.files)),
                ])
            }
        }
        return table
    }

    /// One row per file of the manifest.
    public var fileRows: ToolTable {
        var table = ToolTable([("file", .string), ("size", .uint64), ("checksum", .string), ("source", .string)])
        for entry in manifest.files {
            table.append([
                .string(entry.name), .count(entry.size), .string(entry.checksum?.manifestHex ?? ""),
                .string(Self.source(of: entry)),
            ])
        }
        return table
    }
}

extension BackupInspection {
    /// What changed from `old` to `new`: tables and parts added or removed, parts whose files differ (by size and
    /// checksum, as ClickHouse matches files), tables whose CREATE query differs. Rows in database, table, part order.
    public static func difference(from old: BackupInspection, to new: BackupInspection) -> ToolTable {
        var table = ToolTable([
            ("change", .string), ("database", .string), ("table", .string), ("part", .string), ("detail", .string),
        ])
        func key(_ item: Table) -> String { item.database + "\u{0}" + item.table }
        let before = Dictionary(old.tables.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.tables.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        for name in Set(before.keys).union(after.keys).sorted() {
            switch (before[name], after[name]) {
            case (nil, let added?):
                table.append([
                    .string("added"), .string(added.database), .string(added.table), .string(""),
                    .string(
                        "\(added.parts.count) parts"),
                ])
            case (let removed?, nil):
                table.append([
                    .string("removed"), .string(removed.database), .string(removed.table), .string(""),
                    .string(
                        "\(removed.parts.count) parts"),
                ])
            case (let was?, let now?):
                if was.createQuery != now.createQuery {
                    table.append([
                        .string("changed"), .string(now.database), .string(now.table), .string(""),
                        .string(
                            "CREATE query"),
                    ])
                }
                let wasParts = Dictionary(was.parts.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
                let nowParts = Dictionary(now.parts.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
                for part in Set(wasParts.keys).union(nowParts.keys).sorted() {
                    let change: String
                    switch (wasParts[part], nowParts[part]) {
                    case (nil, let added?):
                        change = "added: \(added.rows.map { "\($0) rows" } ?? "\(added.files.count) files")"
                    case (let removed?, nil):
                        change = "removed: \(removed.rows.map { "\($0) rows" } ?? "\(removed.files.count) files")"
                    case (let a?, let b?):
                        guard Self.contents(a) != Self.contents(b) else { continue }
                        change = "changed: files differ"
                    default: continue
                    }
                    let kind = String(change.prefix { $0 != ":" })
                    table.append([
                        .string(kind), .string(now.database), .string(now.table), .string(part),
                        .string(String(change.dropFirst(kind.count + 2))),
                    ])
                }
            default: break
            }
        }
        return table
    }

    /// A part's files by name relative to the part, with their sizes and checksums.
    private static func contents(_ part: Part) -> [String: ContentKey] {
        Dictionary(
            part.files.map { (String($0.name.split(separator: "/").last ?? ""), $0.contentKey) },
            uniquingKeysWith: { first, _ in first })
    }
}

import Foundation
import SHCodecs
import SHCore

/// A MergeTree table in a backup: under `data/<db>/<table>/`, one directory per active part with the part's files
/// as they are on disk (ClickHouse's layout).
extension MergeTreeTable: BackupableTable {
    /// Hard-links every file of every active part (of `partitions`, if given) into `snapshotDirectory/<part>/`
    /// (copies when the file system cannot link), so that merges or drops running meanwhile cannot remove them.
    public func backupData(partitions: [String]?, snapshotDirectory: URL) throws -> [TableBackupEntry] {
        guard case .parts(let parts) = snapshot() else { return [] }
        var entries: [TableBackupEntry] = []
        for part in parts where partitions?.contains(part.name.partitionID) ?? true {
            let linked = snapshotDirectory.appendingPathComponent(part.name.description)
            for file in try Self.partFiles(part.directory) {
                let source = part.directory.appendingPathComponent(file)
                let destination = linked.appendingPathComponent(file)
                try FileManager.default.createDirectory(
                    at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                if link(source.path, destination.path) != 0 {
                    try FileManager.default.copyItem(at: source, to: destination)
                }
                entries.append(TableBackupEntry(relativePath: "\(part.name)/\(file)", source: .file(destination)))
            }
        }
        return entries
    }

    /// The files of a part directory, relative to it and sorted: its own, and those of its projections
    /// (`<name>.proj/<file>`, ClickHouse's layout in parts and in backups).
    static func partFiles(_ directory: URL) throws -> [String] {
        var files: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(
                atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory)
            guard isDirectory.boolValue else {
                files.append(name)
                continue
            }
            guard name.hasSuffix(".proj") else { continue }
            let inner = directory.appendingPathComponent(name)
            for file in try FileManager.default.contentsOfDirectory(atPath: inner.path).sorted() {
                files.append("\(name)/\(file)")
            }
        }
        return files
    }

    /// Whether `path` (relative to a part directory, from a backup) is a file a part may hold: a plain name, or
    /// one inside a projection (`p.proj/data.bin`); never `..`, an absolute path or deeper nesting.
    static func isPartFilePath(_ path: String) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        func plain(_ name: Substring) -> Bool { !name.isEmpty && name != "." && name != ".." }
        switch components.count {
        case 1: return plain(components[0])
        case 2: return plain(components[0]) && components[0].hasSuffix(".proj") && plain(components[1])
        default: return false
        }
    }

    /// How many parts a RESTORE downloads at once: 4 took a 10M-row RESTORE of ClickHouse's parts from 3.7–4.3 s to
    /// 2.8–2.9 s on moto (bench/RESULTS.md); memory does not grow with it (files stream to disk).
    static let partsDownloadingAtOnce = 4
    /// A part downloads ahead only while the parts downloading hold at most this many files together: a wide table's
    /// parts (hundreds of files each) go one at a time, or requests would wait for the client's connections too long.
    static let filesDownloadingAheadAtMost = 96

    /// Downloads every part (of `options.partitions`) into temporary directories of the table (not yet visible) and
    /// checks each completely with `options.checkPart` while the next ones download. Files outside a part directory
    /// are ignored. On failure the temporary directories are removed.
    public func restoreDataFromBackup(_ source: any TableBackupSource, options: TableRestoreOptions) async throws
        -> any RestoredTableData
    {
        var byPart: [String: [String]] = [:]
        for file in source.files {
            guard let slash = file.firstIndex(of: "/") else { continue }
            byPart[String(file[..<slash]), default: []].append(String(file[file.index(after: slash)...]))
        }
        // ClickHouse backs up the mutations that had not finished (`mutations/0000000002.txt`); restored without them
        // the table would show rows a finished DELETE or UPDATE would have changed.
        if let mutations = byPart["mutations"] {
            throw DatabaseError(
                .notImplemented,
                "The backup of table \(qualifiedName) holds unfinished mutations (\(mutations.sorted().map { "mutations/\($0)" }.joined(separator: ", "))), which SwiftHouse cannot apply yet"
            )
        }
        // Parts are renumbered in block order (not name order: `all_11_20_1` sorts before `all_1_10_1` as text),
        // so the restored table reads its rows in the original order.
        let names = try byPart.keys.map { ($0, try PartName(parsing: $0)) }.sorted {
            ($0.1.minBlock, $0.1.maxBlock, $0.1.partitionID) < ($1.1.minBlock, $1.1.maxBlock, $1.1.partitionID)
        }
        let selected = names.filter { options.partitions?.contains($0.1.partitionID) ?? true }.map {
            (partName: $0.0, name: $0.1, files: byPart[$0.0] ?? [])
        }
        for (partName, _, files) in selected {
            for file in files where !Self.isPartFilePath(file) {
                throw DatabaseError(.corruptedData, "Backup entry \(partName)/\(file) is not a file of a data part")
            }
        }
        var prepared: [RestoredParts.Part] = []
        // Up to `partsDownloadingAtOnce` parts download at once (each its files in parallel: one part's largest file
        // is one GET stream), and the check of the last part downloaded runs (on both cores) meanwhile.
        var downloads: [Task<Void, any Error>] = []
        func startDownload() throws {
            let (partName, name, files) = selected[downloads.count]
            let directory = try makeTemporaryDirectory(prefix: "tmp_restore_\(partName)")
            prepared.append(RestoredParts.Part(directory: directory, name: name))
            // The projections' directories (`p.proj` of `p.proj/data.bin`).
            for projection in Set(files.compactMap { $0.split(separator: "/").dropLast().first }) {
                try FileManager.default.createDirectory(
                    at: directory.appendingPathComponent(String(projection)), withIntermediateDirectories: true)
            }
            downloads.append(
                Task {
                    try await withThrowingTaskGroup(of: Int.self) { group in
                        for file in files {
                            group.addTask {
                                try await source.copy(
                                    "\(partName)/\(file)", toLocalFile: directory.appendingPathComponent(file).path)
                            }
                        }
                        for try await _ in group {}
                    }
                })
        }
        var checking: (index: Int, task: Task<Bool, any Error>)?
        func finishCheck() async throws {
            guard let (index, task) = checking else { return }
            checking = nil
            prepared[index].broken = try await task.value
        }
        do {
            for index in selected.indices {
                while downloads.count < min(selected.count, index + Self.partsDownloadingAtOnce) {
                    let downloading = selected[index..<downloads.count].map(\.files.count).reduce(0, +)
                    let next = selected[downloads.count].files.count
                    guard downloads.count == index || downloading + next <= Self.filesDownloadingAheadAtMost else {
                        break
                    }
                    try startDownload()
                }
                try await downloads[index].value
                try await finishCheck()
                let (partName, name, files) = selected[index]
                // Each download was checked against the manifest's size and hash, the hash checksums.txt uses too.
                var verified: [String: (size: Int, hash: UInt128Hash)] = [:]
                for file in files {
                    if let digest = source.verifiedDigest(of: "\(partName)/\(file)") { verified[file] = digest }
                }
                let directory = prepared[index].directory
                let table = self
                checking = (
                    index,
                    Task {
                        try Self.check(directory, name: name, table: table, verified: verified, options: options)
                    }
                )
            }
            try await finishCheck()
        } catch {
            // Nothing may still write into a directory being removed.
            checking?.task.cancel()
            _ = try? await checking?.task.value
            for download in downloads {
                download.cancel()
                _ = try? await download.value
            }
            for part in prepared { try? FileManager.default.removeItem(at: part.directory) }
            throw error
        }
        return RestoredParts(table: self, parts: prepared)
    }

    /// Checks one downloaded part; returns whether it is broken and kept aside (`restore_broken_parts_as_detached`:
    /// as in ClickHouse, the RESTORE then goes on; a codec SwiftHouse cannot read is not a broken part).
    private static func check(
        _ directory: URL, name: PartName, table: MergeTreeTable, verified: [String: (size: Int, hash: UInt128Hash)],
        options: TableRestoreOptions
    ) throws -> Bool {
        do {
            try options.checkPart(directory, name, table, verified)
            return false
        } catch let error as DatabaseError {
            if options.detachBrokenParts, error.code != .unknownCompressionMethod { return true }
            throw error.adding(context: "While restoring part \(name) of table \(table.qualifiedName)")
        }
    }
}

/// Parts downloaded and checked, not yet visible; a broken one (with `restore_broken_parts_as_detached`) goes to
/// `detached/broken-from-backup_<name>` instead of the table.
struct RestoredParts: RestoredTableData {
    /// One prepared part.
    struct Part: Sendable {
        var directory: URL
        var name: PartName
        var broken = false
    }

    let table: MergeTreeTable
    let parts: [Part]

    /// Attaches the parts in block order, renumbered; moves the broken ones to `detached/`.
    func finalize() throws {
        for part in parts {
            if part.broken {
                try table.detachBroken(preparedPart: part.directory, originalName: part.name)
            } else {
                _ = try table.attach(preparedPart: part.directory, originalName: part.name)
            }
        }
    }

    /// Removes the temporary directories not attached yet.
    func discard() {
        for part in parts { try? FileManager.default.removeItem(at: part.directory) }
    }
}

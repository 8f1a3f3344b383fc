import Foundation
import SHBackup
import SHCodecs
import SHCore
import SHEngine
import SHSQL

/// How deep `verify` looks, cheapest first; each level includes the ones before it.
public enum VerifyLevel: String, Sendable, CaseIterable, Comparable {
    /// The manifest parses, its chain opens with the recorded UUIDs, every file taken from a base is in the base.
    case manifest
    /// Every object the chain's manifests name exists with the size they say (one HEAD or stat each).
    case objects
    /// Every byte of every file is read back and its size and CityHash128 checked, through the chain.
    case data
    /// Every part is restored as RESTORE restores it, into a scratch directory thrown away afterwards.
    case parts

    public static func < (a: VerifyLevel, b: VerifyLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One problem `verify` found.
public struct BackupProblem: Sendable, Hashable {
    /// The level that found it.
    public var level: VerifyLevel
    /// The backup of the chain it is in.
    public var backup: String
    /// The file (or object) concerned.
    public var file: String
    /// What is wrong, as a ClickHouse-style error text.
    public var problem: String
    /// What the manifest says.
    public var expected: String
    /// What was found.
    public var found: String
}

/// Verifies a backup and its chain without restoring it (up to level `data`), on ClickHouse's backups and
/// SwiftHouse's alike. Memory stays bounded: files stream in chunks, at most `parallelism` at a time.
public struct BackupVerifier: Sendable {
    /// The backup.
    public var address: BackupAddress
    /// Whether bases named by manifests get the backup's S3 credentials (ClickHouse's
    /// `use_same_s3_credentials_for_base_backup`); otherwise they get only the keys written in their own text.
    public var sameCredentialsForBase = false
    /// Files checked at once.
    public var parallelism = 8
    /// `--sample`: the percentage of files whose bytes the `data` level reads (chosen by a hash of their names, so
    /// the same files each run); 100 reads all.
    public var samplePercent = 100
    /// Files and bytes checked so far.
    public let progress = ToolProgress()

    /// A verifier of the backup at `address`.
    public init(
        address: BackupAddress, sameCredentialsForBase: Bool = false, parallelism: Int = 8, samplePercent: Int = 100
    ) {
        self.address = address
        self.sameCredentialsForBase = sameCredentialsForBase
        self.parallelism = max(1, parallelism)
        self.samplePercent = min(100, max(0, samplePercent))
    }

    /// Whether the `data` level reads `name` under `samplePercent` (FNV-1a of the name, modulo 100).
    public func sampled(_ name: String) -> Bool {
        guard samplePercent < 100 else { return true }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(hash % 100) < samplePercent
    }

    /// Every problem found up to `level`; empty when the backup is sound.
    public func verify(level: VerifyLevel) async -> [BackupProblem] {
        let reader: BackupReader
        do {
            reader = try await BackupChain.open(
                address.spec, origin: .user, locations: address.locations,
                sameCredentialsForBase: sameCredentialsForBase)
        } catch {
            return [
                BackupProblem(
                    level: .manifest, backup: address.displayName, file: BackupLayout.manifestPath,
                    problem: DatabaseError.wrap(error).description, expected: "a readable manifest and chain",
                    found: "")
            ]
        }
        var chain: [BackupReader] = []
        var next: BackupReader? = reader
        while let current = next {
            chain.append(current)
            next = current.base
        }
        var problems = chain.flatMap(Self.manifestProblems)
        guard problems.isEmpty, level >= .objects else { return problems }
        for member in chain { problems += await objectProblems(member) }
        guard problems.isEmpty, level >= .data else { return problems }
        problems += await dataProblems(reader)
        guard problems.isEmpty, level >= .parts else { return problems }
        problems += await partProblems(BackupLayout.Contents(names: reader.manifest.files.map(\.name)))
        return problems
    }

    /// Files said to be in the base that the base does not hold; non-empty files without a checksum.
    static func manifestProblems(_ reader: BackupReader) -> [BackupProblem] {
        var problems: [BackupProblem] = []
        for entry in reader.manifest.files {
            func problem(_ text: String, expected: String, found: String) {
                problems.append(
                    BackupProblem(
                        level: .manifest, backup: reader.displayName, file: entry.name, problem: text,
                        expected: expected, found: found))
            }
            if entry.size > 0, entry.checksum == nil {
                problem(
                    "the manifest gives no checksum for a file of \(entry.size) bytes", expected: "a checksum",
                    found: "none")
            }
            guard entry.useBase else { continue }
            let key = entry.baseContentKey
            guard let base = reader.base else {
                problem(
                    "the file is said to be in the base backup, but the manifest names no base",
                    expected: "a base backup", found: "none")
                continue
            }
            if !base.contains(key) {
                problem(
                    "the file is not in its base backup \(base.displayName)",
                    expected: "\(key.size) bytes with checksum \(key.checksum.manifestHex)", found: "no such file")
            }
        }
        return problems
    }

    /// Objects of one backup of the chain that are missing or of the wrong size.
    func objectProblems(_ reader: BackupReader) async -> [BackupProblem] {
        let storage = reader.storage
        let name = reader.displayName
        return await Self.concurrently(reader.manifest.storedObjects, width: parallelism) { object in
            do {
                guard let info = try await storage.info(of: object.object) else {
                    return BackupProblem(
                        level: .objects, backup: name, file: object.object, problem: "the object is missing",
                        expected: "\(object.size) bytes", found: "no object")
                }
                guard info.size == object.size else {
                    return BackupProblem(
                        level: .objects, backup: name, file: object.object,
                        problem: "the object's size differs from the manifest's", expected: "\(object.size) bytes",
                        found: "\(info.size) bytes")
                }
                return nil
            } catch {
                return BackupProblem(
                    level: .objects, backup: name, file: object.object, problem: DatabaseError.wrap(error).description,
                    expected: "\(object.size) bytes", found: "")
            }
        }
    }

    /// Files whose bytes, read back through the chain, differ from the manifest's size or checksum.
    func dataProblems(_ reader: BackupReader) async -> [BackupProblem] {
        let name = reader.displayName
        let files = reader.manifest.files.filter { sampled($0.name) }
        let progress = progress
        progress.expect(files: files.count, bytes: files.reduce(0) { $0 &+ $1.size })
        return await Self.concurrently(files, width: parallelism) { entry in
            defer { progress.done(files: 1, bytes: entry.size) }
            var hasher = ChainedFileHasher()
            var size = 0
            do {
                try await reader.stream(entry.name) { chunk in
                    hasher.update(chunk)
                    size += chunk.count
                }
                return nil
            } catch {
                let checksum = hasher.finalize()
                return BackupProblem(
                    level: .data, backup: name, file: entry.name, problem: DatabaseError.wrap(error).description,
                    expected: "\(entry.size) bytes, checksum \(entry.checksum?.manifestHex ?? "none")",
                    found: "\(size)\(size > entry.size ? "+" : "") bytes, checksum \(checksum.manifestHex)")
            }
        }
    }

    /// Restores the whole backup into a scratch engine and reports what RESTORE refused. Databases of tables
    /// backed up without their database (`BACKUP TABLE`) are created first, as a user restoring them would.
    func partProblems(_ contents: BackupLayout.Contents) async -> [BackupProblem] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "swifthouse-verify-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            let engine = try Engine(path: scratch.path, configuration: EngineConfiguration(allowedBackupPath: "/"))
            let session = engine.makeSession()
            for database in Set(contents.tables.map(\.database)).subtracting(contents.databases).sorted() {
                _ = try await session.query(
                    "CREATE DATABASE IF NOT EXISTS \(SQLFormatter.quoteIdentifierIfNeeded(database))")
            }
            var result = try await session.query(
                "RESTORE ALL FROM \(address.spec.sqlText) SETTINGS allow_non_empty_tables = 1"
                    + (sameCredentialsForBase ? ", use_same_s3_credentials_for_base_backup = 1" : ""))
            _ = try result.collect()
            return []
        } catch {
            return [
                BackupProblem(
                    level: .parts, backup: address.displayName, file: "",
                    problem: DatabaseError.wrap(error).description,
                    expected: "RESTORED", found: "RESTORE failed")
            ]
        }
    }

    /// `check` of every item, at most `width` at a time, problems in the items' order.
    static func concurrently<Item: Sendable>(
        _ items: [Item], width: Int, _ check: @escaping @Sendable (Item) async -> BackupProblem?
    ) async -> [BackupProblem] {
        await withTaskGroup(of: (Int, BackupProblem?).self) { group in
            var pending = items.enumerated().makeIterator()
            for _ in 0..<width {
                guard let (index, item) = pending.next() else { break }
                group.addTask { (index, await check(item)) }
            }
            var found: [(Int, BackupProblem)] = []
            while let (index, problem) = await group.next() {
                if let problem { found.append((index, problem)) }
                if let (index, item) = pending.next() { group.addTask { (index, await check(item)) } }
            }
            return found.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}

extension BackupEngineSpec {
    /// The spec as SQL, secrets included (`S3('url', 'key', 'secret')`): for statements run in-process only.
    var sqlText: String {
        name + "("
            + arguments.map {
                "'" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
            }
            .joined(separator: ", ") + ")"
    }
}

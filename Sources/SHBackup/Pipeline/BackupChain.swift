import Foundation
import SHCore
import SHSQL

/// Opens a backup together with its whole chain of base backups.
///
/// The bases a manifest names are untrusted text: credentials go only where ClickHouse's rules send them. A base named
/// by the user (`SETTINGS base_backup = S3('url')`) is opened like any destination the user names (its own keys, else
/// the environment's). A base named inside a manifest gets the keys written in its own text, or — when the manifest says
/// `base_backup_copy_s3_credentials_from_backup` or the query says `use_same_s3_credentials_for_base_backup` — the
/// credentials of the S3 backup that names it; otherwise it is opened anonymously, never with the environment's keys.
/// Chains are followed at most `maxDepth` deep and never through the same backup twice (ClickHouse:
/// `TOO_DEEP_RECURSION`).
public enum BackupChain {
    /// The deepest chain followed.
    public static let maxDepth = 64

    /// How a backup's location was given, which decides the credentials it may use.
    public enum Origin: Sendable {
        /// Typed by the user in the statement (the destination or `SETTINGS base_backup`).
        case user
        /// Named by the manifest of `parent`; `copyCredentials` from the manifest or the query's settings.
        case manifest(parent: BackupEngineSpec, copyCredentials: Bool)
    }

    /// Opens `spec` and, on demand, its bases.
    /// `storage`: the backup's storage when the caller has already opened it for `spec`.
    public static func open(
        _ spec: BackupEngineSpec, storage: (any BackupStorage)? = nil, origin: Origin, locations: BackupLocations,
        sameCredentialsForBase: Bool, visited: [String] = []
    ) async throws -> BackupReader {
        let (spec, ambient) = credentials(for: spec, origin: origin)
        let name = spec.displayName
        guard !visited.contains(name), visited.count < maxDepth else {
            throw DatabaseError(
                .tooDeepRecursion,
                "Backup \(visited.first ?? name): the chain of base backups "
                    + (visited.contains(name) ? "returns to \(name)" : "is deeper than \(maxDepth)")
                    + " (\((visited + [name]).joined(separator: " -> ")))")
        }
        let storage =
            try storage
            ?? BackupEngineRegistry.open(
                spec, locations: locations, options: BackupEngineOptions(ambientCredentials: ambient))
        return try await BackupReader.open(storage: storage, name: name) { manifest in
            guard let text = manifest.baseBackup else {
                throw DatabaseError(.backupDamaged, "Backup \(name) refers to a base backup but does not name it")
            }
            let base = try parse(text)
            return try await open(
                base,
                origin: .manifest(
                    parent: spec, copyCredentials: manifest.copyS3CredentialsFromBackup || sameCredentialsForBase),
                locations: locations, sameCredentialsForBase: sameCredentialsForBase, visited: visited + [name])
        }
    }

    /// The spec to open and whether it may fall back to the environment's credentials.
    private static func credentials(for spec: BackupEngineSpec, origin: Origin) -> (BackupEngineSpec, Bool) {
        guard case .manifest(let parent, let copyCredentials) = origin else { return (spec, true) }
        guard spec.name == "S3", spec.arguments.count == 1 else { return (spec, false) }
        guard copyCredentials, parent.name == "S3" else { return (spec, false) }
        var copied = spec
        if parent.arguments.count == 3 {
            copied.arguments += parent.arguments[1...2]
            return (copied, false)
        }
        // The parent itself used the environment's credentials: so does its base.
        return (copied, true)
    }

    /// Parses the engine text of a manifest's `<base_backup>`, e.g. `S3('http://host/bucket/base')`, with the
    /// statement parser (the same grammar as a BACKUP's destination).
    public static func parse(_ text: String) throws -> BackupEngineSpec {
        do {
            return try BackupEngineSpec(evaluating: try Parser.parseBackupEngine(text))
        } catch {
            throw DatabaseError(
                .backupDamaged, "Cannot parse base backup \(text): \(DatabaseError.wrap(error).message)")
        }
    }
}

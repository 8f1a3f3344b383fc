import SHCore
import SHSQL

/// The settings of a BACKUP or RESTORE statement, parsed from its SETTINGS clause.
///
/// Names that are not backup settings are returned in `coreSettings` (ClickHouse passes them to the
/// session; the caller rejects unknown ones with UNKNOWN_SETTING).
public struct BackupSettings: Sendable {
    /// `id`: the operation's id in `system.backups` (default: a fresh UUID).
    public var id: String?
    /// `async`: run in the background (also `ASYNC` in the statement).
    public var async = false
    /// `base_backup = S3(...)`: the engine call, already evaluated to its name and string arguments.
    public var baseBackup: BackupEngineSpec?
    /// `deduplicate_files`: equal files of one backup are stored once.
    public var deduplicateFiles = true
    /// `data_file_name_generator = 'checksum'`: data files stored under their checksum, in directories of the first
    /// `data_file_name_prefix_length` hex digits (3 by default); nil for ClickHouse's default, the first file's name.
    public var checksumNamePrefixLength: Int?
    private var prefixLength = 3
    /// `structure_only`: only the CREATE queries.
    public var structureOnly = false
    /// `s3_storage_class`: the storage class of the objects uploaded.
    public var s3StorageClass: String?
    /// `allow_non_empty_tables`: RESTORE may add rows to a table that has some.
    public var allowNonEmptyTables = false
    /// `allow_different_table_def`: RESTORE into an existing table of another definition.
    public var allowDifferentTableDefinition = false
    /// `allow_different_database_def` (accepted; databases are not compared).
    public var allowDifferentDatabaseDefinition = false
    /// `restore_table_data`, if given.
    public var restoreTableData: Bool?
    /// `create_table`: whether RESTORE creates, may create or needs the table.
    public var createTable = CreationMode.ifNotExists
    /// `create_database`: likewise for databases.
    public var createDatabase = CreationMode.ifNotExists
    /// Bytes per second for reads and writes of the operation; nil = unlimited.
    public var maxBandwidth: Int?
    /// Seconds after which a `.lock` without a heartbeat is considered abandoned.
    public var staleLockSeconds: Int = 300
    /// `use_same_s3_credentials_for_base_backup`: the bases of the chain get this query's S3 credentials.
    public var sameS3CredentialsForBase = false
    /// `restore_broken_parts_as_detached`: a part that fails validation goes to `detached/` instead of failing the
    /// RESTORE.
    public var restoreBrokenPartsAsDetached = false
    /// The settings that are not backup settings (checked by the caller).
    public var coreSettings: [String: Value] = [:]

    /// The defaults.
    public init() {}

    /// `create_table` / `create_database`: whether the object must, may or must not exist.
    public enum CreationMode: Sendable, Equatable {
        case create, ifNotExists, mustExist

        init(parsing value: Value) throws {
            let text: String =
                switch value {
                case .string(let bytes): String(decoding: bytes, as: UTF8.self).lowercased()
                case .uint(let v): v == 0 ? "0" : "1"
                case .int(let v): v == 0 ? "0" : "1"
                default: ""
                }
            switch text {
            case "create", "1", "true": self = .create
            case "if-not-exists", "if_not_exists": self = .ifNotExists
            case "must-exist", "must_exist", "0", "false": self = .mustExist
            default:
                throw DatabaseError(.cannotParseBackupSettings, "Cannot parse creation mode from \(text)")
            }
        }
    }

    /// Whether table data is restored (`restore_table_data`, default: not `structure_only`).
    public var restoresTableData: Bool { restoreTableData ?? !structureOnly }

    /// The settings as the statement gave them (name, value as text), for `system.backups.settings`.
    public var given: [(name: String, value: String)] = []

    /// Parses `name = value` pairs; `base_backup` arrives separately as an engine spec.
    public init(values: [(String, Value)], baseBackup: BackupEngineSpec?) throws {
        self.baseBackup = baseBackup
        given = values.map { name, value in
            switch value {
            case .string(let bytes): (name, String(decoding: bytes, as: UTF8.self))
            case .int(let v): (name, String(v))
            case .uint(let v): (name, String(v))
            case .float(let v): (name, String(v))
            default: (name, value.isTrue ? "1" : "0")
            }
        }
        if let baseBackup { given.append(("base_backup", baseBackup.displayName)) }
        for (name, value) in values {
            switch name {
            case "id": id = try Self.text(value, name)
            case "async": async = value.isTrue || Self.textFlag(value)
            case "deduplicate_files": deduplicateFiles = value.isTrue || Self.textFlag(value)
            case "structure_only": structureOnly = value.isTrue || Self.textFlag(value)
            case "s3_storage_class", "s3_storage_class_name": s3StorageClass = try Self.text(value, name)
            case "allow_non_empty_tables": allowNonEmptyTables = value.isTrue || Self.textFlag(value)
            case "allow_different_table_def": allowDifferentTableDefinition = value.isTrue || Self.textFlag(value)
            case "allow_different_database_def": allowDifferentDatabaseDefinition = value.isTrue || Self.textFlag(value)
            case "restore_table_data": restoreTableData = value.isTrue || Self.textFlag(value)
            case "create_table": createTable = try CreationMode(parsing: value)
            case "create_database": createDatabase = try CreationMode(parsing: value)
            case "max_backup_bandwidth":
                let bytes = Int(value.int64 ?? 0)
                maxBandwidth = bytes > 0 ? bytes : nil
                coreSettings[name] = value
            case "stale_lock_seconds": staleLockSeconds = Int(value.int64 ?? 300)
            case "password":
                throw DatabaseError(.badArguments, "Password is not applicable, backup cannot be encrypted")
            case "use_same_s3_credentials_for_base_backup":
                sameS3CredentialsForBase = value.isTrue || Self.textFlag(value)
            case "restore_broken_parts_as_detached":
                restoreBrokenPartsAsDetached = value.isTrue || Self.textFlag(value)
            case "compression_method", "compression_level", "check_parts", "allow_s3_native_copy",
                "read_from_filesystem_cache",
                "decrypt_files_from_encrypted_disks", "allow_backup_broken_projections", "internal", "shard_num",
                "replica_num":
                break
            case "data_file_name_prefix_length":
                guard let length = Int(try Self.text(value, name)), (0...32).contains(length) else {
                    throw DatabaseError(.badArguments, "Setting data_file_name_prefix_length must be from 0 to 32")
                }
                prefixLength = length
                if checksumNamePrefixLength != nil { checksumNamePrefixLength = length }
            case "data_file_name_generator":
                let generator = try Self.text(value, name)
                guard generator.isEmpty || generator == "checksum" else {
                    throw DatabaseError(
                        .badArguments,
                        "Unexpected value of BackupDataFileNameGeneratorType: '\(generator)'. Must be one of ['checksum', '']"
                    )
                }
                checksumNamePrefixLength = generator == "checksum" ? prefixLength : nil
            default:
                coreSettings[name] = value
            }
        }
    }

    private static func text(_ value: Value, _ name: String) throws -> String {
        switch value {
        case .string(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .uint(let v): return String(v)
        case .int(let v): return String(v)
        default: throw DatabaseError(.cannotParseBackupSettings, "Cannot parse setting \(name)")
        }
    }

    private static func textFlag(_ value: Value) -> Bool {
        if case .string(let bytes) = value {
            return ["1", "true"].contains(String(decoding: bytes, as: UTF8.self).lowercased())
        }
        return false
    }
}

/// A backup engine call as written (`S3('url', 'key', 'secret')`), with its arguments evaluated to strings.
public struct BackupEngineSpec: Sendable, Hashable {
    /// The engine's name (`S3`, `File`, `Disk`, `Memory`, `Null`).
    public var name: String
    /// The arguments, evaluated to strings.
    public var arguments: [String]

    /// A spec of `name` with `arguments`.
    public init(name: String, arguments: [String]) {
        self.name = name
        self.arguments = arguments
    }

    /// ClickHouse's display form with the secret hidden: `S3('url', 'AK', '[HIDDEN]')`, `File('b1')`, `Null`.
    public var displayName: String {
        if name == "Null" && arguments.isEmpty { return "Null" }
        var shown = arguments
        if name == "S3", shown.count >= 3 { shown[2] = "[HIDDEN]" }
        return "\(name)(" + shown.map { "'\($0.replacingOccurrences(of: "'", with: "\\'"))'" }.joined(separator: ", ")
            + ")"
    }

    /// The form stored in a manifest's `<base_backup>`: no credentials at all.
    public var manifestName: String {
        if name == "S3", let url = arguments.first { return "S3('\(url)')" }
        return displayName
    }
}

extension BackupEngineSpec {
    /// Evaluates `S3('url', 'key', 'secret')` to a spec of strings. `extra_credentials(role_arn = …)` (ClickHouse
    /// Cloud's assumed roles) is refused: SwiftHouse cannot honour it.
    public init(evaluating call: FunctionCall) throws {
        var arguments: [String] = []
        for argument in call.arguments {
            switch argument {
            case .literal(.string(let text)): arguments.append(text)
            case .literal(.unsignedInteger(let v)): arguments.append(String(v))
            case .function(let inner) where inner.name == "extra_credentials":
                throw DatabaseError(
                    .badArguments,
                    "extra_credentials of backup engine \(call.name) is not supported by SwiftHouse (it is a ClickHouse Cloud feature): give the access key id and secret access key as arguments, or set them in the environment"
                )
            default:
                throw DatabaseError(.badArguments, "Backup engine \(call.name) expects string literals as arguments")
            }
        }
        self.init(name: call.name, arguments: arguments)
    }

    /// Whether this is an `S3(...)` backup (whose increments may copy its credentials to their base).
    public var isS3: Bool { name == "S3" }
}

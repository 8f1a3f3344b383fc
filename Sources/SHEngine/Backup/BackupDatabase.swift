import Foundation
import SHBackup
import SHCore
import SHSQL
import SHStorage

/// ClickHouse's `Backup` database engine: `CREATE DATABASE d ENGINE = Backup('db', S3(…))` attaches the MergeTree
/// tables of database `db` in a backup (full or incremental, any destination RESTORE reads) as read-only tables of
/// `d`, as ClickHouse 25+ does; tables of other engines and views are skipped, as ClickHouse skips them.
///
/// Where ClickHouse reads the backup's files lazily through a read-only disk, SwiftHouse fetches the tables' parts
/// into the database's own data directory when the database is created, checked as RESTORE checks them (every file
/// against the manifest, every part decoded): a query never meets a damaged or missing backup file halfway, and
/// the database answers after a restart without the backup's endpoint. Either everything is attached or the
/// statement fails and nothing is left. Writes are refused with ClickHouse's errors (`refuseChanges`), and the
/// credentials in the engine's arguments are hidden wherever the definition is shown (ClickHouse 26.9 shows them).
enum BackupDatabase {
    /// The engine's name in `CREATE DATABASE … ENGINE = Backup(…)`.
    static let engineName = "Backup"

    /// Creates the database of `query` (its engine is `Backup`) and attaches the backup's tables to it.
    static func create(_ query: CreateDatabaseQuery, context: QueryContext) async throws {
        let (source, spec) = try arguments(of: query)
        let locations = EngineBackupHost(context: context).locations
        let settings = try BackupSettings(values: [], baseBackup: nil)
        let reader = try await BackupChain.open(
            spec, origin: .user, locations: locations, sameCredentialsForBase: settings.sameS3CredentialsForBase)
        let tables = try await mergeTreeTables(of: source, in: reader)
        try DatabaseInterpreter.createDatabase(
            name: query.name, engine: context.engine, uuid: query.uuid.flatMap(UUID.init(uuidString:)),
            definition: query)
        guard !tables.isEmpty else { return }
        let elements = tables.map { table in
            BackupElement.table(
                TableName(database: source, table: table), newName: TableName(database: query.name, table: table),
                partitions: nil)
        }
        do {
            let host = EngineBackupHost(context: context, attaching: query.name)
            _ = try await context.engine.backups.restore(
                elements, from: spec, settings: settings, async: false, host: host)
        } catch {
            try? DatabaseInterpreter.drop(query.name, ifExists: true, engine: context.engine)
            throw error
        }
    }

    /// `Backup('db', S3(…))`: the database's name in the backup and the backup's destination, checked as ClickHouse
    /// checks them.
    static func arguments(of query: CreateDatabaseQuery) throws -> (database: String, backup: BackupEngineSpec) {
        let arguments = query.engineArguments ?? []
        guard arguments.count == 2 else {
            throw DatabaseError(
                .numberOfArgumentsDoesntMatch,
                "DatabaseBackup must have 2 arguments: database_name, backup_configuration")
        }
        guard case .literal(.string(let database)) = arguments[0] else {
            throw DatabaseError(
                .badArguments,
                "Argument 'database_name' must be a literal, get \(SQLFormatter.format(arguments[0]))")
        }
        guard case .function(let call) = arguments[1] else {
            throw DatabaseError(.badArguments, "Expected function, got \(SQLFormatter.format(arguments[1]))")
        }
        return (database, try BackupEngineSpec(evaluating: call))
    }

    /// The definition as SHOW CREATE DATABASE prints it: the destination as ClickHouse prints it (a string), with the
    /// secret hidden (`Backup('db', 'S3(\'…\', \'AK\', \'[HIDDEN]\')')`).
    static func displayed(_ query: CreateDatabaseQuery) -> CreateDatabaseQuery {
        guard let (database, backup) = try? arguments(of: query) else { return query }
        var shown = query
        shown.engineArguments = [.literal(.string(database)), .literal(.string(backup.displayName))]
        return shown
    }

    /// The tables of `database` in the backup whose engine is of the MergeTree family, sorted.
    private static func mergeTreeTables(of database: String, in reader: BackupReader) async throws -> [String] {
        let contents = BackupLayout.Contents(names: reader.fileNames(under: BackupLayout.metadataPrefix))
        var tables: [String] = []
        for (db, table) in contents.tables where db == database {
            let path = BackupLayout.tableMetadataPath(database: db, table: table)
            let text = String(decoding: try await reader.read(path), as: UTF8.self)
            // Views and dictionaries are skipped before parsing: only tables can be of the MergeTree family.
            let words = text.split(whereSeparator: \.isWhitespace).prefix(2).map { $0.uppercased() }
            guard words.count == 2, ["CREATE", "ATTACH"].contains(words[0]), words[1] == "TABLE",
                case .createTable(let create) = try Parser.parseStatement(text).statement,
                create.engine?.name.hasSuffix("MergeTree") == true
            else { continue }
            tables.append(table)
        }
        return tables.sorted()
    }

    /// Throws ClickHouse's error when `statement` would change a table of a Backup database or create one in it.
    static func refuseChanges(_ statement: Statement, context: QueryContext) throws {
        func isBackup(_ database: String) -> Bool { context.catalog.database(database)?.engine == engineName }
        func unsupported(_ what: String) -> DatabaseError {
            DatabaseError(.unsupportedMethod, "\(what) is not supported for Backup database")
        }
        let readOnly = DatabaseError(.tableIsPermanentlyReadOnly, "Table is read-only")
        switch statement {
        case .insert(let query) where isBackup(context.qualify(query.table).database):
            throw DatabaseError(.tableIsPermanentlyReadOnly, "Table is in readonly mode")
        case .optimize(let name, _) where isBackup(context.qualify(name).database):
            throw DatabaseError(.tableIsPermanentlyReadOnly, "Table is in readonly mode")
        case .alter(let query) where isBackup(context.qualify(query.table).database):
            throw readOnly
        case .truncate(let name, _) where isBackup(context.qualify(name).database):
            throw readOnly
        case .createTable(let query) where isBackup(context.qualify(query.name).database):
            throw unsupported("CREATE TABLE")
        case .drop(let query) where query.kind == .table && isBackup(context.qualify(query.name).database):
            throw unsupported("DROP TABLE")
        case .rename(let pairs)
        where pairs.contains {
            isBackup(context.qualify($0.from).database) || isBackup(context.qualify($0.to).database)
        }:
            throw unsupported("RENAME TABLE")
        default:
            return
        }
    }

    /// The error for a table created in Backup database `database` by anything but the database's own attach (a
    /// RESTORE into it).
    static func refuseCreate(in database: String, catalog: Catalog, attaching: String?) throws {
        guard database != attaching, catalog.database(database)?.engine == engineName else { return }
        throw DatabaseError(.unsupportedMethod, "CREATE TABLE is not supported for Backup database")
    }
}

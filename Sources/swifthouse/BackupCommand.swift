import ArgumentParser
import Foundation
import SHBackupTools
import SwiftHouse

/// `swifthouse backup`: manages backups (ClickHouse's and SwiftHouse's) where they are, with no server running.
///
/// Exit codes: 0 success, 1 a usage or access error, 3 damage found, 4 refused because it would break a chain or a
/// live writer.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract:
            "List, inspect, verify, diff, delete, prune, rebase and unlock backups in any location, ClickHouse's included.",
        discussion: """
            A location or a backup is a local path, an http(s)://host/bucket/prefix or s3://bucket/prefix URL, or a \
            ClickHouse destination such as "S3('https://host/bucket/b1', 'KEY', 'SECRET')" or "File('/backups/b1')".
            Exit codes: 0 ok, 1 usage or access error, 3 damage found, 4 refused (it would break a chain or a live \
            writer).
            """,
        subcommands: [
            List.self, Inspect.self, Verify.self, Diff.self, Delete.self, Prune.self, Rebase.self, Unlock.self,
        ])

    /// Options every subcommand takes.
    struct Common: ParsableArguments {
        @Option(name: .long, help: "S3 access key id (else AWS_ACCESS_KEY_ID or the credentials file).")
        var accessKeyId: String?

        @Option(name: .long, help: "S3 secret access key.")
        var secretAccessKey: String?

        @Option(name: .long, help: "Profile of ~/.aws/credentials.")
        var profile: String?

        @Option(name: .long, help: "Endpoint of s3:// URLs (else AWS_ENDPOINT_URL).")
        var endpoint: String?

        @Option(name: .long, help: "Output format (default: PrettyCompact on a terminal, TabSeparated otherwise).")
        var format: String?

        @Flag(name: .long, help: "Give bases named by manifests this backup's S3 credentials.")
        var sameCredentialsForBase = false

        func address(_ text: String) throws -> BackupAddress {
            var credentials: (String, String)?
            if let accessKeyId, let secretAccessKey { credentials = (accessKeyId, secretAccessKey) }
            return try BackupAddress(
                text, options: BackupAddress.Options(credentials: credentials, endpoint: endpoint, profile: profile))
        }

        /// The location holding `text` and the backup's name in it (its last path component).
        func parent(of text: String) throws -> (BackupAddress, String) {
            var location = try address(text)
            guard var path = location.spec.arguments.first else {
                throw DatabaseError(.badArguments, "\(location.displayName) names no path")
            }
            while path.hasSuffix("/") { path.removeLast() }
            guard let slash = path.lastIndex(of: "/") else {
                throw DatabaseError(.badArguments, "\(location.displayName) has no parent location")
            }
            location.spec.arguments[0] = String(path[..<slash])
            return (location, String(path[path.index(after: slash)...]))
        }

        func inspection(_ text: String) async throws -> BackupInspection {
            try await BackupInspection.read(try address(text), sameCredentialsForBase: sameCredentialsForBase)
        }

        /// Prints a plan and, unless `dryRun`, carries it out; a refused plan exits 4.
        func carryOut(_ plan: MaintenancePlan, of name: String, in catalog: BackupCatalog, dryRun: Bool) async throws {
            if let refusal = plan.refusal { throw refuse(refusal) }
            try print(plan.rows)
            if !dryRun { try await BackupMaintenance.apply(plan, of: name, in: catalog) }
        }

        func print(_ table: ToolTable) throws {
            let terminal = isatty(STDOUT_FILENO) != 0
            FileHandle.standardOutput.write(
                Data(try table.rendered(format: format ?? (terminal ? "PrettyCompact" : "TabSeparated"))))
        }
    }

    /// Runs a subcommand body: ClickHouse-style errors on standard error and exit 1.
    static func guarded(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("\(DatabaseError.wrap(error))\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Shows `progress` on standard error, when it is a terminal, until the task is cancelled.
    static func showProgress(_ progress: ToolProgress) -> Task<Void, Never> {
        Task {
            guard isatty(STDERR_FILENO) != 0 else { return }
            var shown = false
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(300))
                guard !Task.isCancelled else { break }
                FileHandle.standardError.write(Data("\r\(progress.text) ".utf8))
                shown = true
            }
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }

    static func refuse(_ error: DatabaseError) -> ExitCode {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        return ExitCode(4)
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every backup under a location: state, UUID, time, chain, tables and sizes.")

        @OptionGroup var common: Common
        @Argument(help: "The location (a directory or an S3 prefix).") var location: String
        @Option(name: .long, help: "Seconds after which a lock's writer counts as gone.") var staleAfter: Double = 300

        func run() async throws {
            try await guarded {
                let catalog = try await BackupCatalog.scan(try common.address(location), staleLockSeconds: staleAfter)
                try common.print(catalog.rows)
            }
        }
    }

    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What a backup holds: tables (default), parts (--parts) or files (--files).")

        @OptionGroup var common: Common
        @Argument(help: "The backup.") var backup: String
        @Flag(name: .long, help: "One row per part.") var parts = false
        @Flag(name: .long, help: "One row per file, with where its bytes are.") var files = false

        func run() async throws {
            try await guarded {
                let inspection = try await common.inspection(backup)
                try common.print(files ? inspection.fileRows : parts ? inspection.partRows : inspection.tableRows)
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Checks a backup and its chain, cheapest level first; exit 3 when damage is found.")

        @OptionGroup var common: Common
        @Argument(help: "The backup.") var backup: String
        @Option(name: .long, help: "manifest, objects, data (default) or parts.") var level: String = "data"
        @Option(name: .long, help: "Files checked at once.") var parallel: Int = 8
        @Option(name: .long, help: "Percentage of files whose bytes the data level reads.") var sample: Int = 100

        func run() async throws {
            try await guarded {
                guard let level = VerifyLevel(rawValue: level) else {
                    throw DatabaseError(
                        .badArguments, "Unknown level '\(level)': expected manifest, objects, data or parts")
                }
                let verifier = BackupVerifier(
                    address: try common.address(backup), sameCredentialsForBase: common.sameCredentialsForBase,
                    parallelism: parallel, samplePercent: sample)
                let shown = showProgress(verifier.progress)
                let problems = await verifier.verify(level: level)
                shown.cancel()
                await shown.value
                var table = ToolTable([
                    ("level", .string), ("backup", .string), ("file", .string), ("problem", .string),
                    ("expected", .string), ("found", .string),
                ])
                for problem in problems {
                    table.append([
                        .string(problem.level.rawValue), .string(problem.backup),
                        .string(problem.file), .string(problem.problem),
                        .string(problem.expected), .string(problem.found),
                    ])
                }
                try common.print(table)
                if !problems.isEmpty { throw ExitCode(3) }
                FileHandle.standardError.write(Data("No problems found at level \(level.rawValue).\n".utf8))
            }
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tables, partitions and parts added, removed or changed from backup A to backup B.")

        @OptionGroup var common: Common
        @Argument(help: "The older backup.") var a: String
        @Argument(help: "The newer backup.") var b: String

        func run() async throws {
            try await guarded {
                let old = try await common.inspection(a)
                let new = try await common.inspection(b)
                try common.print(BackupInspection.difference(from: old, to: new))
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deletes a backup (its manifest first); refused (exit 4) while another backup uses it as a base.")

        @OptionGroup var common: Common
        @Argument(help: "The backup.") var backup: String
        @Flag(name: .long, help: "Delete even when other backups use it as their base.") var force = false
        @Flag(name: .long, help: "Print the objects that would be deleted and change nothing.") var dryRun = false

        func run() async throws {
            try await guarded {
                let (location, name) = try common.parent(of: backup)
                let catalog = try await BackupCatalog.scan(location)
                let plan = try await BackupMaintenance.deletion(of: name, in: catalog, force: force)
                try await common.carryOut(plan, of: name, in: catalog, dryRun: dryRun)
            }
        }
    }

    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Applies restic's retention rules to the backups of a location, never breaking a kept chain.",
            discussion: "Prints the plan and changes nothing without --apply.")

        @OptionGroup var common: Common
        @Argument(help: "The location (a directory or an S3 prefix).") var location: String
        @Option(name: .long, help: "Keep the N newest backups.") var keepLast = 0
        @Option(name: .long, help: "Keep the newest backup of each of the N newest hours.") var keepHourly = 0
        @Option(name: .long, help: "… of each of the N newest days.") var keepDaily = 0
        @Option(name: .long, help: "… of each of the N newest ISO weeks.") var keepWeekly = 0
        @Option(name: .long, help: "… of each of the N newest months.") var keepMonthly = 0
        @Option(name: .long, help: "… of each of the N newest years.") var keepYearly = 0
        @Option(name: .long, help: "Keep backups within this of the newest one (e.g. 1y2m3d4h).") var keepWithin:
            String?
        @Flag(name: .long, help: "Delete the backups the plan removes.") var apply = false

        func run() async throws {
            try await guarded {
                var policy = RetentionPolicy()
                policy.last = keepLast
                policy.hourly = keepHourly
                policy.daily = keepDaily
                policy.weekly = keepWeekly
                policy.monthly = keepMonthly
                policy.yearly = keepYearly
                policy.within = try keepWithin.map(RetentionPolicy.duration)
                let catalog = try await BackupCatalog.scan(try common.address(location))
                let decisions = BackupRetention.plan(catalog, policy: policy)
                try common.print(BackupRetention.rows(decisions, in: catalog))
                guard apply else { return }
                // Newest first: a removed backup's increments (removed too: a kept one keeps its bases) go before it.
                for decision in decisions where !decision.keep {
                    let plan = try await BackupMaintenance.deletion(of: decision.name, in: catalog, force: true)
                    try await BackupMaintenance.apply(plan, of: decision.name, in: catalog)
                }
            }
        }
    }

    struct Rebase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Writes a self-contained full backup equal to the chain ending at BACKUP, so its bases can go.")

        @OptionGroup var common: Common
        @Argument(help: "The backup (the top of its chain).") var backup: String
        @Option(name: .long, help: "Where to write the full backup.") var to: String
        @Option(name: .long, help: "Files copied at once.") var parallel: Int = 4

        func run() async throws {
            try await guarded {
                let progress = ToolProgress()
                let shown = showProgress(progress)
                defer { shown.cancel() }
                let result = try await BackupRebase.rebase(
                    try common.address(backup), to: try common.address(to),
                    sameCredentialsForBase: common.sameCredentialsForBase, parallelism: parallel, progress: progress)
                shown.cancel()
                await shown.value
                var table = ToolTable([("files", .uint64), ("stored_bytes", .uint64)])
                table.append([.uint(UInt64(result.files)), .uint(UInt64(result.storedBytes))])
                try common.print(table)
            }
        }
    }

    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Removes a stale lock (and the dead writer's unfinished objects); refuses a live one (exit 4).")

        @OptionGroup var common: Common
        @Argument(help: "The backup.") var backup: String
        @Option(name: .long, help: "Seconds after which a lock's writer counts as gone.") var staleAfter: Double = 300
        @Flag(name: .long, help: "Print the objects that would be removed and change nothing.") var dryRun = false

        func run() async throws {
            try await guarded {
                let (location, name) = try common.parent(of: backup)
                let catalog = try await BackupCatalog.scan(location, staleLockSeconds: staleAfter)
                let plan = try await BackupMaintenance.unlocking(of: name, in: catalog, staleLockSeconds: staleAfter)
                try await common.carryOut(plan, of: name, in: catalog, dryRun: dryRun)
            }
        }
    }
}

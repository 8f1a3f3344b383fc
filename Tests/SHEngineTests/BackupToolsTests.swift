import Foundation
import SHBackupTools
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// `swifthouse backup` (issue #15) on chains that ClickHouse (chdb) wrote on local directories and that SwiftHouse
/// wrote on S3 (moto): `list` shows the chain, `verify` passes on sound backups and names the file of a flipped byte,
/// a truncated object and a deleted object (exit 3), `delete` refuses a base (exit 4) and deletes a top without
/// breaking what ClickHouse restores, `unlock` removes a stale lock and refuses a live one.
@Suite(.serialized) struct BackupToolsTests {
    static let create =
        "CREATE TABLE db.t (k UInt64, s String, v Float64) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 128"
    static let query = "SELECT count(), sum(k), sum(length(s)), sum(v) FROM db.t"

    static func insert(_ step: Int) -> String {
        "INSERT INTO db.t SELECT number + \(step * 10000), repeat('s', number % 13), number / 3 FROM numbers(\(1000 + step * 100))"
    }

    /// A full backup and three incrementals, each on the one before, written by ClickHouse under `place/loc`.
    static func clickHouseChain(_ place: BackupPlace) throws -> String {
        var statements = ["CREATE DATABASE db", create]
        let names = ["full", "inc1", "inc2", "inc3"]
        for (step, name) in names.enumerated() {
            statements.append(insert(step))
            let base = step == 0 ? "" : " SETTINGS base_backup = \(place.file("loc/\(names[step - 1])"))"
            statements.append("BACKUP TABLE db.t TO \(place.file("loc/\(name)"))\(base)")
        }
        statements.append(query)
        let outcomes = try place.clickHouse(statements, in: "ch")
        return outcomes.last?.text ?? ""
    }

    @Test func clickHouseChainIsListedVerifiedAndDamageIsNamed() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let expected = try Self.clickHouseChain(place)
        let location = try BackupAddress(place.root.appendingPathComponent("loc").path)

        let catalog = try await BackupCatalog.scan(location)
        #expect(catalog.backups.map(\.name) == ["full", "inc1", "inc2", "inc3"])
        #expect(catalog.backups.allSatisfy { $0.state == .complete }, "\(catalog.backups.map(\.state))")
        #expect(catalog.backup(named: "inc3")?.chain == ["inc2", "inc1", "full"])
        #expect(catalog.backup(named: "full")?.chain == [])
        #expect(catalog.dependents(of: "inc1").map(\.name) == ["inc2"])
        let full = try #require(catalog.backup(named: "full"))
        let top = try #require(catalog.backup(named: "inc3"))
        #expect(full.tables == 1 && top.tables == 1)
        // The top stores only what is new; it restores as much as the full backup and more.
        #expect(top.storedBytes < top.logicalBytes && full.storedBytes == full.logicalBytes)
        #expect(top.logicalBytes > full.logicalBytes)

        for level in VerifyLevel.allCases {
            let problems = await BackupVerifier(address: location.appending("inc3")).verify(level: level)
            #expect(problems.isEmpty, "\(level): \(problems)")
        }

        let inspection = try await BackupInspection.read(location.appending("inc3"))
        #expect(inspection.tables.map(\.table) == ["t"])
        #expect(inspection.tables.first?.engine == "MergeTree")
        let rows = inspection.tables.first?.parts.compactMap(\.rows).reduce(0, +)
        let count = expected.split(separator: "\t").first.map(String.init)
        #expect(rows.map(String.init) == count, "\(String(describing: rows)) vs \(expected)")

        // Damage in the full backup, found through the top of the chain, file named.
        // `diff` full → inc1: the parts added (less those merged away) hold the 1,100 rows inserted in between.
        let difference = BackupInspection.difference(
            from: try await BackupInspection.read(location.appending("full")),
            to: try await BackupInspection.read(location.appending("inc1")))
        var delta = 0
        for row in difference.rows {
            guard case .string(let change) = row[0], case .string(let detail) = row[4] else { continue }
            let rows = Int(String(decoding: detail, as: UTF8.self).split(separator: " ").first ?? "") ?? 0
            delta += String(decoding: change, as: UTF8.self) == "added" ? rows : -rows
        }
        #expect(delta == 1100, "\(difference.rows)")
        #expect(!difference.rows.isEmpty)

        // The victim: a data file the top takes from the full backup (ClickHouse matches base files by content).
        let fullDirectory = place.root.appendingPathComponent("loc/full")
        let victim = try #require(
            inspection.manifest.files.first {
                $0.useBase && $0.name.hasSuffix(".bin")
                    && FileManager.default.fileExists(atPath: fullDirectory.appendingPathComponent($0.name).path)
            }?.name)
        let victimURL = fullDirectory.appendingPathComponent(victim)
        let original = try Data(contentsOf: victimURL)
        var flipped = original
        flipped[flipped.count / 2] ^= 0x40
        try flipped.write(to: victimURL)
        #expect(await BackupVerifier(address: location.appending("inc3")).verify(level: .objects).isEmpty)
        let corrupt = await BackupVerifier(address: location.appending("inc3")).verify(level: .data)
        #expect(corrupt.contains { $0.file == victim && $0.problem.contains("CHECKSUM_DOESNT_MATCH") }, "\(corrupt)")

        // A sample reads a stable subset: the damage is found exactly when the victim is in it.
        for percent in [10, 50, 90] {
            let sampler = BackupVerifier(address: location.appending("inc3"), samplePercent: percent)
            let found = await sampler.verify(level: .data)
            #expect(found.contains { $0.file == victim } == sampler.sampled(victim), "\(percent)%: \(found)")
            #expect(found.allSatisfy { sampler.sampled($0.file) })
        }

        try original.prefix(original.count - 3).write(to: victimURL)
        let truncated = await BackupVerifier(address: location.appending("inc3")).verify(level: .objects)
        #expect(truncated.count == 1, "\(truncated)")
        #expect(truncated.first?.file == victim)
        #expect(truncated.first?.expected == "\(original.count) bytes")
        #expect(truncated.first?.found == "\(original.count - 3) bytes")

        try FileManager.default.removeItem(at: victimURL)
        let missing = await BackupVerifier(address: location.appending("inc3")).verify(level: .objects)
        #expect(missing.count == 1 && missing.first?.found == "no object", "\(missing)")
        try original.write(to: victimURL)
        #expect(await BackupVerifier(address: location.appending("inc3")).verify(level: .data).isEmpty)

        // A base cannot be deleted while an increment uses it; the top can, and the rest still restores in ClickHouse.
        let refused = try await BackupMaintenance.deletion(of: "inc2", in: catalog, force: false)
        #expect(refused.refusal?.code == .haveDependentObjects)
        let deletion = try await BackupMaintenance.deletion(of: "inc3", in: catalog, force: false)
        #expect(deletion.refusal == nil)
        #expect(deletion.objects.first?.path == "inc3/.backup")
        try await BackupMaintenance.apply(deletion, of: "inc3", in: catalog)
        #expect(
            !FileManager.default.fileExists(atPath: place.root.appendingPathComponent("loc/inc3").path + "/.backup"))
        let after = try await BackupCatalog.scan(location)
        #expect(after.backups.map(\.name) == ["full", "inc1", "inc2"])
        #expect(after.backups.allSatisfy { $0.state == .complete })
        let outcomes = try place.clickHouse(
            ["CREATE DATABASE db", "RESTORE TABLE db.t FROM \(place.file("loc/inc2"))", "SELECT count() FROM db.t"],
            in: "ch2")
        #expect(outcomes.last == .output("\(1000 + 1100 + 1200)\n"), "\(outcomes)")
    }

    /// A base replaced by another backup (its UUID differs) breaks the chain: `list` says so and `verify` fails.
    @Test func replacedBaseIsABrokenChain() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        _ = try Self.clickHouseChain(place)
        let location = try BackupAddress(place.root.appendingPathComponent("loc").path)
        try FileManager.default.removeItem(at: place.root.appendingPathComponent("loc/inc1"))
        _ = try place.clickHouse(
            ["CREATE DATABASE db", Self.create, Self.insert(0), "BACKUP TABLE db.t TO \(place.file("loc/inc1"))"],
            in: "other")
        let catalog = try await BackupCatalog.scan(location)
        #expect(catalog.backup(named: "inc1")?.state == .complete)
        #expect(catalog.backup(named: "inc2")?.state == .brokenChain)
        #expect(catalog.backup(named: "inc3")?.state == .brokenChain)
        let problems = await BackupVerifier(address: location.appending("inc3")).verify(level: .manifest)
        #expect(problems.first?.problem.contains("WRONG_BASE_BACKUP") == true, "\(problems)")
    }

    /// SwiftHouse's own chain on S3: listed by URL, verified at every level, its top deleted, the rest restored
    /// by ClickHouse.
    @Test func swiftHouseChainOnS3() async throws {
        let moto = try MotoServer.shared()
        let bucket = "backup-tools"
        try moto.createBucket(bucket)
        let run = UUID().uuidString.prefix(8)
        func s3(_ name: String) -> String {
            "S3('\(moto.endpoint)/\(bucket)/\(run)/\(name)', '\(MotoServer.testAccessKeyID)', '\(MotoServer.testSecretAccessKey)')"
        }
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run(Self.create)
        try await engine.run(Self.insert(0))
        try await engine.run("BACKUP TABLE db.t TO \(s3("full"))")
        try await engine.run(Self.insert(1))
        try await engine.run("BACKUP TABLE db.t TO \(s3("inc")) SETTINGS base_backup = \(s3("full"))")
        let options = BackupAddress.Options(
            credentials: (MotoServer.testAccessKeyID, MotoServer.testSecretAccessKey))
        let location = try BackupAddress("\(moto.endpoint)/\(bucket)/\(run)/", options: options)
        let catalog = try await BackupCatalog.scan(location)
        #expect(catalog.backups.map(\.name) == ["full", "inc"])
        #expect(catalog.backup(named: "inc")?.chain == ["full"])
        #expect(catalog.backups.allSatisfy { $0.state == .complete }, "\(catalog.backups.map(\.state))")
        for level in VerifyLevel.allCases {
            let problems = await BackupVerifier(address: location.appending("inc"), sameCredentialsForBase: true)
                .verify(level: level)
            #expect(problems.isEmpty, "\(level): \(problems)")
        }
        #expect(try await BackupMaintenance.deletion(of: "full", in: catalog, force: false).refusal != nil)
        let outcomes = try ClickHouseOracle.run([
            "CREATE DATABASE db", "RESTORE TABLE db.t FROM \(s3("inc"))", "SELECT count() FROM db.t",
        ])
        #expect(outcomes.last == .output("2100\n"), "\(outcomes)")
        // Rebased inside the bucket: every object is copied by S3 itself, and ClickHouse restores the result alone.
        let rebased = try await BackupRebase.rebase(location.appending("inc"), to: location.appending("rebased"))
        #expect(rebased.copiedObjects > 0 && rebased.storedBytes > 0)
        #expect(await BackupVerifier(address: location.appending("rebased")).verify(level: .data).isEmpty)
        // Into another bucket of the endpoint, read with the same key: copied by S3 as well.
        try moto.createBucket("backup-tools-other")
        let elsewhere = try BackupAddress("\(moto.endpoint)/backup-tools-other/\(run)/rebased", options: options)
        let across = try await BackupRebase.rebase(location.appending("inc"), to: elsewhere)
        #expect(across.copiedObjects == rebased.copiedObjects && across.storedBytes == rebased.storedBytes)
        #expect(await BackupVerifier(address: elsewhere).verify(level: .data).isEmpty)
        try await BackupMaintenance.apply(
            try await BackupMaintenance.deletion(of: "inc", in: catalog, force: false), of: "inc", in: catalog)
        try await BackupMaintenance.apply(
            try await BackupMaintenance.deletion(of: "full", in: catalog, force: true), of: "full", in: catalog)
        #expect(try await BackupCatalog.scan(location).backups.map(\.name) == ["rebased"])
        let restored = try ClickHouseOracle.run([
            "CREATE DATABASE db", "RESTORE TABLE db.t FROM \(s3("rebased"))", "SELECT count() FROM db.t",
        ])
        #expect(restored.last == .output("2100\n"), "\(restored)")
    }

    /// `prune --keep-last 2` on a chain and a later standalone full backup: the standalone one and the chain's top
    /// are kept, the top's bases with them; `--keep-last 1` then removes the chain, and ClickHouse restores what is
    /// kept.
    @Test func pruneNeverBreaksAKeptChain() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        _ = try Self.clickHouseChain(place)
        try await Task.sleep(for: .milliseconds(1100))
        _ = try place.clickHouse(
            ["CREATE DATABASE db", Self.create, Self.insert(7), "BACKUP TABLE db.t TO \(place.file("loc/later"))"],
            in: "later")
        let location = try BackupAddress(place.root.appendingPathComponent("loc").path)
        let catalog = try await BackupCatalog.scan(location)
        var policy = RetentionPolicy()
        policy.last = 2
        let keepTwo = BackupRetention.plan(catalog, policy: policy)
        #expect(keepTwo.filter(\.keep).map(\.name).sorted() == ["full", "inc1", "inc2", "inc3", "later"])
        policy.last = 1
        let keepOne = BackupRetention.plan(catalog, policy: policy)
        #expect(keepOne.filter(\.keep).map(\.name) == ["later"])
        #expect(keepOne.filter { !$0.keep }.map(\.name) == ["inc3", "inc2", "inc1", "full"])
        for decision in keepOne where !decision.keep {
            try await BackupMaintenance.apply(
                try await BackupMaintenance.deletion(of: decision.name, in: catalog, force: true), of: decision.name,
                in: catalog)
        }
        #expect(try await BackupCatalog.scan(location).backups.map(\.name) == ["later"])
        let outcomes = try place.clickHouse(
            ["CREATE DATABASE db", "RESTORE TABLE db.t FROM \(place.file("loc/later"))", "SELECT count() FROM db.t"],
            in: "restored")
        #expect(outcomes.last == .output("1700\n"), "\(outcomes)")
    }

    /// `rebase` of a chain's top: a full backup with no base, verified, that ClickHouse restores with the chain's
    /// rows after the whole chain is deleted.
    @Test func rebasedChainRestoresInClickHouseWithoutItsBases() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let expected = try Self.clickHouseChain(place)
        let location = try BackupAddress(place.root.appendingPathComponent("loc").path)
        let result = try await BackupRebase.rebase(location.appending("inc3"), to: location.appending("rebased"))
        #expect(result.files > 0)
        let catalog = try await BackupCatalog.scan(location)
        let rebased = try #require(catalog.backup(named: "rebased"))
        #expect(rebased.state == .complete && rebased.baseBackup == nil && rebased.chain.isEmpty)
        #expect(rebased.logicalBytes == catalog.backup(named: "inc3")?.logicalBytes)
        #expect(await BackupVerifier(address: location.appending("rebased")).verify(level: .data).isEmpty)
        for name in ["inc3", "inc2", "inc1", "full"] {
            try await BackupMaintenance.apply(
                try await BackupMaintenance.deletion(of: name, in: catalog, force: true), of: name, in: catalog)
        }
        let outcomes = try place.clickHouse(
            [
                "CREATE DATABASE db", "RESTORE TABLE db.t FROM \(place.file("loc/rebased"))",
                "CHECK TABLE db.t SETTINGS check_query_single_value_result = 1", Self.query,
            ], in: "restored")
        #expect(outcomes.dropFirst(2).first == .output("1\n"), "\(outcomes)")
        #expect(outcomes.last?.text == expected, "\(outcomes)")
    }

    /// Hostile manifests: `list` reports them as damaged and goes on, `verify` reports the manifest; no trap.
    @Test func damagedManifestsAreReportedNotFatal() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sh-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let manifests: [String: String] = [
            "garbage": "not xml at all",
            "huge-size":
                "<config><version>1</version><timestamp>2025-01-01 00:00:00</timestamp><uuid>u</uuid><contents><file><name>data/db/t/all_1_1_0/a.bin</name><size>99999999999999999999999</size><checksum>0</checksum></file></contents></config>",
            "negative-base-size":
                "<config><version>1</version><timestamp>2025-01-01 00:00:00</timestamp><uuid>u3</uuid><contents><file><name>data/db/t/all_1_1_0/a.bin</name><size>9223372036854775807</size><checksum>0123456789abcdef0123456789abcdef</checksum><use_base>true</use_base><base_size>-9223372036854775808</base_size></file></contents></config>",
            "missing-base":
                "<config><version>1</version><timestamp>2025-01-01 00:00:00</timestamp><uuid>u2</uuid><base_backup>File('\(root.path)/nowhere')</base_backup><base_backup_uuid>x</base_backup_uuid><contents><file><name>metadata/db/t.sql</name><size>5</size><checksum>0123456789abcdef0123456789abcdef</checksum><use_base>true</use_base></file></contents></config>",
        ]
        for (name, text) in manifests {
            let directory = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: directory.appendingPathComponent(".backup"))
        }
        let location = try BackupAddress(root.path)
        let catalog = try await BackupCatalog.scan(location)
        #expect(
            catalog.backups.map(\.name).sorted() == ["garbage", "huge-size", "missing-base", "negative-base-size"])
        #expect(catalog.backup(named: "negative-base-size")?.state == .damaged)
        #expect(catalog.backup(named: "garbage")?.state == .damaged)
        #expect(catalog.backup(named: "huge-size")?.state == .damaged)
        #expect(catalog.backup(named: "missing-base")?.state == .brokenChain)
        for name in manifests.keys {
            let problems = await BackupVerifier(address: location.appending(name)).verify(level: .data)
            #expect(problems.count == 1 && problems.first?.level == .manifest, "\(name): \(problems)")
        }
    }

    /// A backup whose objects are named by checksum (outside `data/`) is deleted whole; its neighbour is untouched.
    @Test func deletionRemovesChecksumNamedObjects() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let engine = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await engine.run(Self.create.replacingOccurrences(of: "db.t", with: "t"))
        try await engine.run(Self.insert(0).replacingOccurrences(of: "db.t", with: "t"))
        try await engine.run(
            "BACKUP TABLE t TO \(place.file("loc/hashed")) SETTINGS data_file_name_generator = 'checksum'")
        try await engine.run("BACKUP TABLE t TO \(place.file("loc/plain"))")
        let location = try BackupAddress(place.root.appendingPathComponent("loc").path)
        let catalog = try await BackupCatalog.scan(location)
        #expect(catalog.backups.map(\.name) == ["hashed", "plain"])
        let plan = try await BackupMaintenance.deletion(of: "hashed", in: catalog, force: false)
        #expect(
            plan.objects.contains {
                !$0.path.contains("/data/") && !$0.path.contains("/metadata/") && !$0.path.hasSuffix(".backup")
            })
        try await BackupMaintenance.apply(plan, of: "hashed", in: catalog)
        // No file is left of it (empty directories may stay, as ClickHouse's File backups leave them).
        let hashed = place.root.appendingPathComponent("loc/hashed")
        let remaining =
            (FileManager.default.enumerator(at: hashed, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL } ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
        #expect(remaining.isEmpty, "\(remaining)")
        #expect(await BackupVerifier(address: location.appending("plain")).verify(level: .data).isEmpty)
    }

    @Test func staleLocksAreUnlockedAndLiveOnesRefused() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sh-locks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for name in ["dead", "live"] {
            let directory = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("data/db/t/all_1_1_0"), withIntermediateDirectories: true)
            try Data("uuid".utf8).write(to: directory.appendingPathComponent(".lock"))
            try Data("x".utf8).write(to: directory.appendingPathComponent("data/db/t/all_1_1_0/data.bin"))
        }
        let old = Date(timeIntervalSinceNow: -3600)
        try FileManager.default.setAttributes(
            [.modificationDate: old], ofItemAtPath: root.appendingPathComponent("dead/.lock").path)
        let location = try BackupAddress(root.path)
        let catalog = try await BackupCatalog.scan(location)
        #expect(catalog.backup(named: "dead")?.state == .staleLock)
        #expect(catalog.backup(named: "live")?.state == .inProgress)
        let refused = try await BackupMaintenance.unlocking(of: "live", in: catalog, staleLockSeconds: 300)
        #expect(refused.refusal != nil)
        let plan = try await BackupMaintenance.unlocking(of: "dead", in: catalog, staleLockSeconds: 300)
        #expect(plan.refusal == nil)
        try await BackupMaintenance.apply(plan, of: "dead", in: catalog)
        #expect(try await BackupCatalog.scan(location).backups.map(\.name) == ["live"])
    }

    /// The executable: exit 0 on a sound backup, 3 on damage, 4 on a refused delete, 1 on a bad location.
    @Test func commandLineExitCodes() throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        _ = try Self.clickHouseChain(place)
        let location = place.root.appendingPathComponent("loc").path
        let (listed, listing, _) = try runSwiftHouse(["backup", "list", location, "--format", "JSONEachRow"])
        #expect(listed == 0)
        #expect(listing.split(separator: "\n").count == 4, "\(listing)")
        #expect(listing.contains("\"chain\":[\"inc2\",\"inc1\",\"full\"]"), "\(listing)")
        let (verified, _, verifyErrors) = try runSwiftHouse(["backup", "verify", location + "/inc3"])
        #expect(verified == 0, "\(verifyErrors)")
        let (refused, _, refusal) = try runSwiftHouse(["backup", "delete", location + "/inc1"])
        #expect(refused == 4)
        #expect(refusal.contains("(HAVE_DEPENDENT_OBJECTS)"), "\(refusal)")
        let (bad, _, badError) = try runSwiftHouse(["backup", "list", "ftp://nowhere/x"])
        #expect(bad == 1)
        #expect(badError.hasPrefix("Code: 36. DB::Exception: "), "\(badError)")
        let metadata = place.root.appendingPathComponent("loc/full/metadata/db/t.sql")
        try Data("broken".utf8).write(to: metadata)
        let (damaged, report, _) = try runSwiftHouse(["backup", "verify", location + "/full", "--level", "data"])
        #expect(damaged == 3)
        #expect(report.contains("metadata/db/t.sql"), "\(report)")
    }
}

/// `prune`'s rules are restic's: the same snapshots times under the same `forget` flags keep the same backups, as
/// restic 0.14 (`restic forget --dry-run --json`, in UTC) decides them.
@Suite struct RetentionMatchesResticTests {
    static let times = [
        "2022-06-15 08:00:00", "2023-01-01 00:30:00", "2023-12-31 23:59:59", "2024-01-01 00:00:01",
        "2024-02-29 12:00:00", "2024-03-01 09:00:00", "2024-12-29 10:00:00", "2024-12-30 10:00:00",
        "2025-01-05 18:00:00", "2025-01-06 07:00:00", "2025-06-01 10:00:00", "2025-06-01 10:20:00",
        "2025-06-01 10:40:00", "2025-06-01 11:05:00", "2025-06-02 01:00:00", "2025-06-08 01:00:00",
        "2025-06-30 23:00:00", "2025-07-01 00:00:00", "2025-11-30 12:00:00", "2025-12-01 12:00:00",
        "2025-12-02 12:00:00", "2025-12-02 12:30:00", "2025-12-03 06:00:00", "2025-12-03 06:00:30",
    ]
    static let policies: [[String]] = [
        ["--keep-last", "3"], ["--keep-hourly", "5"], ["--keep-daily", "4"], ["--keep-weekly", "4"],
        ["--keep-monthly", "6"], ["--keep-yearly", "3"],
        ["--keep-daily", "2", "--keep-weekly", "2", "--keep-monthly", "2", "--keep-yearly", "5"],
        ["--keep-within", "7d"], ["--keep-within", "1y2m"],
        ["--keep-last", "1", "--keep-within", "2d3h", "--keep-monthly", "3"],
    ]

    static func utc(_ text: String) -> Date { UTCTimestamp.date(text) ?? .distantPast }

    static func restic(_ arguments: [String], repository: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["restic", "-r", repository] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["RESTIC_PASSWORD"] = "swifthouse"
        environment["TZ"] = "UTC"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestSupportError("restic \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return data
    }

    @Test func keptBackupsAreResticsKeptSnapshots() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sh-restic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let file = root.appendingPathComponent("f")
        try Data("x".utf8).write(to: file)
        let repository = root.appendingPathComponent("repo").path
        _ = try Self.restic(["init", "-q"], repository: repository)
        for time in Self.times {
            _ = try Self.restic(["backup", "-q", "--host", "h", "--time", time, file.path], repository: repository)
        }
        let candidates = Self.times.map {
            RetentionCandidate(name: $0, time: Self.utc($0), base: nil)
        }
        for flags in Self.policies {
            let json = try Self.restic(["forget", "--dry-run", "--json"] + flags, repository: repository)
            let groups = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: Any]])
            let kept = Set(
                (groups.first?["keep"] as? [[String: Any]] ?? []).compactMap { $0["time"] as? String }.map {
                    $0.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
                })
            var policy = RetentionPolicy()
            var index = 0
            while index + 1 < flags.count {
                let value = flags[index + 1]
                switch flags[index] {
                case "--keep-last": policy.last = Int(value) ?? 0
                case "--keep-hourly": policy.hourly = Int(value) ?? 0
                case "--keep-daily": policy.daily = Int(value) ?? 0
                case "--keep-weekly": policy.weekly = Int(value) ?? 0
                case "--keep-monthly": policy.monthly = Int(value) ?? 0
                case "--keep-yearly": policy.yearly = Int(value) ?? 0
                default: policy.within = try RetentionPolicy.duration(value)
                }
                index += 2
            }
            let ours = Set(BackupRetention.decide(candidates, policy: policy).filter(\.keep).map(\.name))
            #expect(!kept.isEmpty)
            #expect(ours == kept, "\(flags): ours \(ours.sorted()) restic \(kept.sorted())")
        }
    }

    /// A kept increment keeps its whole chain, whatever the rules say of its bases.
    @Test func keptIncrementsKeepTheirBases() throws {
        let candidates = [
            RetentionCandidate(name: "full", time: Self.utc("2025-01-01 00:00:00"), base: nil),
            RetentionCandidate(name: "inc1", time: Self.utc("2025-01-02 00:00:00"), base: "full"),
            RetentionCandidate(name: "inc2", time: Self.utc("2025-01-03 00:00:00"), base: "inc1"),
            RetentionCandidate(name: "other", time: Self.utc("2024-12-01 00:00:00"), base: nil),
        ]
        var policy = RetentionPolicy()
        policy.last = 1
        let decisions = BackupRetention.decide(candidates, policy: policy)
        #expect(decisions.map(\.name) == ["inc2", "inc1", "full", "other"])
        #expect(decisions.map(\.keep) == [true, true, true, false])
        #expect(decisions[2].reasons == ["base of inc1"])
    }
}

/// The forms a location or backup can be given in on the command line.
@Suite struct BackupAddressTests {
    static let options = BackupAddress.Options(
        credentials: ("AK", "SK"), endpoint: "http://127.0.0.1:9000/", environment: [:], currentDirectory: "/work")

    @Test func everyFormIsADestination() throws {
        let cases: [(String, String, [String])] = [
            ("s3://bucket/pre/fix/", "S3", ["http://127.0.0.1:9000/bucket/pre/fix", "AK", "SK"]),
            ("https://host/bucket/b1/", "S3", ["https://host/bucket/b1", "AK", "SK"]),
            ("S3('http://h/b/x', 'K', 'S')", "S3", ["http://h/b/x", "K", "S"]),
            ("File('rel/b1')", "File", ["/work/rel/b1"]),
            ("File('/abs/b1')", "File", ["/abs/b1"]),
            ("backups/b1/", "File", ["/work/backups/b1"]),
            ("/data/backups", "File", ["/data/backups"]),
        ]
        for (text, engine, arguments) in cases {
            let address = try BackupAddress(text, options: Self.options)
            #expect(address.spec.name == engine, "\(text)")
            #expect(address.spec.arguments == arguments, "\(text)")
        }
        let location = try BackupAddress("s3://bucket/loc", options: Self.options)
        #expect(location.appending("b1").spec.arguments[0] == "http://127.0.0.1:9000/bucket/loc/b1")
        #expect(location.relativeName(of: location.appending("x/y").spec) == "x/y")
        #expect(location.relativeName(of: try BackupAddress("s3://bucket/other", options: Self.options).spec) == nil)
        #expect(!location.displayName.contains("SK"))
    }

    @Test func otherTextIsABadArgument() {
        for text in ["ftp://host/x", "", "gs://bucket/x"] {
            let error = #expect(throws: DatabaseError.self, "\(text)") {
                try BackupAddress(text, options: Self.options)
            }
            #expect(error?.code == .badArguments, "\(text)")
        }
    }
}

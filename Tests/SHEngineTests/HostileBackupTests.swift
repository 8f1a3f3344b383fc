import Foundation
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// Crafted manifests: RESTORE fails with a clear error, in bounded time and memory, instead of hanging or growing.
@Suite struct HostileBackupTests {
    /// A table backed up to `File(name)`; returns the manifest's path.
    func backup(_ engine: TestEngine, _ name: String) async throws -> URL {
        try await engine.run("CREATE TABLE IF NOT EXISTS t (k UInt32, s String) ENGINE = MergeTree ORDER BY k")
        try await engine.run("INSERT INTO t SELECT number, toString(number) FROM numbers(100)")
        try await engine.run("BACKUP TABLE t TO File('\(name)')")
        return engine.directory.appendingPathComponent("backups/\(name)/.backup")
    }

    func edit(_ manifest: URL, _ change: (String) -> String) throws {
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the edit changed nothing")
        try changed.write(to: manifest, atomically: true, encoding: .utf8)
    }

    /// Adds `extra` inside the `<file>` element of the entry named `name`.
    func addToEntry(_ text: String, name: String, _ extra: String) -> String {
        guard let range = text.range(of: "<name>\(name)</name>"),
            let end = text.range(of: "</file>", range: range.upperBound..<text.endIndex)
        else {
            Issue.record("no entry \(name) in the manifest")
            return text
        }
        return text.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: extra)
    }

    /// Two `data_file` entries naming each other grew memory without bound.
    @Test func dataFileEntriesNamingEachOtherFail() async throws {
        let engine = try TestEngine()
        let manifest = try await backup(engine, "cycle")
        let a = "data/default/t/all_1_1_0/data.bin"
        let b = "data/default/t/all_1_1_0/data.mrk3"
        try edit(manifest) { text in
            addToEntry(addToEntry(text, name: a, "<data_file>\(b)</data_file>"), name: b, "<data_file>\(a)</data_file>")
        }
        let error = await engine.failure("RESTORE TABLE t AS r FROM File('cycle')")
        #expect(error?.code == .backupDamaged, "\(String(describing: error))")
        #expect(error?.message.contains("cycle") == true, "\(String(describing: error))")
        #expect(try await engine.run("EXISTS TABLE r") == "0\n")
    }

    /// Makes the backup `name` of `engine` name `base` (a File backup of the same engine) as its base, with one of
    /// its files in that base.
    func nameBase(_ engine: TestEngine, _ name: String, base: String) throws {
        let backups = engine.directory.appendingPathComponent("backups")
        let baseUUID = try #require(
            try String(contentsOf: backups.appendingPathComponent("\(base)/.backup"), encoding: .utf8)
                .firstMatch(of: /<uuid>([^<]*)<\/uuid>/)?.1)
        try edit(backups.appendingPathComponent("\(name)/.backup")) { text in
            let withBase = text.replacingOccurrences(
                of: "</uuid>",
                with:
                    "</uuid><base_backup>File('\(base)')</base_backup><base_backup_uuid>\(baseUUID)</base_backup_uuid>")
            return addToEntry(withBase, name: "data/default/t/all_1_1_0/count.txt", "<use_base>true</use_base>")
        }
    }

    /// A manifest whose base is itself hung forever (ClickHouse: TOO_DEEP_RECURSION).
    @Test func baseBackupNamingItselfFails() async throws {
        let engine = try TestEngine()
        _ = try await backup(engine, "self")
        try nameBase(engine, "self", base: "self")
        let error = await engine.failure("RESTORE TABLE t AS r FROM File('self')")
        #expect(error?.code == .tooDeepRecursion, "\(String(describing: error))")
    }

    /// Two backups naming each other as their base.
    @Test func backupsNamingEachOtherFail() async throws {
        let engine = try TestEngine()
        _ = try await backup(engine, "one")
        _ = try await backup(engine, "two")
        try nameBase(engine, "one", base: "two")
        try nameBase(engine, "two", base: "one")
        let error = await engine.failure("RESTORE TABLE t AS r FROM File('one')")
        #expect(error?.code == .tooDeepRecursion, "\(String(describing: error))")
    }

    /// 300,000 entries that belong to no table took more than 120 s and 1 GB to restore from.
    @Test func manyExtraEntriesRestoreQuickly() async throws {
        let engine = try TestEngine()
        let manifest = try await backup(engine, "many")
        try edit(manifest) { text in
            var extra = ""
            extra.reserveCapacity(300_000 * 60)
            for i in 0..<300_000 {
                extra += "<file><name>data/other/x/all_\(i)_\(i)_0/c.bin</name><size>0</size></file>"
            }
            return text.replacingOccurrences(of: "<contents>", with: "<contents>" + extra)
        }
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try await engine.run("RESTORE TABLE t AS r FROM File('many')").hasSuffix("\tRESTORED\n"))
        let elapsed = clock.now - start
        #expect(try await engine.run("SELECT count() FROM r") == "100\n")
        // A generous bound for a debug build on a loaded machine (32 s once, beside the interop suites): the point is
        // linear work, not speed; quadratic work took more than 120 s.
        #expect(elapsed < .seconds(90), "\(elapsed)")
    }

    /// A `File` incremental whose manifest names an S3 base got the environment's credentials for that base, on any
    /// host: a base named inside a backup is opened anonymously unless the backup that names it is on S3 with
    /// credentials to share. A base the user names in `SETTINGS base_backup` gets the environment's credentials.
    @Test func baseNamedInAFileBackupGetsNoAmbientCredentials() async throws {
        let moto = try MotoServer.start(bucket: "creds")
        defer { moto.stop() }
        let keys = try moto.enableAuth()
        let engine = try TestEngine()
        let base = "S3('\(moto.endpoint)/creds/base', '\(keys.accessKeyID)', '\(keys.secretAccessKey)')"
        try await engine.run("CREATE TABLE t (k UInt32) ENGINE = MergeTree ORDER BY k")
        try await engine.run("INSERT INTO t SELECT number FROM numbers(100)")
        try await engine.run("BACKUP TABLE t TO \(base)")
        try await engine.run("INSERT INTO t SELECT number FROM numbers(50)")
        try await engine.run("BACKUP TABLE t TO File('inc') SETTINGS base_backup = \(base)")
        let manifest = try String(
            contentsOf: engine.directory.appendingPathComponent("backups/inc/.backup"), encoding: .utf8)
        #expect(manifest.contains("<base_backup>S3('\(moto.endpoint)/creds/base')</base_backup>"))
        #expect(!manifest.contains(keys.secretAccessKey))
        let environment = ["AWS_ACCESS_KEY_ID": keys.accessKeyID, "AWS_SECRET_ACCESS_KEY": keys.secretAccessKey]
        let backups = engine.directory.appendingPathComponent("backups").path
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("sh-creds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: target) }
        let (refused, _, errors) = try runSwiftHouse(
            ["local", "--path", target.path, "--backups-path", backups, "--query", "RESTORE TABLE t FROM File('inc')"],
            environment: environment)
        #expect(refused != 0)
        #expect(errors.contains("403"), "\(errors)")
        let (status, out, errors2) = try runSwiftHouse(
            [
                "local", "--path", target.path, "--backups-path", backups, "--query",
                "RESTORE TABLE t FROM File('inc') SETTINGS base_backup = S3('\(moto.endpoint)/creds/base'); SELECT count() FROM t",
            ], environment: environment)
        #expect(status == 0, "\(errors2)")
        #expect(out.hasSuffix("\tRESTORED\n150\n"), "\(out)")
    }

    /// A manifest larger than the bound is refused before it is read.
    @Test func hugeManifestIsRefused() async throws {
        let engine = try TestEngine()
        let manifest = try await backup(engine, "huge")
        let handle = try FileHandle(forWritingTo: manifest)
        try handle.truncate(atOffset: 300 << 20)
        try handle.close()
        let error = await engine.failure("RESTORE TABLE t AS r FROM File('huge')")
        #expect(error?.code == .backupDamaged, "\(String(describing: error))")
    }
}

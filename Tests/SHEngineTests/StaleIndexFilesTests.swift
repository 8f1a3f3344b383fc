import Foundation
import SHCore
import SHEngine
import SHStorage
import SHTestSupport
import Testing

/// DROP INDEX and DROP PROJECTION leave the files in the parts written before (SwiftHouse does not rewrite parts on
/// DROP). Adding an index or projection of the same name again would let ClickHouse read those files as the new one
/// after a RESTORE (skipping granules, or answering from the old projection): it is refused until a merge has
/// rewritten the parts.
@Suite struct StaleIndexFilesTests {
    @Test(arguments: ["0", "1048576"]) func readdingADroppedIndexWaitsForAMerge(_ packed: String) async throws {
        let engine = try TestEngine()
        try await engine.run(
            "CREATE TABLE t (k UInt32, v UInt32, INDEX i v TYPE minmax GRANULARITY 1) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 16, packed_skip_index_max_bytes = \(packed)"
        )
        try await engine.run("INSERT INTO t SELECT number, number * 3 FROM numbers(100)")
        try await engine.run("ALTER TABLE t DROP INDEX i")
        let error = await engine.failure("ALTER TABLE t ADD INDEX i k TYPE minmax GRANULARITY 1")
        #expect(error?.code == .notImplemented)
        #expect(error?.message.contains("still holds the files of a dropped index i") == true)
        // Another name is fine, and so is the same name once OPTIMIZE FINAL rewrote the part.
        try await engine.run("ALTER TABLE t ADD INDEX j k TYPE minmax GRANULARITY 1")
        // The ALTERs reach the parts written next (they used to wait for a restart): j is built, i no more.
        try await engine.run("INSERT INTO t SELECT number, number FROM numbers(100, 10)")
        let part = engine.directory.appendingPathComponent("data/default/t/all_2_2_0")
        #expect(try PartIndexFiles.holdsSkipIndex("j", in: part))
        #expect(try !PartIndexFiles.holdsSkipIndex("i", in: part))
        try await engine.run("OPTIMIZE TABLE t FINAL")
        try await engine.run("ALTER TABLE t ADD INDEX i k TYPE minmax GRANULARITY 1")
        #expect(try await engine.run("SELECT count() FROM t") == "110\n")
    }

    /// A projection of a part ClickHouse wrote stays in the part after DROP PROJECTION.
    @Test func readdingADroppedProjectionWaitsForAMerge() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        _ = try place.clickHouse(
            [
                "CREATE TABLE t (k UInt32, u UInt64, PROJECTION p (SELECT * ORDER BY u)) ENGINE = MergeTree ORDER BY k",
                "INSERT INTO t SELECT number, number % 7 FROM numbers(100)", "BACKUP TABLE t TO \(place.file("ch"))",
            ], in: "chdb")
        let engine = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        #expect(try await engine.run("RESTORE TABLE t FROM \(place.file("ch"))").hasSuffix("\tRESTORED\n"))
        try await engine.run("ALTER TABLE t DROP PROJECTION p")
        let error = await engine.failure("ALTER TABLE t ADD PROJECTION p (SELECT * ORDER BY k)")
        #expect(error?.code == .notImplemented)
        #expect(error?.message.contains("still holds the files of a dropped projection p") == true)
        try await engine.run("OPTIMIZE TABLE t FINAL")
        try await engine.run("ALTER TABLE t ADD PROJECTION p (SELECT * ORDER BY k)")
    }
}

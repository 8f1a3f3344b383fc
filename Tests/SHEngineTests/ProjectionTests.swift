import Foundation
import SHStorage
import SHTestSupport
import Testing

/// Which parts get which projections: ALTER ADD and DROP PROJECTION reach the parts written next, merges leave
/// projections out where they would keep rows the merge drops, and the MergeTree family engines refuse projections as
/// ClickHouse does unless `deduplicate_merge_projection_mode` allows them.
@Suite struct ProjectionTests {
    func holds(_ projection: String, part: String, in engine: TestEngine, table: String = "t") -> Bool {
        PartIndexFiles.holdsProjection(
            projection, in: engine.directory.appendingPathComponent("data/default/\(table)/\(part)"))
    }

    @Test func alterReachesTheNextParts() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE TABLE t (k UInt32, v UInt32) ENGINE = MergeTree ORDER BY k")
        try await engine.run("INSERT INTO t SELECT number, number % 5 FROM numbers(10)")
        try await engine.run("ALTER TABLE t ADD PROJECTION p (SELECT v, count() GROUP BY v)")
        try await engine.run("INSERT INTO t SELECT number, number % 5 FROM numbers(10, 10)")
        #expect(!holds("p", part: "all_1_1_0", in: engine))
        #expect(holds("p", part: "all_2_2_0", in: engine))
        // A merge keeps the projection only when every merged part has it.
        try await engine.run("OPTIMIZE TABLE t FINAL")
        #expect(try await engine.run("SELECT name FROM system.parts WHERE table = 't' AND active") == "all_1_2_1\n")
        #expect(!holds("p", part: "all_1_2_1", in: engine))
        try await engine.run("INSERT INTO t SELECT number, number % 5 FROM numbers(20, 10)")
        try await engine.run("INSERT INTO t SELECT number, number % 5 FROM numbers(30, 10)")
        try await engine.run("ALTER TABLE t DROP PROJECTION p")
        try await engine.run("INSERT INTO t SELECT number, number % 5 FROM numbers(40, 10)")
        let parts = try await engine.run(
            "SELECT name FROM system.parts WHERE table = 't' AND active ORDER BY min_block_number")
        #expect(parts == "all_1_2_1\nall_3_3_0\nall_4_4_0\nall_5_5_0\n", "\(parts)")
        #expect(holds("p", part: "all_4_4_0", in: engine))
        #expect(!holds("p", part: "all_5_5_0", in: engine))
        let check = try await engine.run("CHECK TABLE t")
        #expect(check.split(separator: "\n").count == 4 && !check.contains("\t0\t"), "\(check)")
    }

    /// TTL deletes rows while merging: a merged projection would keep them.
    @Test func mergesDropProjectionsWhereRowsGo() async throws {
        let engine = try TestEngine()
        try await engine.run(
            "CREATE TABLE t (k UInt32, ts DateTime, PROJECTION p (SELECT * ORDER BY ts)) ENGINE = MergeTree ORDER BY k TTL ts + INTERVAL 1 DAY"
        )
        try await engine.run("INSERT INTO t VALUES (1, '2000-01-01 00:00:00'), (2, now())")
        try await engine.run("INSERT INTO t VALUES (3, now())")
        #expect(holds("p", part: "all_1_1_0", in: engine) && holds("p", part: "all_2_2_0", in: engine))
        try await engine.run("OPTIMIZE TABLE t FINAL")
        #expect(try await engine.run("SELECT name FROM system.parts WHERE table = 't' AND active") == "all_1_2_1\n")
        #expect(!holds("p", part: "all_1_2_1", in: engine))
        #expect(try await engine.run("SELECT k FROM t ORDER BY k") == "2\n3\n")
    }

    @Test func familyEnginesRefuseProjectionsAsClickHouseDoes() async throws {
        let create =
            "CREATE TABLE r (k UInt32, v UInt32, PROJECTION p (SELECT * ORDER BY v)) ENGINE = ReplacingMergeTree ORDER BY k"
        let add = "ALTER TABLE r2 ADD PROJECTION p (SELECT * ORDER BY v)"
        let theirs = try ClickHouseOracle.run([
            create, "CREATE TABLE r2 (k UInt32, v UInt32) ENGINE = ReplacingMergeTree ORDER BY k", add,
        ])
        let engine = try TestEngine()
        let refused = await engine.failure(create)
        try await engine.run("CREATE TABLE r2 (k UInt32, v UInt32) ENGINE = ReplacingMergeTree ORDER BY k")
        let refusedAdd = await engine.failure(add)
        for (mine, their) in [(refused, theirs.first), (refusedAdd, theirs.last)] {
            guard let mine, case .error(let text)? = their else {
                Issue.record("\(String(describing: mine)) vs \(String(describing: their))")
                continue
            }
            #expect(mine.code.name == "SUPPORT_IS_DISABLED" && text.contains(mine.message), "\(mine) vs \(text)")
        }
        // With `drop`, INSERTs build the projection and merges leave it out, as ClickHouse's do.
        try await engine.run(
            create.replacingOccurrences(of: " r ", with: " d ") + " SETTINGS deduplicate_merge_projection_mode = 'drop'"
        )
        try await engine.run("INSERT INTO d VALUES (1, 1), (2, 2)")
        try await engine.run("INSERT INTO d VALUES (1, 3)")
        #expect(holds("p", part: "all_1_1_0", in: engine, table: "d"))
        try await engine.run("OPTIMIZE TABLE d FINAL")
        #expect(try await engine.run("SELECT name FROM system.parts WHERE table = 'd' AND active") == "all_1_2_1\n")
        #expect(!holds("p", part: "all_1_2_1", in: engine, table: "d"))
        #expect(try await engine.run("SELECT k, v FROM d ORDER BY k") == "1\t3\n2\t2\n")
    }
}

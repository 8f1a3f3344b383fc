import Foundation
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// The MergeTree family inside SwiftHouse: a table keeps its engine's merging across a restart (the engine comes from
/// the stored definition), and what SwiftHouse does not do fails with NOT_IMPLEMENTED rather than merging wrongly.
@Suite struct MergeTreeFamilyTests {
    /// After a restart each table still merges as its engine does; the answers are ClickHouse's for the same
    /// statements.
    @Test func enginesSurviveARestart() async throws {
        let setup = [
            "CREATE TABLE r (k UInt32, v UInt32) ENGINE = ReplacingMergeTree(v) ORDER BY k",
            "CREATE TABLE s (k UInt32, a Int64) ENGINE = SummingMergeTree ORDER BY k",
            "CREATE TABLE c (k UInt32, sign Int8) ENGINE = CollapsingMergeTree(sign) ORDER BY k",
            "CREATE TABLE v (k UInt32, sign Int8, ver UInt8) ENGINE = VersionedCollapsingMergeTree(sign, ver) ORDER BY k",
            "INSERT INTO r VALUES (1, 3), (2, 1)", "INSERT INTO s VALUES (1, 3), (2, 1)",
            "INSERT INTO c VALUES (1, 1), (2, 1)", "INSERT INTO v VALUES (1, 1, 1), (2, 1, 1)",
        ]
        let afterRestart = [
            "INSERT INTO r VALUES (1, 2), (2, 5)", "INSERT INTO s VALUES (1, 4), (2, -1)",
            "INSERT INTO c VALUES (1, -1)", "INSERT INTO v VALUES (2, -1, 1), (2, 1, 2)",
            "SELECT * FROM r FINAL ORDER BY k", "SELECT * FROM s FINAL ORDER BY k", "SELECT * FROM c FINAL ORDER BY k",
            "SELECT * FROM v FINAL ORDER BY k", "OPTIMIZE TABLE r FINAL", "OPTIMIZE TABLE s FINAL",
            "OPTIMIZE TABLE c FINAL", "OPTIMIZE TABLE v FINAL", "SELECT * FROM r ORDER BY k",
            "SELECT * FROM s ORDER BY k",
            "SELECT * FROM c ORDER BY k", "SELECT * FROM v ORDER BY k",
            "SELECT name, engine FROM system.tables WHERE database = 'default' ORDER BY name",
        ]
        let expected = try ClickHouseOracle.run(setup + afterRestart).suffix(afterRestart.count)
        let engine = try TestEngine()
        for statement in setup { try await engine.run(statement) }
        let reopened = try engine.reopened()
        for (statement, answer) in zip(afterRestart, expected) {
            let ours = try await reopened.run(statement)
            #expect(ours == answer.text, "\(statement): SwiftHouse \(ours) vs ClickHouse \(answer)")
        }
    }

    @Test func unsupportedMergingFailsNotImplemented() async throws {
        let engine = try TestEngine()
        try await engine.run(
            "CREATE TABLE r (k UInt32, v UInt32, d UInt8) ENGINE = ReplacingMergeTree(v, d) ORDER BY k")
        let cleanup = await engine.failure("OPTIMIZE TABLE r FINAL CLEANUP")
        #expect(cleanup?.code == .notImplemented, "\(String(describing: cleanup))")
        // ClickHouse sums the arrays of a nested structure named `…Map` key by key; SwiftHouse refuses the table.
        let maps = await engine.failure(
            "CREATE TABLE m (k UInt32, `statsMap.id` Array(UInt8), `statsMap.count` Array(UInt64)) "
                + "ENGINE = SummingMergeTree ORDER BY k")
        #expect(
            maps?.description
                == "Code: 48. DB::Exception: SummingMergeTree's summing of nested maps (statsMap) is not supported. "
                + "(NOT_IMPLEMENTED)")
    }
}

import Foundation
import SHCore
import SHStorage
import SHTestSupport
import Testing

/// MergeTree settings are checked by name as ClickHouse checks them: a misspelt setting used to be kept and ignored.
@Suite struct MergeTreeSettingsTests {
    /// The generated list is ClickHouse's (scripts/generate_merge_tree_settings.py regenerates it).
    @Test func knownNamesAreClickHouses() throws {
        let names = try ClickHouseOracle.lineSets(["SELECT name FROM system.merge_tree_settings"])
        #expect(MergeTreeSettings.knownNames == names[0])
    }

    /// CREATE and ALTER with an unknown name fail as in ClickHouse (same code and text); known names, obsolete ones
    /// included, are accepted.
    @Test func unknownNamesAreRefused() async throws {
        let statements = [
            "CREATE TABLE t (k UInt8) ENGINE = MergeTree ORDER BY k SETTINGS no_such_setting = 1",
            "CREATE TABLE t (k UInt8) ENGINE = MergeTree ORDER BY k SETTINGS INDEX_GRANULARITY = 5",
            "CREATE TABLE t (k UInt8) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 64, ttl_only_drop_parts = 1, min_bytes_for_wide_part = 0",
            "ALTER TABLE t MODIFY SETTING no_such_setting = 2",
            "ALTER TABLE t MODIFY SETTING merge_with_ttl_timeout = 100",
            "SHOW CREATE TABLE t",
        ]
        let expected = try ClickHouseOracle.run(statements)
        let engine = try TestEngine()
        for (statement, theirs) in zip(statements, expected) {
            let ours: String
            do {
                ours = try await engine.run(statement)
            } catch let error as DatabaseError {
                ours = error.description
            }
            #expect(ours == theirs.text, "\(statement)")
        }
    }
}

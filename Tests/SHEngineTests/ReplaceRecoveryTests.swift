import Foundation
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// A crash in the middle of `CREATE OR REPLACE TABLE t` leaves `_tmp_replace_<hex>_t` (the new table, staged) and/or
/// `_tmp_replace_old_<hex>_t` (the old one, moved aside): opening the data directory again finishes or undoes the
/// replace, so that exactly one table `t` is left, the old one or the complete new one.
@Suite struct ReplaceRecoveryTests {
    static let staged = "`_tmp_replace_0123abcd_t`"
    static let old = "`_tmp_replace_old_0123abcd_t`"

    /// The tables of `default` and the rows of `t` after a restart from the state `statements` leave.
    func afterRestart(_ statements: [String]) async throws -> (tables: String, rows: String) {
        let engine = try TestEngine()
        for statement in statements { try await engine.run(statement) }
        let reopened = try engine.reopened()
        let tables = try await reopened.run("SHOW TABLES")
        let reopenedAgain = try reopened.reopened()
        #expect(try await reopenedAgain.run("SHOW TABLES") == tables)
        return (tables, try await reopenedAgain.run("SELECT * FROM t ORDER BY k"))
    }

    static func table(_ name: String, rows: String) -> [String] {
        ["CREATE TABLE \(name) (k UInt8) ENGINE = MergeTree ORDER BY k", "INSERT INTO \(name) VALUES \(rows)"]
    }

    @Test func crashBeforeTheSwapKeepsTheOldTable() async throws {
        let (tables, rows) = try await afterRestart(Self.table("t", rows: "(1)") + Self.table(Self.staged, rows: "(2)"))
        #expect(tables == "t\n")
        #expect(rows == "1\n")
    }

    @Test func crashBetweenTheRenamesFinishesTheReplace() async throws {
        let (tables, rows) = try await afterRestart(
            Self.table(Self.old, rows: "(1)") + Self.table(Self.staged, rows: "(2)"))
        #expect(tables == "t\n")
        #expect(rows == "2\n")
    }

    @Test func crashBeforeTheOldTableWasDroppedDropsIt() async throws {
        let (tables, rows) = try await afterRestart(Self.table(Self.old, rows: "(1)") + Self.table("t", rows: "(2)"))
        #expect(tables == "t\n")
        #expect(rows == "2\n")
    }

    @Test func anOldTableAloneGetsItsNameBack() async throws {
        let (tables, rows) = try await afterRestart(Self.table(Self.old, rows: "(1)"))
        #expect(tables == "t\n")
        #expect(rows == "1\n")
    }

    /// Names that only look alike are left alone.
    @Test func otherTablesAreUntouched() async throws {
        let engine = try TestEngine()
        for name in ["`_tmp_replace_`", "`_tmp_replace_xyz_t`", "`_tmp_replace_0123abcd`"] {
            try await engine.run("CREATE TABLE \(name) (k UInt8) ENGINE = Memory")
        }
        try await engine.run("CREATE TABLE t (k UInt8) ENGINE = MergeTree ORDER BY k")
        try await engine.run("CREATE OR REPLACE TABLE t (k UInt8, v String) ENGINE = MergeTree ORDER BY k")
        let reopened = try engine.reopened()
        #expect(
            try await reopened.run("SHOW TABLES") == "_tmp_replace_\n_tmp_replace_0123abcd\n_tmp_replace_xyz_t\nt\n")
    }
}

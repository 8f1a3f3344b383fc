import Foundation
import SHCore
import SHTestSupport
import Testing

/// ALTER TABLE beyond the golden file (`Tests/Queries/00009_ddl_grammar.sql`, whose results come from chdb):
/// what an ALTER leaves on disk survives a restart and a BACKUP/RESTORE.
@Suite struct AlterTableTests {
    /// Parts written before `ADD COLUMN` keep their columns.txt; after a restart and a RESTORE they still read
    /// the added column's default, as the same table does before.
    @Test func addedColumnSurvivesRestartAndRestore() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE TABLE t (k UInt32, s String) ENGINE = MergeTree ORDER BY k")
        try await engine.run("INSERT INTO t VALUES (1, 'a'), (2, 'b')")
        try await engine.run("ALTER TABLE t ADD COLUMN n UInt8 DEFAULT 7 AFTER k, ADD INDEX i s TYPE minmax")
        try await engine.run("INSERT INTO t VALUES (3, 9, 'c')")
        let expected = try await engine.run("SELECT * FROM t ORDER BY k")
        #expect(expected == "1\t7\ta\n2\t7\tb\n3\t9\tc\n")
        let showCreate = try await engine.run("SHOW CREATE TABLE t")

        let reopened = try engine.reopened()
        #expect(try await reopened.run("SELECT * FROM t ORDER BY k") == expected)
        #expect(try await reopened.run("SHOW CREATE TABLE t") == showCreate)

        try await reopened.run("BACKUP TABLE t TO File('altered')")
        try await reopened.run("RESTORE TABLE t AS r FROM File('altered')")
        #expect(try await reopened.run("SELECT * FROM r ORDER BY k") == expected)
        // CHECK TABLE: one row per part (part, is_passed, message); every part passes.
        let checked = try await reopened.run("CHECK TABLE r").split(separator: "\n")
        #expect(checked.count == 2)
        for row in checked { #expect(row.split(separator: "\t", omittingEmptySubsequences: false)[1] == "1", "\(row)") }
    }

    /// What SwiftHouse cannot rewrite yet is refused, naming the command, and changes nothing (DROP, RENAME and
    /// MODIFY COLUMN of a new type are mutations, see `AlterMutationTests`).
    @Test func unsupportedRewritesAreNotImplemented() async throws {
        let engine = try TestEngine()
        try await engine.run(
            "CREATE TABLE t (k UInt32, s String, v UInt32, INDEX i v TYPE minmax) ENGINE = MergeTree ORDER BY k")
        try await engine.run("INSERT INTO t VALUES (1, 'a', 5)")
        let before = try await engine.run("SHOW CREATE TABLE t")
        for (statement, command) in [
            ("ALTER TABLE t MODIFY COLUMN s String ALIAS 'x'", "MODIFY COLUMN"),
            ("ALTER TABLE t ADD COLUMN w UInt32 DEFAULT v + 1", "ADD COLUMN"),
            ("ALTER TABLE t RENAME COLUMN v TO w", "RENAME COLUMN"),
            ("ALTER TABLE t MODIFY COLUMN v UInt64", "MODIFY COLUMN"),
            ("ALTER TABLE t DROP COLUMN s, ADD COLUMN s UInt8", "ADD COLUMN"),
            ("ALTER TABLE t RENAME COLUMN s TO s2, ADD COLUMN s UInt8", "ADD COLUMN"),
        ] {
            let error = await engine.failure(statement)
            #expect(error?.code == .notImplemented, "\(statement): \(String(describing: error))")
            #expect(error?.message.contains(command) == true, "\(statement): \(String(describing: error))")
        }
        #expect(try await engine.run("SHOW CREATE TABLE t") == before)
        #expect(try await engine.run("SELECT * FROM t") == "1\ta\t5\n")
    }
}

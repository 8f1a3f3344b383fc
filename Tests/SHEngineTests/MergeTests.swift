import Foundation
import SHStorage
import Testing

/// Merges: small parts are merged in tiers after INSERTs, OPTIMIZE streams, and a replaced part stays on
/// disk while a reader (a running BACKUP) still holds it.
@Suite struct MergeTests {
    func activeParts(_ engine: TestEngine, _ table: String) async throws -> [String] {
        try await engine.run("SELECT name FROM system.parts WHERE table = '\(table)' AND active ORDER BY name")
            .split(separator: "\n").map(String.init)
    }

    @Test func smallPartsAreMergedInTiersOfTen() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE TABLE t (k UInt32, s String) ENGINE = MergeTree ORDER BY k")
        for insert in 1...25 {
            try await engine.run("INSERT INTO t SELECT number * 25 + \(insert), 'row' FROM numbers(4)")
        }
        #expect(
            try await activeParts(engine, "t") == [
                "all_11_20_1", "all_1_10_1", "all_21_21_0", "all_22_22_0", "all_23_23_0", "all_24_24_0", "all_25_25_0",
            ])
        #expect(try await engine.run("SELECT count(), sum(k), min(k), max(k) FROM t") == "100\t5050\t1\t100\n")
        for insert in 26...100 { try await engine.run("INSERT INTO t VALUES (\(insert * 1000), 'x')") }
        // 100 level-0 parts became 10 level-1 parts, then one level-2 part.
        #expect(try await activeParts(engine, "t") == ["all_1_100_2"])
        #expect(try await engine.run("SELECT count() FROM t") == "175\n")
        // The rows of the merged part are sorted by the key.
        #expect(try await engine.run("SELECT k FROM t") == (try await engine.run("SELECT k FROM t ORDER BY k")))
    }

    @Test func twoPartsStayAsTheyAre() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE TABLE t (k UInt32) ENGINE = MergeTree ORDER BY tuple()")
        try await engine.run("INSERT INTO t VALUES (1)")
        try await engine.run("INSERT INTO t VALUES (2)")
        #expect(try await activeParts(engine, "t") == ["all_1_1_0", "all_2_2_0"])
    }

    @Test func aReplacedPartStaysWhileHeld() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE TABLE t (k UInt32) ENGINE = MergeTree ORDER BY k")
        try await engine.run("INSERT INTO t VALUES (2)")
        try await engine.run("INSERT INTO t VALUES (1)")
        let table = try #require(try engine.engine.catalog.table(database: "default", name: "t") as? MergeTreeTable)
        guard case .parts(var parts) = table.snapshot() else {
            Issue.record("no parts")
            return
        }
        var held: [DataPart]? = parts  // what a running BACKUP holds
        parts = []
        let directories = parts.map(\.directory)
        try await engine.run("OPTIMIZE TABLE t FINAL")
        #expect(try await activeParts(engine, "t") == ["all_1_2_1"])
        for directory in directories { #expect(FileManager.default.fileExists(atPath: directory.path)) }
        #expect(held?.count == 2)
        held = nil
        for directory in directories { #expect(!FileManager.default.fileExists(atPath: directory.path)) }
        #expect(try await engine.run("SELECT k FROM t") == "1\n2\n")
    }
}

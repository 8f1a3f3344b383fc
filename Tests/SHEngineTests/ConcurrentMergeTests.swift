import Foundation
import SHColumns
import SHEngine
import SHStorage
import Testing

/// Merges of one table are serialised: concurrent OPTIMIZE FINALs and INSERTs (with their tier merges) on one
/// table never merge the same parts twice, lose a part or keep one twice.
@Suite struct ConcurrentMergeTests {
    @Test func concurrentOptimizeAndInsertKeepEveryRowOnce() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE TABLE t (k UInt64, s String) ENGINE = MergeTree ORDER BY k")
        try await engine.run("INSERT INTO t SELECT number, 'seed' FROM numbers(1000)")
        let inserters = 3
        let insertsEach = 25
        let rowsPerInsert = 40
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                let session = TestEngine(sessionOf: engine)
                group.addTask {
                    for _ in 0..<15 { try await session.run("OPTIMIZE TABLE t FINAL") }
                }
            }
            for inserter in 0..<inserters {
                let session = TestEngine(sessionOf: engine)
                group.addTask {
                    for insert in 0..<insertsEach {
                        let base = 1000 + (inserter * insertsEach + insert) * rowsPerInsert
                        try await session.run(
                            "INSERT INTO t SELECT number + \(base), 'x' FROM numbers(\(rowsPerInsert))")
                    }
                }
            }
            try await group.waitForAll()
        }
        let total = 1000 + inserters * insertsEach * rowsPerInsert
        let sum = total * (total - 1) / 2
        let expected = "\(total)\t\(sum)\t\(total)\t0\t\(total - 1)\n"
        #expect(try await engine.run("SELECT count(), sum(k), uniqExact(k), min(k), max(k) FROM t") == expected)
        // The active parts cover disjoint block ranges (a part merged twice would overlap its copy).
        let ranges = try await engine.run(
            "SELECT min_block_number, max_block_number FROM system.parts WHERE table = 't' AND active ORDER BY 1"
        ).split(separator: "\n").map { $0.split(separator: "\t").map { Int($0) ?? -1 } }
        for (previous, next) in zip(ranges, ranges.dropFirst()) {
            #expect(previous[1] < next[0], "overlapping parts \(ranges)")
        }
        try await engine.run("OPTIMIZE TABLE t FINAL")
        #expect(try await engine.run("SELECT count() FROM system.parts WHERE table = 't' AND active") == "1\n")
        #expect(try await engine.run("SELECT count(), sum(k), uniqExact(k), min(k), max(k) FROM t") == expected)
    }

    /// A merge whose parts left the table while it ran (a TRUNCATE) is discarded instead of bringing rows back.
    @Test func mergeOfTruncatedPartsIsDiscarded() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE TABLE t (k UInt64) ENGINE = MergeTree ORDER BY k")
        try await engine.run("INSERT INTO t VALUES (1)")
        try await engine.run("INSERT INTO t VALUES (2)")
        let table = try #require(try engine.engine.catalog.table(database: "default", name: "t") as? MergeTreeTable)
        guard case .parts(let parts) = table.snapshot() else {
            Issue.record("a MergeTree table has parts")
            return
        }
        #expect(parts.count == 2)
        try await engine.run("TRUNCATE TABLE t")
        try table.withMergeLock {
            try table.merge(parts, partitionValues: [], partitionTypes: [], estimatedBytes: 16) { writer in
                var column = Column(type: .uint64)
                column.append(.uint(1))
                column.append(.uint(2))
                try writer.write(Chunk(columns: [column], rowCount: 2))
            }
        }
        #expect(try await engine.run("SELECT count() FROM t") == "0\n")
        #expect(try await engine.run("SELECT count() FROM system.parts WHERE table = 't' AND active") == "0\n")
    }
}

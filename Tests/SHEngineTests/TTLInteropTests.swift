import Foundation
import SHTestSupport
import Testing

/// TTL against ClickHouse: the same rows inserted into SwiftHouse and into ClickHouse (chdb, merges stopped) give the
/// same `ttl.txt` bytes in their parts (table, column, `rows_where` and `moves` times); after `OPTIMIZE … FINAL`
/// both keep the same rows and write the same `ttl.txt` again (times of the kept rows and values only).
@Suite(.serialized) struct TTLInteropTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var create: String
        var insert: String
        var description: String { name }
    }

    static let cases = [
        Case(
            name: "table_and_column",
            create:
                "CREATE TABLE db.t (ts DateTime, v UInt32, c String TTL ts + INTERVAL 1 DAY, `odd \"name` UInt8 TTL ts + INTERVAL 2 DAY) ENGINE = MergeTree ORDER BY v TTL ts + INTERVAL 1 MONTH",
            insert:
                "INSERT INTO db.t VALUES ('2000-01-01 00:00:00', 1, 'a', 1), ('2100-01-01 00:00:00', 2, 'b', 2), ('1970-01-01 00:00:00', 3, 'zero', 3), ('2000-06-01 10:00:00', 4, 'c', 4)"
        ),
        Case(
            name: "where_and_moves",
            create:
                "CREATE TABLE db.t (d Date, k UInt8, ts DateTime64(3)) ENGINE = MergeTree ORDER BY k TTL d + INTERVAL 1 YEAR WHERE k > 1, ts + INTERVAL 1 HOUR TO VOLUME 'default', ts + INTERVAL 3 HOUR RECOMPRESS CODEC(ZSTD(3))",
            insert:
                "INSERT INTO db.t VALUES ('2001-02-03', 1, '2001-01-01 00:00:00.250'), ('2001-02-03', 2, '2120-01-01 00:00:00.999'), ('2140-01-01', 3, '1969-12-31 23:59:59.5')"
        ),
    ]

    static let partsQuery =
        "SELECT path FROM system.parts WHERE database = 'db' AND table = 't' AND active ORDER BY name"

    static func ttlFile(_ listing: String) -> String? {
        guard let path = listing.split(separator: "\n").first else { return nil }
        return FileManager.default.contents(atPath: path + "/ttl.txt").map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: cases)
    func ttlFilesAreClickHouses(_ testCase: Case) async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run(testCase.create)
        try await engine.run(testCase.insert)
        let inserted = Self.ttlFile(try await engine.run(Self.partsQuery))
        try await engine.run("OPTIMIZE TABLE db.t FINAL")
        let merged = Self.ttlFile(try await engine.run(Self.partsQuery))
        let rows = try await engine.run("SELECT * FROM db.t ORDER BY 2")
        let chPath = FileManager.default.temporaryDirectory.appendingPathComponent("ch-ttl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: chPath) }
        let outcomes = try ClickHouseOracle.run(
            [
                "CREATE DATABASE db", testCase.create, "SYSTEM STOP MERGES db.t", testCase.insert, Self.partsQuery,
            ], path: chPath.path)
        guard case .output(let listing) = outcomes.last else {
            Issue.record("\(outcomes)")
            return
        }
        let theirInserted = Self.ttlFile(listing)
        #expect(theirInserted != nil)
        #expect(inserted == theirInserted)
        let after = try ClickHouseOracle.run(
            [
                "SYSTEM START MERGES db.t", "OPTIMIZE TABLE db.t FINAL", Self.partsQuery,
                "SELECT * FROM db.t ORDER BY 2",
            ],
            path: chPath.path)
        guard after.count == 4, case .output(let mergedListing) = after[2] else {
            Issue.record("\(after)")
            return
        }
        #expect(merged == Self.ttlFile(mergedListing))
        #expect(rows == after[3].text)
    }
}

/// Calendar arithmetic and TTL times on extreme values finish (wrapping like ClickHouse's types) instead of trapping.
@Suite struct ExtremeDateArithmeticTests {
    @Test func hugeAmountsAndTicksDoNotTrap() async throws {
        let engine = try TestEngine()
        let row = try await engine.run(
            "SELECT addMonths(toDate('2020-01-31'), 1), length(toString(addYears(toDate('2020-01-31'), 9223372036854775807))), length(toString(toDate('2020-01-01') + INTERVAL 9223372036854775807 SECOND))"
        )
        #expect(row == "2020-02-29\t10\t19\n")
        try await engine.run(
            "CREATE TABLE t (ts DateTime64(9), k UInt8) ENGINE = MergeTree ORDER BY k TTL ts + INTERVAL 1 DAY")
        try await engine.run(
            "INSERT INTO t VALUES (toDateTime64('1700-01-01 00:00:00', 9), 1), (toDateTime64('2200-01-01 00:00:00', 9), 2)"
        )
        try await engine.run("OPTIMIZE TABLE t FINAL")
        #expect(try await engine.run("SELECT k FROM t") == "2\n")
    }
}

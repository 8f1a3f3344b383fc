import SHTestSupport
import Testing

/// `uniq`, `median`/`quantile` and `quantileTDigest(Weighted)` in SELECT, compared with chdb's output for the
/// same queries.
@Suite struct SketchSelectTests {
    static let queries = [
        "SELECT uniq(number) FROM numbers(100000)",
        "SELECT uniq(number % 1000, toString(number % 7)) FROM numbers(20000)",
        "SELECT uniq(if(number % 3 = 0, NULL, number)) FROM numbers(5000)",
        "SELECT quantile(if(number > 5, NULL, number)), median(if(number < 100, NULL, number)) FROM numbers(10)",
        "SELECT uniq(CAST(if(number % 3 = 0, NULL, toString(number % 50)) AS LowCardinality(Nullable(String)))), quantileTDigest(if(number % 2 = 0, NULL, number)) FROM numbers(1000)",
        "SELECT number % 3 AS k, uniq(number), median(number), quantile(number / 7) FROM numbers(30000) GROUP BY k ORDER BY k",
        "SELECT quantileTDigest(toFloat32(number)), medianTDigest(number), quantileTDigestWeighted(toFloat32(number), toUInt8(number % 4)) FROM numbers(50000)",
    ]

    @Test func resultsMatchClickHouse() async throws {
        let expected = try ClickHouseOracle.run(Self.queries)
        let engine = try TestEngine()
        for (query, outcome) in zip(Self.queries, expected) {
            #expect(try await engine.run(query) == outcome.text, "\(query)")
        }
    }
}

import Foundation
import SHTestSupport
import Testing

/// Issue #13's proof: every real table of `Tests/Fixtures/real-tables/` (CREATE TABLEs taken as written from
/// ClickHouse's example datasets, ClickBench, OpenTelemetry's exporter, Langfuse, SigNoz, Uptrace, and one probe per
/// feature) both ways through S3 (moto): ClickHouse (chdb) creates, fills and backs up, SwiftHouse restores; SwiftHouse
/// creates, fills and backs up, ClickHouse restores and CHECK TABLE passes. Rows, SHOW CREATE TABLE, partition ids,
/// a count under a condition on the first key element, and the rows after OPTIMIZE FINAL are compared with
/// ClickHouse's (`scripts/testing/real_tables_both_ways.py` runs both systems).
///
/// The rule: no direction may give a wrong result (`mismatch`), a crash, or a backup ClickHouse cannot read; a table
/// SwiftHouse cannot handle yet must fail cleanly, with an error naming what is missing. The tables that pass both
/// ways are exactly those listed in `Tests/Fixtures/real-tables/passing.txt` (the README's compatibility section
/// counts them), so the list cannot go stale in either direction.
@Suite(.serialized) struct RealTablesInteropTests {
    static let fixtures = PythonEnvironment.repositoryRoot.appendingPathComponent("Tests/Fixtures/real-tables")
    /// Codes that mean "not supported yet" (a clean refusal before any data is visible).
    static let refusals: Set<String> = [
        "NOT_IMPLEMENTED", "UNKNOWN_TYPE", "UNKNOWN_STORAGE", "UNKNOWN_FUNCTION", "UNKNOWN_COMPRESSION_METHOD",
        "SYNTAX_ERROR",
    ]

    struct Outcome: Decodable {
        var outcome: String
        var stage: String?
        var detail: String?
        var code: String?
    }

    struct Record: Decodable {
        var file: String
        var clickhouse_accepts: Bool
        var clickhouse_to_swifthouse: Outcome?
        var swifthouse_to_clickhouse: Outcome?
    }

    /// Runs the harness in `shards` processes at once (each its own chdb session and SwiftHouse directories) and
    /// returns every table's record.
    static func runHarness(shards: Int) async throws -> [Record] {
        let moto = try MotoServer.shared()
        let bucket = "real-tables"
        try moto.createBucket(bucket)
        return try await withThrowingTaskGroup(of: [Record].self) { group in
            for shard in 0..<shards {
                group.addTask {
                    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
                        "sh-real-\(UUID().uuidString).json")
                    defer { try? FileManager.default.removeItem(at: output) }
                    try PythonEnvironment.runPython([
                        PythonEnvironment.repositoryRoot.appendingPathComponent(
                            "scripts/testing/real_tables_both_ways.py"
                        ).path, "--binary", CommandLineTests.binary.path, "--endpoint", moto.endpoint, "--bucket",
                        bucket, "--shard", "\(shard)/\(shards)", "--json", output.path,
                    ])
                    return try JSONDecoder().decode([Record].self, from: Data(contentsOf: output))
                }
            }
            var records: [Record] = []
            for try await part in group { records += part }
            return records
        }
    }

    @Test func everyRealTableBothWaysOrACleanRefusal() async throws {
        let records = try await Self.runHarness(shards: 2)
        #expect(records.count >= 97, "the corpus has 60 real tables and 37 probes")
        var passing: [String] = []
        for record in records where record.clickhouse_accepts {
            let directions = [
                ("ClickHouse → SwiftHouse", record.clickhouse_to_swifthouse),
                ("SwiftHouse → ClickHouse", record.swifthouse_to_clickhouse),
            ]
            for (name, outcome) in directions {
                guard let outcome else {
                    Issue.record("\(record.file) \(name): no outcome")
                    continue
                }
                switch outcome.outcome {
                case "pass": break
                case "error":
                    // SwiftHouse refused: it must be a clean "not supported", never e.g. a corrupted-data error on a
                    // part ClickHouse wrote.
                    #expect(
                        Self.refusals.contains(outcome.code ?? ""),
                        "\(record.file) \(name): \(outcome.stage ?? "") \(outcome.detail ?? "")")
                default:
                    Issue.record(
                        "\(record.file) \(name): \(outcome.outcome) at \(outcome.stage ?? ""): \(outcome.detail ?? "")")
                }
            }
            if directions.allSatisfy({ $0.1?.outcome == "pass" }) { passing.append(record.file) }
        }
        let listed = try String(contentsOf: Self.fixtures.appendingPathComponent("passing.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
        #expect(
            passing.sorted() == listed.sorted(),
            "newly passing: \(Set(passing).subtracting(listed).sorted()); no longer passing: \(Set(listed).subtracting(passing).sorted())"
        )
    }
}

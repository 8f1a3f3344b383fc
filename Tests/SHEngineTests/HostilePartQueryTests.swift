import Foundation
import SHCodecs
import SHCore
import SHEngine
import SHStorage
import SHTestSupport
import Testing

/// Mutated parts (inside the decompressed streams, checksums resealed) behind SELECT (with its type
/// conversions and output formatting), CHECK TABLE and RESTORE: each ends in a result or a DatabaseError,
/// never a trap (which would kill the test process).
@Suite struct HostilePartQueryTests {
    static let columns =
        "id UInt64, s String, fs FixedString(3), a Array(String), ai Array(Int32), n Nullable(String), "
        + "lc LowCardinality(String), d Date, dt DateTime, dt64 DateTime64(3), e Enum8('a' = 1, 'b' = 2), "
        + "dec Decimal(9, 2), b Bool, t Tuple(Int32, String), m Map(String, UInt64), u UUID, f Float64, ip IPv4"

    /// An error other than DatabaseError fails the test; returns whether the statement failed.
    func fails(_ engine: TestEngine, _ sql: String) async -> Bool {
        do {
            _ = try await engine.run(sql)
            return false
        } catch is DatabaseError {
            return true
        } catch {
            Issue.record("\(sql): not a DatabaseError: \(error)")
            return true
        }
    }

    enum Setup: CaseIterable { case ourWide, ourCompact, clickHouseWide }

    /// Makes `db.t` with one part to mutate (ours, or a Wide part ClickHouse 26.9 wrote, restored from the
    /// `types_database` fixture backup); returns its directory.
    func makeTable(_ engine: TestEngine, _ setup: Setup) async throws -> URL {
        try await engine.run("CREATE DATABASE db")
        if setup == .clickHouseWide {
            try await engine.run("RESTORE TABLE types.wide AS db.t FROM Disk('fixtures', 'types_database')")
        } else {
            let settings = setup == .ourWide ? "min_bytes_for_wide_part = 0" : "min_bytes_for_wide_part = '10G'"
            try await engine.run(
                "CREATE TABLE db.t (\(Self.columns)) ENGINE = MergeTree ORDER BY id SETTINGS index_granularity = 4, \(settings)"
            )
            try await engine.run(
                "INSERT INTO db.t SELECT * FROM generateRandom('\(Self.columns.replacingOccurrences(of: "'", with: "\\'"))', 3, 5, 3) LIMIT 10"
            )
        }
        let table = engine.directory.appendingPathComponent("data/db/t")
        let parts = try FileManager.default.contentsOfDirectory(atPath: table.path).filter {
            (try? PartName(parsing: $0)) != nil
        }.sorted()
        guard let first = parts.first else { throw DatabaseError(.logicalError, "no part in \(table.path)") }
        return table.appendingPathComponent(first)
    }

    @Test(arguments: Setup.allCases)
    func hostilePartsBehindSelectCheckAndRestore(setup: Setup) async throws {
        let root = PythonEnvironment.clickHouseFixtures
        let engine = try TestEngine(configuration: EngineConfiguration(disks: ["fixtures": root.path]))
        let part = try await makeTable(engine, setup)
        var random = SplitMix64(state: 0xFACE)
        var cases = 0
        var failures = 0
        let names = try FileManager.default.contentsOfDirectory(atPath: part.path).sorted()
        // Eight files at most (the suite shares the machine with timing-sensitive suites; SH_FUZZ_CASES
        // raises it).
        let limit = ProcessInfo.processInfo.environment["SH_FUZZ_CASES"].flatMap { Int($0) } ?? 8
        let candidates = names.filter { $0.hasSuffix(".bin") || $0 == "count.txt" || $0 == "columns.txt" }
        for name in candidates.shuffled(using: &random).prefix(limit) {
            let url = part.appendingPathComponent(name)
            let original = [UInt8](try Data(contentsOf: url))
            let originalChecksums = [UInt8](try Data(contentsOf: part.appendingPathComponent("checksums.txt")))
            // One random mutation per file (the suite runs alongside timing-sensitive suites: keep it short).
            for _ in 0..<1 {
                await Task.yield()
                let mutation = ByteMutation.allCases.randomElement(using: &random) ?? .flipBit
                var mutated: [UInt8]
                if name.hasSuffix(".bin") {
                    let data = try CompressedBlock.decodeAll(original, fileName: name)
                    let changed = mutation.apply(to: data, using: &random)
                    mutated = []
                    try changed.withUnsafeBytes { try CompressedBlock.append($0, codec: .lz4, to: &mutated) }
                } else {
                    mutated = mutation.apply(to: original, using: &random)
                }
                try Data(mutated).write(to: url)
                try RestoreValidationTests().resealChecksums(part)
                cases += 1
                let select = await fails(engine, "SELECT * FROM db.t")
                let formats = await fails(engine, "SELECT * FROM db.t FORMAT JSONEachRow")
                _ = await fails(engine, "CHECK TABLE db.t")
                try await engine.run("BACKUP TABLE db.t TO File('f\(cases)')")
                let restore = await fails(engine, "RESTORE TABLE db.t AS db.r\(cases) FROM File('f\(cases)')")
                // What RESTORE accepts, SELECT reads.
                if !restore {
                    #expect(!(await fails(engine, "SELECT * FROM db.r\(cases)")), "\(name) \(mutation)")
                }
                if select || formats || restore { failures += 1 }
                try Data(original).write(to: url)
                try Data(originalChecksums).write(to: part.appendingPathComponent("checksums.txt"))
            }
        }
        #expect(cases >= 3)
        #expect(failures * 2 > cases, "\(failures) of \(cases)")
        #expect(peakResidentBytes() < 4 << 30)
    }
}

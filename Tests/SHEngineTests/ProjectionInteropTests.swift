import Foundation
import SHTestSupport
import Testing

/// Projections against ClickHouse: the same CREATE and INSERTs in SwiftHouse and in ClickHouse (chdb, merges stopped,
/// settings under which ClickHouse writes SwiftHouse's part format) give parts whose projection parts (`<name>.proj/`:
/// every file) and checksums.txt (so the parts' own files too) are byte-identical, after the INSERTs and after
/// `OPTIMIZE … FINAL` (whose sources' keys interleave: the merged granules follow ClickHouse's merge blocks). ClickHouse
/// attaches our parts, CHECK TABLE passes, and queries it must answer from a projection
/// (`force_optimize_projection`) give the same results on its table and on ours.
@Suite(.serialized) struct ProjectionInteropTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        /// The column list with its PROJECTION clauses.
        var columns: String
        var tail: String = "ORDER BY k"
        var settings: String = ""
        var inserts: [String]
        /// Queries ClickHouse answers from a projection (`{T}` is the table), on its table and on ones holding our parts.
        var queries: [String]
        var description: String { name }
    }

    static let events =
        "k UInt32, ts DateTime, user String, bytes UInt64, status UInt16, score Float64"
    static let eventInserts = [
        "INSERT INTO db.t SELECT number, toDateTime('2024-01-01 00:00:00') + number * 97, concat('u', toString(number % 7)), number * 13 % 1000, 200 + number % 3 * 100, number / 7 FROM numbers(40)",
        "INSERT INTO db.t SELECT 100 + number, toDateTime('2024-01-02 00:00:00') + number * 61, concat('u', toString(number % 5)), number * 7 % 300, 200 + number % 4 * 100, number / 3 FROM numbers(25)",
        "INSERT INTO db.t VALUES (500, '2024-01-01 05:00:00', 'u1', 1, 404, -1.5)",
    ]

    static let cases: [Case] = [
        // A normal projection sorted by another column (its columns in table order, equal keys in block order), an
        // aggregate one by two keys (keys, then states in the order written), and one without GROUP BY.
        Case(
            name: "normal_and_aggregate_compact",
            columns:
                events
                + ", PROJECTION by_user (SELECT user, k, bytes ORDER BY user), PROJECTION per_status (SELECT status, user, sum(bytes), count(), max(k) GROUP BY user, status), PROJECTION totals (SELECT sum(bytes), count())",
            inserts: eventInserts,
            queries: [
                "SELECT k, bytes FROM db.{T} WHERE user = 'u3' ORDER BY k SETTINGS force_optimize_projection = 1, optimize_read_in_order = 0",
                "SELECT user, k, bytes FROM mergeTreeProjection(db, {T}, by_user) ORDER BY user, k",
                "SELECT status, user, sumMerge(`sum(bytes)`), countMerge(`count()`) FROM mergeTreeProjection(db, {T}, per_status) GROUP BY status, user ORDER BY status, user",
                "SELECT user, status, sum(bytes), count(), max(k) FROM db.{T} GROUP BY user, status ORDER BY user, status SETTINGS force_optimize_projection = 1, optimize_read_in_order = 0",
                "SELECT sum(bytes), count() FROM db.{T} SETTINGS force_optimize_projection = 1, optimize_read_in_order = 0",
            ]),
        Case(
            name: "normal_and_aggregate_wide",
            columns:
                events
                + ", PROJECTION by_user (SELECT * ORDER BY user, ts), PROJECTION per_status (SELECT status, sum(bytes), min(ts), avg(score) GROUP BY status)",
            settings: "min_bytes_for_wide_part = 0, ",
            inserts: eventInserts,
            queries: [
                "SELECT k, ts FROM db.{T} WHERE user = 'u2' ORDER BY k SETTINGS force_optimize_projection = 1, optimize_read_in_order = 0",
                "SELECT * FROM mergeTreeProjection(db, {T}, by_user) ORDER BY k",
                "SELECT status, sum(bytes), min(ts), avg(score) FROM db.{T} GROUP BY status ORDER BY status SETTINGS force_optimize_projection = 1, optimize_read_in_order = 0",
            ]),
        // The parts' sorting keys interleave (equal users in every part), the projection's do not.
        Case(
            name: "interleaved_parts",
            columns: events + ", PROJECTION by_k (SELECT k, user, status ORDER BY k)",
            tail: "ORDER BY (user, status)",
            inserts: eventInserts,
            queries: [
                "SELECT user, status FROM db.{T} WHERE k BETWEEN 10 AND 20 ORDER BY user, status SETTINGS force_optimize_projection = 1, optimize_read_in_order = 0",
                "SELECT * FROM db.{T} ORDER BY user, status, k",
            ]),
        // Key expressions: an aggregate projection keyed by toStartOfHour(ts), a normal one ordered by an expression,
        // in a partitioned table (projection parts have no partition of their own).
        Case(
            name: "expression_keys_partitioned",
            columns:
                events
                + ", PROJECTION hourly (SELECT toStartOfHour(ts), sum(bytes), count(), any(user) GROUP BY toStartOfHour(ts)), PROJECTION by_status (SELECT k, status ORDER BY toString(status))",
            tail: "PARTITION BY toDate(ts) ORDER BY (k, ts)",
            inserts: eventInserts,
            queries: [
                "SELECT toStartOfHour(ts) AS h, sum(bytes), count() FROM db.{T} GROUP BY h ORDER BY h SETTINGS force_optimize_projection = 1, optimize_read_in_order = 0",
                "SELECT k FROM db.{T} WHERE toString(status) = '300' ORDER BY k SETTINGS force_optimize_projection = 1, optimize_read_in_order = 0",
            ]),
    ]

    /// The settings under which ClickHouse 26.9 writes parts in the format SwiftHouse writes.
    static let formatSettings = SkipIndexInteropTests.formatSettings

    static let partsQuery = SkipIndexInteropTests.partsQuery

    func create(_ testCase: Case, table: String = "t") -> String {
        "CREATE TABLE db.\(table) (\(testCase.columns)) ENGINE = MergeTree \(testCase.tail) SETTINGS \(testCase.settings)index_granularity = 4, \(Self.formatSettings)"
    }

    /// Per part name, the bytes of its checksums.txt and of every file of its projection parts (`p.proj/data.bin`).
    static func projectionFiles(_ listing: String) throws -> [String: [String: [UInt8]]] {
        var parts: [String: [String: [UInt8]]] = [:]
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 2 else { continue }
            let directory = URL(fileURLWithPath: fields[1])
            var files = [
                "checksums.txt": try [UInt8](Data(contentsOf: directory.appendingPathComponent("checksums.txt")))
            ]
            for projection in try FileManager.default.contentsOfDirectory(atPath: directory.path)
            where projection.hasSuffix(".proj") {
                let inner = directory.appendingPathComponent(projection)
                // columns_substreams.txt (not in checksums.txt) is written by ClickHouse in Wide parts too; SwiftHouse
                // writes none, as for its parts' own columns, and ClickHouse reads parts without it.
                for file in try FileManager.default.contentsOfDirectory(atPath: inner.path)
                where file != "columns_substreams.txt" {
                    files[projection + "/" + file] = try [UInt8](Data(contentsOf: inner.appendingPathComponent(file)))
                }
            }
            parts[fields[0]] = files
        }
        return parts
    }

    func expectSameFiles(
        _ ours: [String: [String: [UInt8]]], _ theirs: [String: [String: [UInt8]]], stage: String
    ) {
        #expect(ours.keys.sorted() == theirs.keys.sorted(), "\(stage): parts")
        for (part, files) in theirs {
            let mine = ours[part] ?? [:]
            #expect(mine.keys.sorted() == files.keys.sorted(), "\(stage) \(part): files")
            #expect(files.keys.contains { $0.contains(".proj/") }, "\(stage) \(part): ClickHouse wrote no projection")
            for (file, bytes) in files.sorted(by: { $0.key < $1.key }) {
                let same = mine[file] == bytes
                #expect(same, "\(stage) \(part)/\(file) differs")
            }
        }
    }

    @Test(arguments: cases)
    func projectionPartsAreClickHouses(_ testCase: Case) async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run(create(testCase))
        for insert in testCase.inserts { try await engine.run(insert) }
        let check = try await engine.run("CHECK TABLE db.t")
        #expect(check.split(separator: "\n").allSatisfy { $0.hasPrefix("1") || $0.contains("\t1\t") }, "\(check)")
        let inserted = try Self.projectionFiles(try await engine.run(Self.partsQuery))
        let ourParts = FileManager.default.temporaryDirectory.appendingPathComponent("sh-proj-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: ourParts) }
        try FileManager.default.createDirectory(at: ourParts, withIntermediateDirectories: true)
        for line in try await engine.run(Self.partsQuery).split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            try FileManager.default.copyItem(
                at: URL(fileURLWithPath: fields[1]), to: ourParts.appendingPathComponent(fields[0]))
        }
        try await engine.run("OPTIMIZE TABLE db.t FINAL")
        let merged = try Self.projectionFiles(try await engine.run(Self.partsQuery))
        let ourMerged = FileManager.default.temporaryDirectory.appendingPathComponent("sh-projm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: ourMerged) }
        try FileManager.default.createDirectory(at: ourMerged, withIntermediateDirectories: true)
        for line in try await engine.run(Self.partsQuery).split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            try FileManager.default.copyItem(
                at: URL(fileURLWithPath: fields[1]), to: ourMerged.appendingPathComponent(fields[0]))
        }
        let mergedCheck = try await engine.run("CHECK TABLE db.t")
        #expect(!mergedCheck.isEmpty && !mergedCheck.contains("\t0\t"), "\(mergedCheck)")

        let chPath = FileManager.default.temporaryDirectory.appendingPathComponent("ch-proj-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: chPath) }
        let outcomes = try ClickHouseOracle.run(
            ["CREATE DATABASE db", create(testCase), "SYSTEM STOP MERGES db.t"] + testCase.inserts + [
                Self.partsQuery, create(testCase, table: "ours"), create(testCase, table: "ours_merged"),
                "SELECT data_paths[1] FROM system.tables WHERE database = 'db' AND name = 'ours'",
                "SELECT data_paths[1] FROM system.tables WHERE database = 'db' AND name = 'ours_merged'",
            ], path: chPath.path)
        guard outcomes.count == testCase.inserts.count + 8,
            case .output(let listing) = outcomes[3 + testCase.inserts.count],
            case .output(let oursPath) = outcomes[outcomes.count - 2],
            case .output(let mergedPath) = outcomes.last
        else {
            Issue.record("\(outcomes)")
            return
        }
        expectSameFiles(inserted, try Self.projectionFiles(listing), stage: "insert")

        // Our INSERTs' parts go to db.ours, our merged parts to db.ours_merged.
        var attach: [String] = []
        for (table, path, parts) in [("ours", oursPath, ourParts), ("ours_merged", mergedPath, ourMerged)] {
            let detached = URL(fileURLWithPath: path.trimmingCharacters(in: .whitespacesAndNewlines))
                .appendingPathComponent("detached")
            try FileManager.default.createDirectory(at: detached, withIntermediateDirectories: true)
            for part in try FileManager.default.contentsOfDirectory(atPath: parts.path).sorted() {
                try FileManager.default.copyItem(
                    at: parts.appendingPathComponent(part), to: detached.appendingPathComponent(part))
                attach.append("ALTER TABLE db.\(table) ATTACH PART '\(part)'")
            }
        }
        let tables = ["t", "ours", "ours_merged"]
        var reads =
            attach + [
                "CHECK TABLE db.ours SETTINGS check_query_single_value_result = 0",
                "CHECK TABLE db.ours_merged SETTINGS check_query_single_value_result = 0",
            ]
        for query in testCase.queries {
            for table in tables { reads.append(query.replacingOccurrences(of: "{T}", with: table)) }
        }
        reads += ["SYSTEM START MERGES db.t", "OPTIMIZE TABLE db.t FINAL", Self.partsQuery]
        reads += testCase.queries.map { $0.replacingOccurrences(of: "{T}", with: "t") }
        let after = try ClickHouseOracle.run(reads, path: chPath.path)
        guard after.count == reads.count,
            case .output(let mergedListing) = after[reads.count - 1 - testCase.queries.count]
        else {
            Issue.record("\(after)")
            return
        }
        for outcome in after.prefix(attach.count) { #expect(outcome == .output(""), "ATTACH: \(outcome)") }
        for check in after[attach.count..<(attach.count + 2)] {
            #expect(!check.text.isEmpty && !check.text.contains("\t0\t"), "CHECK TABLE: \(check)")
        }
        let first = attach.count + 2
        for (number, _) in testCase.queries.enumerated() {
            let theirs = after[first + tables.count * number]
            #expect(!theirs.text.isEmpty && theirs.text.first != "C", "query \(number): \(theirs)")
            for offset in 1..<tables.count {
                let mine = after[first + tables.count * number + offset]
                #expect(theirs == mine, "query \(number) on \(tables[offset]): \(theirs) vs \(mine)")
            }
            // ClickHouse's own merged table answers the same.
            #expect(after[reads.count - testCase.queries.count + number] == theirs, "query \(number) after merge")
        }
        expectSameFiles(merged, try Self.projectionFiles(mergedListing), stage: "merge")
    }

    /// ClickHouse's own projection parts (its default format: compressed marks, `primary.cidx`, serialization.json)
    /// restored into SwiftHouse are merged by SwiftHouse's OPTIMIZE into the merged part's projections (none is
    /// dropped), CHECK TABLE passes, and ClickHouse restores SwiftHouse's backup of the merged table and answers its
    /// projection queries as it answers them on its own table.
    @Test func clickHouseProjectionPartsMergeInSwiftHouse() async throws {
        let moto = try MotoServer.shared()
        let bucket = "projection-interop"
        try moto.createBucket(bucket)
        func s3(_ name: String) -> String {
            "S3('\(moto.endpoint)/\(bucket)/\(name)', '\(MotoServer.testAccessKeyID)', '\(MotoServer.testSecretAccessKey)')"
        }
        let create =
            "CREATE TABLE db.t (\(Self.events), PROJECTION by_user (SELECT user, k, bytes ORDER BY user), PROJECTION per_status (SELECT status, sum(bytes), count(), uniq(user), max(score) GROUP BY status)) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 8"
        let queries = [
            "SELECT k, bytes FROM db.t WHERE user = 'u3' ORDER BY k SETTINGS force_optimize_projection = 1, optimize_read_in_order = 0",
            "SELECT status, sum(bytes), count(), uniq(user), max(score) FROM db.t GROUP BY status ORDER BY status SETTINGS force_optimize_projection = 1",
        ]
        let theirs = s3("ch-\(UUID().uuidString.prefix(8))")
        let expected = try ClickHouseOracle.run(
            ["CREATE DATABASE db", create, "SYSTEM STOP MERGES db.t"] + Self.eventInserts + [
                "BACKUP TABLE db.t TO \(theirs)"
            ]
                + queries)
        for outcome in expected { if case .error = outcome { Issue.record("ClickHouse: \(outcome)") } }
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        let restored = try await engine.run("RESTORE TABLE db.t FROM \(theirs)")
        #expect(restored.hasSuffix("\tRESTORED\n"), "\(restored)")
        try await engine.run("OPTIMIZE TABLE db.t FINAL")
        let parts = try await engine.run(Self.partsQuery).split(separator: "\n")
        #expect(parts.count == 1, "\(parts)")
        for line in parts {
            let directory = URL(fileURLWithPath: String(line.split(separator: "\t")[1]))
            for projection in ["by_user", "per_status"] {
                let count = try String(
                    contentsOf: directory.appendingPathComponent("\(projection).proj/count.txt"), encoding: .utf8)
                #expect(!count.isEmpty, "\(projection) of \(line)")
            }
        }
        let check = try await engine.run("CHECK TABLE db.t")
        #expect(check == "all_1_3_1\t1\t\n", "\(check)")
        let ours = s3("sh-\(UUID().uuidString.prefix(8))")
        try await engine.run("BACKUP TABLE db.t TO \(ours)")
        let answers = try ClickHouseOracle.run(
            [
                "CREATE DATABASE db", "RESTORE TABLE db.t FROM \(ours)",
                "CHECK TABLE db.t SETTINGS check_query_single_value_result = 1",
                "SELECT name, rows FROM system.projection_parts WHERE database = 'db' AND table = 't' ORDER BY name",
            ] + queries)
        guard answers.count == 4 + queries.count, expected.count == 4 + Self.eventInserts.count + queries.count else {
            Issue.record("\(answers)")
            return
        }
        #expect(answers[2] == .output("1\n"), "CHECK TABLE: \(answers[2])")
        #expect(answers[3] == .output("by_user\t66\nper_status\t5\n"), "\(answers[3])")
        for (number, query) in queries.enumerated() {
            let mine = answers[4 + number]
            let original = expected[expected.count - queries.count + number]
            #expect(mine == original && !mine.text.isEmpty, "\(query): \(mine) vs \(original)")
        }
    }
}

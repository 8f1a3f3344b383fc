import Foundation
import SHCodecs
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// Tables with expression keys (ORDER BY / PRIMARY KEY / PARTITION BY as ClickHouse's example datasets, langfuse and
/// OpenTelemetry write them), both ways through the same moto S3 endpoint: SwiftHouse's backups restore in ClickHouse
/// (chdb, 26.9) with CHECK TABLE passing and the same rows, counts under key conditions, partition ids and primary
/// index; ClickHouse's backups restore in SwiftHouse with the same rows and partition ids. And the parts SwiftHouse
/// writes carry the same primary index, partition.dat and minmax files, byte for byte, as ClickHouse's for the same rows.
@Suite(.serialized) struct KeyExpressionInteropTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        /// `CREATE TABLE db.t …`.
        var create: String
        /// INSERTs into db.t (each one block: one part per partition).
        var inserts: [String]
        /// A condition on the first key column.
        var condition: String
        /// The columns that order a dump of the table.
        var dumpOrder: String
        var dumpQuery: String { "SELECT * FROM db.t ORDER BY \(dumpOrder)" }
        var description: String { name }
    }

    static let cases: [Case] = [
        // The OTel metrics tables' key holds a Map: primary.idx stores it as ClickHouse's serializeBinary does (VarUInt
        // sizes, key and value in turn), and Nullable / Array keys likewise (a flag, no value for NULL).
        Case(
            name: "map_array_nullable_keys",
            create:
                "CREATE TABLE db.t (s LowCardinality(String), m Map(LowCardinality(String), String), a Array(UInt16), n Nullable(Int32), v UInt8) ENGINE = MergeTree ORDER BY (s, m, a, n) SETTINGS index_granularity = 3, allow_nullable_key = 1",
            inserts: [
                "INSERT INTO db.t SELECT ['x', 'y'][number % 2 + 1], map(concat('k', toString(number % 3)), toString(number)), arrayResize([toUInt16(number)], number % 4, 7), if(number % 5 = 0, NULL, number), number FROM numbers(20)"
            ], condition: "s = 'y'", dumpOrder: "v"),
        Case(
            name: "hits_v1",
            create:
                "CREATE TABLE db.t (CounterID UInt32, EventDate Date, UserID UInt64, URL String) ENGINE = MergeTree PARTITION BY toYYYYMM(EventDate) ORDER BY (CounterID, EventDate, intHash32(UserID)) SAMPLE BY intHash32(UserID) SETTINGS index_granularity = 4",
            inserts: [
                "INSERT INTO db.t SELECT number % 3, toDate('2020-01-25') + number % 11, number * 7919, concat('u', toString(number)) FROM numbers(40)",
                "INSERT INTO db.t SELECT number % 4, toDate('2020-02-01') + number % 5, number * 104729, concat('v', toString(number)) FROM numbers(30)",
            ], condition: "CounterID = 1", dumpOrder: "CounterID, EventDate, UserID, URL"),
        Case(
            name: "langfuse_prefix_primary_key",
            create:
                "CREATE TABLE db.t (id String, project_id String, timestamp DateTime64(3), name String) ENGINE = MergeTree PARTITION BY toYYYYMM(timestamp) PRIMARY KEY (project_id, toDate(timestamp)) ORDER BY (project_id, toDate(timestamp), id) SETTINGS index_granularity = 3",
            inserts: [
                "INSERT INTO db.t SELECT concat('t', toString(number)), concat('p', toString(number % 3)), toDateTime64(toDateTime('2024-01-30 22:00:00') + number * 3600, 3), 'n' FROM numbers(60)",
                "INSERT INTO db.t SELECT concat('s', toString(number)), concat('p', toString(number % 2)), toDateTime64(toDateTime('2024-02-02 10:00:00') + number * 60, 3), 'm' FROM numbers(20)",
            ], condition: "project_id = 'p1'", dumpOrder: "id"),
        Case(
            name: "otel_gauge_wide",
            create:
                "CREATE TABLE db.t (ServiceName LowCardinality(String), MetricName String, TimeUnix DateTime64(9), Value Float64) ENGINE = MergeTree PARTITION BY toDate(TimeUnix) ORDER BY (ServiceName, MetricName, toUnixTimestamp64Nano(TimeUnix)) SETTINGS index_granularity = 5, min_bytes_for_wide_part = 0",
            inserts: [
                "INSERT INTO db.t SELECT ['a', 'b', 'c'][number % 3 + 1], concat('m', toString(number % 4)), toDateTime64(toDateTime('2024-05-01 20:00:00') + number * 1000, 9), number / 3 FROM numbers(50)",
                "INSERT INTO db.t SELECT 'b', 'cpu', toDateTime64('2024-05-02 00:00:00.000000001', 9), number FROM numbers(7)",
            ], condition: "ServiceName = 'b'", dumpOrder: "ServiceName, MetricName, TimeUnix, Value"),
        Case(
            name: "string_tuple_partition",
            create:
                "CREATE TABLE db.t (d Date, region String, id UInt64) ENGINE = MergeTree PARTITION BY (toYear(d), region) ORDER BY (region, cityHash64(id)) SETTINGS index_granularity = 2",
            inserts: [
                "INSERT INTO db.t SELECT toDate('2020-12-25') + number * 3, ['eu', 'us', 'ünï'][number % 3 + 1], number FROM numbers(30)",
                "INSERT INTO db.t SELECT toDate('2021-06-01'), 'eu', number + 1000 FROM numbers(9)",
            ], condition: "region = 'eu'", dumpOrder: "id"),
        Case(
            name: "siphash_partition",
            create:
                "CREATE TABLE db.t (id UInt64, s String, ts DateTime) ENGINE = MergeTree PARTITION BY sipHash64(id) % 4 ORDER BY (sipHash64(id), id, toStartOfHour(ts)) SETTINGS index_granularity = 3",
            inserts: [
                "INSERT INTO db.t SELECT number, toString(number * 13), toDateTime('2024-01-01 00:00:00') + number * 1000 FROM numbers(40)"
            ], condition: "sipHash64(id) > 9223372036854775807", dumpOrder: "id"),
        // The corpus's key probes (Tests/Fixtures/real-tables/probes), their CREATEs as written.
        probe(
            "key_cityhash64",
            "(id String, v UInt32) ENGINE = MergeTree ORDER BY cityHash64(id) SAMPLE BY cityHash64(id)",
            select: "toString(number * 7), number", condition: "cityHash64(id) > 9223372036854775807", dumpOrder: "id"),
        probe(
            "key_inthash32",
            "(d Date, user UInt64, v UInt32) ENGINE = MergeTree ORDER BY (d, intHash32(user)) SAMPLE BY intHash32(user)",
            select: "toDate('2024-01-01') + number % 4, number * 1000003, number", condition: "d = '2024-01-02'",
            dumpOrder: "user"),
        probe(
            "key_negative_and_modulo",
            "(k Int64, ts DateTime, v String) ENGINE = MergeTree PARTITION BY k % 3 ORDER BY (negate(k), toUInt64(ts))",
            select: "toInt64(number) - 20, toDateTime('2024-01-01 00:00:00') + number * 77, toString(number)",
            condition: "negate(k) > 0", dumpOrder: "k"),
        probe(
            "key_siphash64",
            "(id String, v UInt32) ENGINE = MergeTree PARTITION BY sipHash64(id) % 4 ORDER BY (sipHash64(id), id)",
            select: "concat('id', toString(number)), number", condition: "sipHash64(id) > 9223372036854775807",
            dumpOrder: "id"),
        probe(
            "key_todate",
            "(ts DateTime, k UInt32, v String) ENGINE = MergeTree PARTITION BY toDate(ts) ORDER BY (toDate(ts), k)",
            select: "toDateTime('2024-03-01 20:00:00') + number * 3000, number, 'x'",
            condition: "toDate(ts) = '2024-03-02'", dumpOrder: "k"),
        probe(
            "key_tostartofhour",
            "(ts DateTime64(3), k UInt32, v String) ENGINE = MergeTree ORDER BY (toStartOfHour(ts), k)",
            select: "toDateTime64(toDateTime('2024-03-01 20:00:00') + number * 1000, 3), number % 7, toString(number)",
            condition: "toStartOfHour(ts) >= toDateTime('2024-03-01 22:00:00')", dumpOrder: "ts, k"),
        probe(
            "key_toyyyymm", "(d Date, k UInt64, v Float64) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY (k, d)",
            select: "toDate('2023-11-20') + number * 3, number % 9, number / 4", condition: "k = 4", dumpOrder: "d, k"),
        probe(
            "key_tuple",
            "(d Date, region LowCardinality(String), v UInt32) ENGINE = MergeTree PARTITION BY (toYear(d), region) ORDER BY tuple()",
            select: "toDate('2020-12-20') + number * 5, ['eu', 'us'][number % 2 + 1], number",
            condition: "region = 'eu'", dumpOrder: "v"),
        probe(
            "primary_key_in_columns", "(a UInt32, b String, v Float64, PRIMARY KEY (a, b)) ENGINE = MergeTree",
            select: "number % 5, toString(number % 3), number / 2", condition: "a = 2", dumpOrder: "a, b, v"),
        probe(
            "primary_key_prefix",
            "(a UInt32, b String, c DateTime, v Float64) ENGINE = MergeTree PRIMARY KEY (a, b) ORDER BY (a, b, c)",
            select: "number % 5, toString(number % 3), toDateTime('2024-01-01 00:00:00') + number, number / 2",
            condition: "a = 2", dumpOrder: "a, b, c"),
        probe(
            "sample_by", "(k UInt64, d Date, v String) ENGINE = MergeTree ORDER BY (d, k) SAMPLE BY k",
            select: "number * 1844674407370955161, toDate('2024-01-01') + number % 3, toString(number)",
            condition: "d = '2024-01-02'", dumpOrder: "k"),
    ]

    /// A corpus probe filled by two INSERT … SELECT over `numbers`.
    static func probe(_ name: String, _ body: String, select: String, condition: String, dumpOrder: String) -> Case {
        Case(
            name: name, create: "CREATE TABLE db.t \(body)",
            inserts: [
                "INSERT INTO db.t SELECT \(select) FROM numbers(30)",
                "INSERT INTO db.t SELECT \(select) FROM numbers(100, 15)",
            ], condition: condition, dumpOrder: dumpOrder)
    }

    let moto: MotoServer
    let bucket = "keys"

    init() throws {
        moto = try MotoServer.shared()
        try moto.createBucket(bucket)
    }

    func s3(_ name: String) -> String {
        "S3('\(moto.endpoint)/\(bucket)/\(name)', '\(MotoServer.testAccessKeyID)', '\(MotoServer.testSecretAccessKey)')"
    }

    static let partsQuery =
        "SELECT partition_id, rows FROM system.parts WHERE database = 'db' AND table = 't' AND active ORDER BY partition_id, rows"

    @Test(arguments: cases)
    func clickHouseRestoresOurBackups(_ testCase: Case) async throws {
        let prefix = "sh-\(testCase.name)-\(UUID().uuidString.prefix(8))"
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run(testCase.create)
        for insert in testCase.inserts { try await engine.run(insert) }
        let ourDump = try await engine.run(testCase.dumpQuery)
        let ourCount = try await engine.run("SELECT count() FROM db.t WHERE \(testCase.condition)")
        let ourParts = try await engine.run(Self.partsQuery)
        try await engine.run("BACKUP TABLE db.t TO \(s3(prefix))")
        let outcomes = try ClickHouseOracle.run(
            [
                "SET session_timezone = 'UTC'",
                "CREATE DATABASE db",
                "RESTORE TABLE db.t FROM \(s3(prefix))",
                "CHECK TABLE db.t SETTINGS check_query_single_value_result = 1",
                testCase.dumpQuery,
                "SELECT count() FROM db.t WHERE \(testCase.condition)",
                Self.partsQuery,
                // The primary index as ClickHouse reads it, against the index of the same rows ClickHouse inserts.
                "SELECT * EXCEPT part_name FROM mergeTreeIndex('db', 't') ORDER BY part_name, mark_number",
                testCase.create.replacingOccurrences(of: "db.t", with: "db.ref"),
            ] + testCase.inserts.map { $0.replacingOccurrences(of: "db.t", with: "db.ref") } + [
                "SELECT * EXCEPT part_name FROM mergeTreeIndex('db', 'ref') ORDER BY part_name, mark_number",
                "OPTIMIZE TABLE db.t FINAL",
                "CHECK TABLE db.t SETTINGS check_query_single_value_result = 1",
                testCase.dumpQuery,
            ])
        for outcome in outcomes { if case .error = outcome { Issue.record("\(outcome)") } }
        let tail = outcomes.count - 4
        guard tail > 8 else {
            Issue.record("\(outcomes)")
            return
        }
        #expect(outcomes[2].text.hasSuffix("\tRESTORED\n"), "\(outcomes[2])")
        #expect(outcomes[3] == .output("1\n"), "\(outcomes[3])")
        #expect(outcomes[4].text == ourDump)
        #expect(!ourDump.isEmpty)
        #expect(outcomes[5].text == ourCount)
        #expect(ourCount != "0\n")
        #expect(outcomes[6].text == ourParts)
        #expect(outcomes[7].text == outcomes[tail].text, "primary index: ours vs ClickHouse's")
        #expect(outcomes[tail + 2] == .output("1\n"), "\(outcomes[tail + 2])")
        #expect(outcomes[tail + 3].text == ourDump)
    }

    @Test(arguments: cases)
    func weRestoreClickHouseBackups(_ testCase: Case) async throws {
        let prefix = "ch-\(testCase.name)-\(UUID().uuidString.prefix(8))"
        let outcomes = try ClickHouseOracle.run(
            ["SET session_timezone = 'UTC'", "CREATE DATABASE db", testCase.create] + testCase.inserts + [
                "BACKUP TABLE db.t TO \(s3(prefix))",
                testCase.dumpQuery,
                "SELECT count() FROM db.t WHERE \(testCase.condition)",
                Self.partsQuery,
                "OPTIMIZE TABLE db.t FINAL",
                Self.partsQuery,
            ])
        for outcome in outcomes { if case .error = outcome { Issue.record("\(outcome)") } }
        let base = 3 + testCase.inserts.count
        guard outcomes.count == base + 6 else {
            Issue.record("\(outcomes)")
            return
        }
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        let restored = try await engine.run("RESTORE TABLE db.t FROM \(s3(prefix))")
        #expect(restored.hasSuffix("\tRESTORED\n"))
        #expect(try await engine.run(testCase.dumpQuery) == outcomes[base + 1].text)
        #expect(try await engine.run("SELECT count() FROM db.t WHERE \(testCase.condition)") == outcomes[base + 2].text)
        #expect(try await engine.run(Self.partsQuery) == outcomes[base + 3].text)
        try await engine.run("OPTIMIZE TABLE db.t FINAL")
        #expect(try await engine.run(Self.partsQuery) == outcomes[base + 5].text)
        #expect(try await engine.run(testCase.dumpQuery) == outcomes[base + 1].text)
        let check = try await engine.run("CHECK TABLE db.t")
        #expect(!check.isEmpty && !check.split(separator: "\n").contains { !$0.contains("\t1\t") }, "\(check)")
    }

    /// One INSERT into SwiftHouse and the same INSERT into ClickHouse: every part's primary.idx, partition.dat and
    /// minmax_*.idx are the same bytes, partition by partition.
    @Test(arguments: cases)
    func ourKeyFilesAreClickHouses(_ testCase: Case) async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run(testCase.create)
        try await engine.run(testCase.inserts[0])
        let chPath = FileManager.default.temporaryDirectory.appendingPathComponent("ch-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: chPath) }
        let outcomes = try ClickHouseOracle.run(
            [
                "SET session_timezone = 'UTC'", "CREATE DATABASE db", testCase.create, testCase.inserts[0],
                "SELECT partition_id, path FROM system.parts WHERE database = 'db' AND table = 't' AND active ORDER BY partition_id",
            ], path: chPath.path)
        guard outcomes.count == 5, case .output(let listing) = outcomes[4] else {
            Issue.record("\(outcomes)")
            return
        }
        let theirs = listing.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t").map(String.init)
            return (fields[0], fields.count > 1 ? fields[1] : "")
        }
        let ours = try await engine.run(
            "SELECT partition_id, path FROM system.parts WHERE database = 'db' AND table = 't' ORDER BY partition_id"
        ).split(separator: "\n").map { line in
            let fields = line.split(separator: "\t").map(String.init)
            return (fields[0], fields.count > 1 ? fields[1] : "")
        }
        #expect(ours.map(\.0) == theirs.map(\.0))
        #expect(!ours.isEmpty)
        for ((partition, ourPath), (_, theirPath)) in zip(ours, theirs) {
            let keyFiles = { (file: String) in
                file == "partition.dat" || (file.hasPrefix("minmax_") && file.hasSuffix(".idx"))
            }
            let theirFiles = try FileManager.default.contentsOfDirectory(atPath: theirPath).filter(keyFiles).sorted()
            let ourFiles = try FileManager.default.contentsOfDirectory(atPath: ourPath).filter(keyFiles).sorted()
            #expect(ourFiles == theirFiles, "partition \(partition)")
            #expect(theirFiles.contains("partition.dat") == testCase.create.contains("PARTITION BY"))
            for file in theirFiles {
                let mine = FileManager.default.contents(atPath: ourPath + "/" + file)
                let reference = FileManager.default.contents(atPath: theirPath + "/" + file)
                #expect(mine != nil && mine == reference, "\(file) of partition \(partition)")
            }
            // ClickHouse 26.9 writes the primary index compressed (primary.cidx, compress_primary_key); SwiftHouse
            // writes it plain (primary.idx, which ClickHouse reads): the decompressed bytes are the same.
            // Without a primary key (ORDER BY tuple()) neither side has one.
            let compressed = FileManager.default.contents(atPath: theirPath + "/primary.cidx")
            let reference = try compressed.map { try CompressedBlock.decodeAll([UInt8]($0), fileName: "primary.cidx") }
            let mine = FileManager.default.contents(atPath: ourPath + "/primary.idx").map { [UInt8]($0) }
            #expect((mine ?? []) == (reference ?? []), "primary index of partition \(partition)")
            #expect((reference?.isEmpty ?? true) == testCase.create.contains("ORDER BY tuple()"))
        }
    }
}

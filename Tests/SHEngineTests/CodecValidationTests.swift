import Foundation
import SHCore
import SHTestSupport
import Testing

/// Column codecs are checked at CREATE and ALTER as ClickHouse checks them: for each codec and column type below,
/// SwiftHouse accepts exactly what ClickHouse (chdb) accepts and fails with ClickHouse's code and text otherwise —
/// unknown families, bad parameters, codecs a type cannot take, and (unless `allow_suspicious_codecs`) chains that
/// make no sense. Before this check SwiftHouse accepted all of them and wrote such columns with its default codec.
@Suite struct CodecValidationTests {
    static let cases: [(codec: String, type: String)] = [
        ("Delta", "UInt64"), ("NONE, LZ4", "UInt64"), ("LZ4, Delta", "UInt64"), ("Gorilla", "UInt64"),
        ("LZ4, ZSTD", "UInt64"), ("GCD", "UInt64"), ("lz4", "UInt64"), ("Delta(8)", "String"),
        ("DoubleDelta(3), LZ4", "UInt64"), ("DoubleDelta", "UInt64"), ("T64('bit')", "UInt64"),
        ("T64('x')", "UInt64"), ("T64(1)", "UInt64"), ("LZ4(1)", "UInt64"), ("GCD(1)", "UInt64"),
        ("FPC(28)", "Float64"), ("FPC(29)", "Float64"), ("FPC(0)", "Float64"), ("FPC(5, 3)", "Float64"),
        ("FPC(5, 4)", "Float64"), ("ZSTD(22, 31)", "UInt8"), ("ZSTD(23)", "UInt8"), ("ZSTD(1, 2)", "UInt8"),
        ("ZSTD(-1)", "String"), ("ZSTD('a')", "UInt8"), ("ZSTD(x)", "UInt8"), ("ZSTD(1, 20, 3)", "UInt8"),
        ("Delta('a')", "UInt8"), ("Delta(3)", "UInt8"), ("Delta(1, 2), LZ4", "UInt8"), ("Delta", "IPv4"),
        ("Delta, LZ4", "Tuple(UInt32)"), ("Delta, LZ4", "Map(UInt32, UInt32)"), ("Delta, LZ4", "Tuple(UInt8, String)"),
        ("Delta, LZ4", "Array(String)"), ("Delta, LZ4", "FixedString(4)"), ("Delta, LZ4", "FixedString(3)"),
        ("Delta, ZSTD", "UUID"), ("Delta, ZSTD", "DateTime64(3)"), ("Delta, Delta, LZ4", "Nullable(UInt32)"),
        ("T64, LZ4", "Date"), ("T64, LZ4", "Enum8('a' = 1)"), ("T64, LZ4", "Decimal(18, 2)"),
        ("T64, LZ4", "Decimal(38, 2)"), ("T64, LZ4", "UUID"), ("T64, LZ4", "Float32"), ("T64", "Nullable(Float32)"),
        ("T64('byte', 1)", "UInt8"), ("GCD, LZ4", "Bool"), ("GCD, LZ4", "Enum8('a' = 1)"), ("GCD, LZ4", "IPv4"),
        ("GCD, LZ4", "Decimal(38, 2)"), ("GCD, LZ4", "Float32"), ("DoubleDelta, LZ4", "FixedString(8)"),
        ("DoubleDelta, LZ4", "UUID"), ("DoubleDelta, LZ4", "Decimal(38, 2)"), ("DoubleDelta, LZ4", "Enum8('a' = 1)"),
        ("DoubleDelta('a')", "UInt8"), ("DoubleDelta, Gorilla", "Float64"), ("Delta, Gorilla", "Float64"),
        ("Gorilla, Delta, LZ4", "Float64"), ("Gorilla(8)", "String"), ("Gorilla(1, 2)", "Float32"),
        ("Gorilla, LZ4", "Tuple(UInt8, Float32)"), ("Gorilla, LZ4", "Map(String, Float32)"),
        ("Gorilla, LZ4", "FixedString(4)"), ("Gorilla, ZSTD", "Float64"), ("FPC, LZ4", "Array(Float32)"),
        ("FPC(3, 8), LZ4", "UInt64"), ("FPC(1, 4, 3)", "Float32"), ("LZ4HC(1, 2)", "UInt8"), ("LZ4HC(100)", "UInt8"),
        ("LZ4HC(-3)", "UInt8"), ("NONE", "UInt64"), ("NONE(1)", "UInt8"), ("LZ4, NONE", "UInt64"),
        ("Delta(4), NONE", "UInt64"), ("Default", "UInt8"), ("Default(1)", "UInt8"), ("Delta, Default", "UInt8"),
        ("Default, Delta", "UInt8"), ("Multiple", "UInt8"), ("ZSTD_QAT", "UInt8"), ("DEFLATE_QPL", "UInt8"),
        ("AES_128_GCM_SIV(1)", "UInt8"), ("ZSTD, LZ4HC", "UInt64"), ("Delta, T64, LZ4", "UInt32"),
        ("GCD, T64", "UInt32"), ("Delta, DoubleDelta", "UInt32"),
    ]

    static func create(_ testCase: (codec: String, type: String), _ index: Int) -> String {
        "CREATE TABLE t\(index) (a \(testCase.type) CODEC(\(testCase.codec))) ENGINE = MergeTree ORDER BY tuple()"
    }

    /// ClickHouse's error text without what chdb appends after the code name.
    static func normalized(_ text: String) -> String {
        guard let end = text.range(of: ")", options: .backwards, range: text.startIndex..<text.endIndex) else {
            return text
        }
        return String(text[..<end.upperBound]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func codecsAreCheckedAsClickHouseChecksThem() async throws {
        let statements = Self.cases.enumerated().map { Self.create($1, $0) }
        let theirs = try ClickHouseOracle.run(statements)
        #expect(theirs.count == statements.count)
        let engine = try TestEngine()
        for (index, statement) in statements.enumerated() where index < theirs.count {
            var ours: String
            do {
                _ = try await engine.run(statement)
                ours = "ok"
            } catch let error as DatabaseError {
                ours = error.description
            }
            switch theirs[index] {
            case .output: #expect(ours == "ok", "\(statement)")
            case .error(let text): #expect(Self.normalized(ours) == Self.normalized(text), "\(statement)")
            }
        }
    }

    @Test func suspiciousChainsAreAllowedWithTheSetting() async throws {
        let engine = try TestEngine()
        try await engine.run("SET allow_suspicious_codecs = 1")
        try await engine.run(
            "CREATE TABLE s (a UInt64 CODEC(Delta), b UInt64 CODEC(LZ4, Delta)) ENGINE = MergeTree ORDER BY a")
        try await engine.run("INSERT INTO s VALUES (1, 2), (3, 4)")
        #expect(try await engine.run("SELECT * FROM s ORDER BY a") == "1\t2\n3\t4\n")
        // Parameters are still checked with the setting, as in ClickHouse.
        await #expect(throws: DatabaseError.self) {
            try await engine.run("CREATE TABLE s2 (a UInt64 CODEC(Delta(3), LZ4)) ENGINE = MergeTree ORDER BY a")
        }
    }

    @Test func encryptionCodecsAreRefusedNotIgnored() async throws {
        let engine = try TestEngine()
        do {
            try await engine.run("CREATE TABLE e (a UInt64 CODEC(AES_128_GCM_SIV)) ENGINE = MergeTree ORDER BY a")
            Issue.record("CREATE with an encryption codec succeeded")
        } catch let error as DatabaseError {
            #expect(error.code == .notImplemented, "\(error)")
        }
        try await engine.run("CREATE TABLE p (a UInt64) ENGINE = MergeTree ORDER BY a")
        do {
            try await engine.run("ALTER TABLE p MODIFY COLUMN a UInt64 CODEC(ZSTD(23))")
            Issue.record("ALTER with ZSTD(23) succeeded")
        } catch let error as DatabaseError {
            #expect(error.code.name == "ILLEGAL_CODEC_PARAMETER", "\(error)")
        }
    }
}

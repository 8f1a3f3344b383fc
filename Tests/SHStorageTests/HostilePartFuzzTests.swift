import Foundation
import SHCodecs
import SHColumns
import SHCore
import SHTestSupport
import Testing

@testable import SHStorage

/// Runs `body` on a thread of its own, so a long CPU-bound test does not hold one of the few threads of
/// Swift's cooperative pool (other suites' timers and network tests run there).
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// Mutants per part: 60, or SH_FUZZ_CASES.
let fuzzCases = ProcessInfo.processInfo.environment["SH_FUZZ_CASES"].flatMap { Int($0) } ?? 60

/// Mutates every file of real parts (ours and ClickHouse's, Wide and Compact): bit flips, truncations, huge
/// varints and random bytes, inside the decompressed streams of compressed files (re-compressed, so block
/// checksums hold) and in the raw bytes, with checksums.txt recomputed. Validation and reading of every
/// mutant must end in success or a DatabaseError: a trap would kill the test process, which is the point.
@Suite struct HostilePartFuzzTests {
    enum Mutation: CaseIterable {
        case flipBit, truncate, hugeVarUInt, maxUInt64, randomBytes, rawFlip, rawTruncate
    }

    /// Mutations inside the decompressed data, and the raw ones (on the compressed bytes as they are).
    static func mutate(_ bytes: [UInt8], _ mutation: Mutation, _ random: inout SplitMix64) -> [UInt8] {
        let damage: ByteMutation =
            switch mutation {
            case .flipBit, .rawFlip: .flipBit
            case .truncate, .rawTruncate: .truncate
            case .hugeVarUInt: .hugeVarUInt
            case .maxUInt64: .maxUInt64
            case .randomBytes: .randomBytes
            }
        return damage.apply(to: bytes, using: &random)
    }

    static func isCompressed(_ name: String) -> Bool {
        name.hasSuffix(".bin") || name.hasSuffix(".cidx") || name.contains(".cmrk")
    }

    /// Runs every mutation `rounds` times on every file of `part`; returns (cases, errors).
    static func fuzz(_ part: URL, columns: [ColumnDescription], rounds: Int, seed: UInt64) throws -> (Int, Int) {
        var random = SplitMix64(state: seed)
        let checksumsURL = part.appendingPathComponent("checksums.txt")
        let originalChecksums = try fileBytes(checksumsURL)
        var cases = 0
        var errors = 0
        let names = try FileManager.default.contentsOfDirectory(atPath: part.path).sorted()
        // About `fuzzCases` cases per part (the suite shares the machine with timing-sensitive suites; set
        // SH_FUZZ_CASES for a longer run): every file, a random subset of the mutations.
        let perFile = min(Mutation.allCases.count, max(1, fuzzCases / max(1, names.count)))
        for name in names {
            let url = part.appendingPathComponent(name)
            let original = try fileBytes(url)
            for mutation in Mutation.allCases.shuffled(using: &random).prefix(perFile) {
                for _ in 0..<rounds {
                    var mutated: [UInt8]
                    if Self.isCompressed(name), mutation != .rawFlip, mutation != .rawTruncate {
                        var data = try CompressedBlock.decodeAll(original, fileName: name)
                        data = Self.mutate(data, mutation, &random)
                        mutated = []
                        try data.withUnsafeBytes { try CompressedBlock.append($0, codec: .lz4, to: &mutated) }
                    } else {
                        mutated = Self.mutate(original, mutation, &random)
                    }
                    try Data(mutated).write(to: url)
                    if name != "checksums.txt" { try resealChecksums(part) }
                    cases += 1
                    if hostileOutcome(part, columns: columns) != nil { errors += 1 }
                    _ = PartChecksumVerifier.problem(in: part)
                    try Data(original).write(to: url)
                    try Data(originalChecksums).write(to: checksumsURL)
                }
            }
        }
        return (cases, errors)
    }

    static let smallColumns: [ColumnDescription] = PartWriterTests.columns

    @Test(arguments: [PartWriteOptions.Format.wide, .compact])
    func ourPartsSurviveHostileBytes(format: PartWriteOptions.Format) async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let rows = Array(PartWriterTests.rows.prefix(9))
        let part = try PartWriterTests.writePart(in: temp.url, format: format, granularity: 4, rows: rows).url
        let (cases, errors) = try await offPool {
            try Self.fuzz(part, columns: Self.smallColumns, rounds: 2, seed: 0x5eed)
        }
        #expect(cases >= 30)
        // Most mutants are errors; a flipped bit inside a value is a different valid value.
        #expect(errors * 2 > cases, "\(errors) errors in \(cases) cases")
        #expect(peakResidentBytes() < 4 << 30)
        #expect(hostileOutcome(part, columns: Self.smallColumns) == nil)
    }

    @Test func clickHouseCompactPartSurvivesHostileBytes() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let part = try clickHouseCompactPart(into: temp.url)
        let columns = try SequentialPartReader(directory: part).columns
        let (cases, errors) = try await offPool { try Self.fuzz(part, columns: columns, rounds: 2, seed: 0xC1C4) }
        #expect(cases >= 30)
        #expect(errors * 2 > cases, "\(errors) errors in \(cases) cases")
        #expect(peakResidentBytes() < 4 << 30)
        #expect(hostileOutcome(part, columns: columns) == nil)
    }
}

import Foundation
import SHCodecs
import SHCore
import Testing

/// Column files ClickHouse 26.9 (chdb) compressed with Delta, DoubleDelta, Gorilla, T64, GCD and chains of them
/// (`Tests/Fixtures/clickhouse-26.9/codecs/`, written by `scripts/testing/generate_codec_fixtures.py`): SwiftHouse
/// decodes each to the column's RowBinary bytes ClickHouse returned, and encodes those bytes to the very same file.
@Suite struct CodecFixtureTests {
    struct Fixture: CustomStringConvertible, Sendable {
        var table: String
        var column: String
        var type: String
        var codec: String
        var description: String { "\(table)/\(column)" }
    }

    static let fixtures: [Fixture] = {
        guard let text = try? String(contentsOf: directory.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Fixture(table: fields[0], column: fields[1], type: fields[2], codec: fields[3])
        }
    }()

    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/clickhouse-26.9/codecs")
    }

    static let widths: [String: Int] = [
        "Int8": 1, "UInt8": 1, "Int16": 2, "UInt16": 2, "Date": 2, "Int32": 4, "UInt32": 4, "Float32": 4,
        "DateTime": 4, "Int64": 8, "UInt64": 8, "Float64": 8,
    ]
    static let t64Types: [String: T64Codec.ValueType] = [
        "Int8": .int8, "UInt8": .uint8, "Int16": .int16, "UInt16": .uint16, "Date": .date, "Int32": .int32,
        "UInt32": .uint32, "DateTime": .dateTime, "Int64": .int64, "UInt64": .uint64,
    ]

    /// The codec ClickHouse built for `codec` on a column of `type` (written out here so that the test does not
    /// rely on SwiftHouse's own CODEC parser).
    static func codec(_ text: String, type: String) throws -> CompressionCodec {
        let width = try #require(widths[type])
        let chain = try text.split(separator: ",").map { part -> CompressionCodec in
            switch part.trimmingCharacters(in: .whitespaces) {
            case "Delta": .delta(width: width)
            case "Delta(8)": .delta(width: 8)
            case "DoubleDelta": .doubleDelta(width: width)
            case "Gorilla": .gorilla(width: width)
            case "GCD": .gcd(width: width, signed: type.hasPrefix("Int"))
            case "T64": .t64(try #require(t64Types[type]), .byte)
            case "T64('bit')": .t64(try #require(t64Types[type]), .bit)
            case "FPC": .fpc(width: width, level: 12)
            case "FPC(20)": .fpc(width: width, level: 20)
            case "FPC(1)": .fpc(width: width, level: 1)
            case "LZ4": .lz4
            case "LZ4HC(9)": .lz4hc(level: 9)
            case "ZSTD(1)": .zstd(level: 1)
            case "ZSTD(3)": .zstd(level: 3)
            case let other: throw DatabaseError(.notImplemented, "fixture codec \(other)")
            }
        }
        return chain.count == 1 ? chain[0] : .multiple(chain)
    }

    static func bytes(_ fixture: Fixture, _ suffix: String) throws -> [UInt8] {
        [UInt8](
            try Data(
                contentsOf: directory.appendingPathComponent(fixture.table).appendingPathComponent(
                    fixture.column + suffix)))
    }

    /// The blocks' method bytes, and those listed inside the chains (0x91), cover every codec.
    @Test func everyCodecIsCovered() throws {
        #expect(Self.fixtures.count == 83)
        var methods: Set<UInt8> = []
        for fixture in Self.fixtures {
            let file = try Self.bytes(fixture, ".bin")
            methods.insert(file[16])
            if file[16] == 0x91 { methods.formUnion(file[26..<(26 + Int(file[25]))]) }
        }
        #expect(methods == [0x82, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x98, 0x9A])
    }

    @Test(arguments: fixtures)
    func decodesWhatClickHouseWrote(_ fixture: Fixture) throws {
        let file = try Self.bytes(fixture, ".bin")
        let expected = try Self.bytes(fixture, ".rowbinary")
        #expect(expected.count == 130 * (Self.widths[fixture.type] ?? 0))
        #expect(try CompressedBlock.decodeAll(file, fileName: fixture.column + ".bin") == expected)
    }

    @Test(arguments: fixtures)
    func encodesTheBytesClickHouseWrote(_ fixture: Fixture) throws {
        let file = try Self.bytes(fixture, ".bin")
        let values = try Self.bytes(fixture, ".rowbinary")
        var block: [UInt8] = []
        try values.withUnsafeBytes {
            try CompressedBlock.append($0, codec: try Self.codec(fixture.codec, type: fixture.type), to: &block)
        }
        #expect(block == file)
    }

    /// Our encoder's blocks decode to their input, for lengths that leave unaligned leading bytes and T64 tails.
    @Test(arguments: [0, 1, 7, 63, 64, 65, 1000, 4099])
    func roundTripsEveryCodecAndWidth(_ count: Int) throws {
        var random = UInt64(count) &+ 0x9E37_79B9_7F4A_7C15
        let data = (0..<count).map { index -> UInt8 in
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return index % 5 == 0 ? UInt8(truncatingIfNeeded: random >> 56) : UInt8(truncatingIfNeeded: index / 8)
        }
        var codecs: [CompressionCodec] = []
        for width in [1, 2, 4, 8] {
            codecs += [.delta(width: width), .doubleDelta(width: width), .gorilla(width: width)]
            codecs += [.gcd(width: width, signed: false), .gcd(width: width, signed: true)]
        }
        codecs += [.gcd(width: 16, signed: false), .gcd(width: 16, signed: true)]
        codecs += [.fpc(width: 4, level: 12), .fpc(width: 8, level: 1), .fpc(width: 8, level: 22)]
        for type in T64Codec.ValueType.allCases {
            for variant in [T64Codec.Variant.byte, .bit] { codecs.append(.t64(type, variant)) }
        }
        codecs.append(.multiple([.delta(width: 4), .zstd(level: 3)]))
        codecs.append(.multiple([.delta(width: 1), .gorilla(width: 1), .lz4]))
        codecs.append(.multiple([.gcd(width: 2, signed: false), .t64(.uint16, .byte), .zstd(level: 1)]))
        for codec in codecs {
            // ClickHouse never writes an empty block, and a chain's empty stage does not decode (as in ClickHouse).
            if case .multiple = codec, count == 0 { continue }
            var block: [UInt8] = []
            try data.withUnsafeBytes { try CompressedBlock.append($0, codec: codec, to: &block) }
            let decoded = try block.withUnsafeBytes { try CompressedBlock.decode($0, fileName: "x.bin") }
            #expect(decoded.data == data, "\(codec)")
            #expect(decoded.length == block.count)
        }
    }

    /// A full 1 MiB block (the largest the part writer emits) through each codec.
    @Test(arguments: [
        CompressionCodec.delta(width: 8), .doubleDelta(width: 8), .gorilla(width: 8), .gcd(width: 8, signed: true),
        .t64(.int64, .byte), .t64(.int64, .bit), .fpc(width: 8, level: 12),
        .multiple([.delta(width: 8), .zstd(level: 3)]),
    ])
    func largeBlockRoundTrips(_ codec: CompressionCodec) throws {
        var data: [UInt8] = []
        data.reserveCapacity(1 << 20)
        for index in 0..<(1 << 17) { data.appendLittleEndian(Int64(index * index % 1_000_003) * 6 - 1_000_000) }
        var block: [UInt8] = []
        try data.withUnsafeBytes { try CompressedBlock.append($0, codec: codec, to: &block) }
        #expect(try CompressedBlock.decodeAll(block, fileName: "x.bin") == data)
    }

    @Test func chainDescriptionIsTheCodecText() {
        let chain = CompressionCodec.multiple([.delta(width: 8), .zstd(level: 3)])
        #expect(chain.description == "CODEC(Delta(8), ZSTD(3))")
        #expect(chain.methodByte == 0x91)
        #expect(CompressionCodec.t64(.uint32, .bit).description == "CODEC(T64('bit'))")
    }
}

import SHCodecs
import SHCore
import Testing

/// ClickHouse's compressed block: checksum (16) ‖ method (1) ‖ compressed size incl. header (UInt32 LE) ‖
/// uncompressed size (UInt32 LE) ‖ payload.
@Suite struct CompressedBlockTests {
    /// `formats/types_codecs_wide` (ClickHouse 26.9): columns `b Int32 CODEC(NONE)`, `c Int32 CODEC(ZSTD(1))`
    /// holding 0…5; `formats/wide_simple`: `k Int32` (default LZ4) holding 1, 2, 3.
    static let codecsPart = "formats/types_codecs_wide/data/db/tcodec/all_1_1_0/"
    static let wideSimplePart = "formats/wide_simple/data/db/sw/all_1_1_0/"

    static func encode(_ data: [UInt8], _ codec: CompressionCodec) throws -> [UInt8] {
        var out: [UInt8] = []
        try data.withUnsafeBytes { try CompressedBlock.append($0, codec: codec, to: &out) }
        return out
    }

    static func decode(_ block: [UInt8], fileName: String = "test.bin") throws -> (data: [UInt8], length: Int) {
        try block.withUnsafeBytes { try CompressedBlock.decode($0, fileName: fileName) }
    }

    static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    // MARK: - Reading blocks ClickHouse wrote

    @Test func decodesClickHouseLZ4Block() throws {
        let file = try fixtureBytes(Self.wideSimplePart + "k.bin")
        #expect(file[16] == 0x82)
        #expect(Self.uint32(file, at: 17) == 22)
        #expect(Self.uint32(file, at: 21) == 12)
        let (data, length) = try Self.decode(file)
        #expect(data == int32Bytes([1, 2, 3]))
        #expect(length == file.count)
    }

    @Test func decodesClickHouseZSTDBlock() throws {
        let file = try fixtureBytes(Self.codecsPart + "c.bin")
        #expect(file[16] == 0x90)
        let (data, length) = try Self.decode(file)
        #expect(data == int32Bytes([0, 1, 2, 3, 4, 5]))
        #expect(length == file.count)
    }

    @Test func decodesClickHouseNoneBlock() throws {
        let file = try fixtureBytes(Self.codecsPart + "b.bin")
        #expect(file[16] == 0x02)
        #expect(try CompressedBlock.decodeAll(file, fileName: "b.bin") == int32Bytes([0, 1, 2, 3, 4, 5]))
    }

    @Test func checksumOfClickHouseBlockIsCityHashOfHeaderAndPayload() throws {
        for name in [Self.wideSimplePart + "k.bin", Self.codecsPart + "b.bin", Self.codecsPart + "c.bin"] {
            let file = try fixtureBytes(name)
            #expect(CityHash128.hash(Array(file[16...])).storedBytes == Array(file[0..<16]), "\(name)")
        }
    }

    /// AES_128_GCM_SIV (method 0x96) is known but not decoded: the error names it (and the file).
    @Test func unsupportedClickHouseCodecIsNamedInTheError() throws {
        var body: [UInt8] = [0x96]
        body.appendLittleEndian(UInt32(9 + 4))
        body.appendLittleEndian(UInt32(8))
        body += [0x08, 0x0C, 0x00, 0x00]
        let file = CityHash128.hash(body).storedBytes + body
        let error = databaseError { _ = try Self.decode(file, fileName: "e.bin") }
        #expect(error?.code == .unknownCompressionMethod)
        #expect(error?.message.contains("AES_128_GCM_SIV") == true)
        #expect(error?.message.contains("e.bin") == true)
    }

    // MARK: - Writing blocks as ClickHouse does

    @Test func noneBlockIsByteIdenticalToClickHouse() throws {
        let expected = try fixtureBytes(Self.codecsPart + "b.bin")
        #expect(try Self.encode(int32Bytes([0, 1, 2, 3, 4, 5]), .none) == expected)
    }

    @Test func lz4BlockIsByteIdenticalToClickHouse() throws {
        let expected = try fixtureBytes(Self.wideSimplePart + "k.bin")
        #expect(try Self.encode(int32Bytes([1, 2, 3]), .lz4) == expected)
    }

    @Test func zstdLevel1BlockIsByteIdenticalToClickHouse() throws {
        let expected = try fixtureBytes(Self.codecsPart + "c.bin")
        #expect(try Self.encode(int32Bytes([0, 1, 2, 3, 4, 5]), .zstd(level: 1)) == expected)
    }

    static let roundTripCodecs: [CompressionCodec] = [.none, .lz4, .lz4hc(level: 9), .zstd(level: 1), .zstd(level: 3)]

    @Test(arguments: roundTripCodecs)
    func roundTripAndHeaderLayout(_ codec: CompressionCodec) throws {
        // Compressible (repeats every 251 bytes) and larger than one LZ4 window.
        let data = (0..<100_000).map { UInt8(truncatingIfNeeded: ($0 % 251) &* 7) }
        let block = try Self.encode(data, codec)
        let expectedMethod: UInt8 =
            switch codec {
            case .none: 0x02
            case .lz4, .lz4hc: 0x82
            case .zstd: 0x90
            default: 0
            }
        #expect(block[16] == expectedMethod)
        #expect(Int(Self.uint32(block, at: 17)) == block.count - 16)
        #expect(Self.uint32(block, at: 21) == 100_000)
        #expect(CityHash128.hash(Array(block[16...])).storedBytes == Array(block[0..<16]))
        if codec != .none { #expect(block.count < 10_000) } else { #expect(block.count == 100_000 + 25) }
        let (decoded, length) = try Self.decode(block)
        #expect(decoded == data)
        #expect(length == block.count)
    }

    @Test(arguments: roundTripCodecs)
    func emptyBlockRoundTrips(_ codec: CompressionCodec) throws {
        let block = try Self.encode([], codec)
        #expect(Self.uint32(block, at: 21) == 0)
        #expect(try Self.decode(block).data.isEmpty)
    }

    @Test func decodeAllConcatenatesBlocksOfDifferentCodecs() throws {
        var file = try Self.encode(pattern(1000), .lz4)
        file += try Self.encode(pattern(10), .none)
        file += try Self.encode(pattern(3000), .zstd(level: 3))
        #expect(try CompressedBlock.decodeAll(file, fileName: "x.bin") == pattern(1000) + pattern(10) + pattern(3000))
    }

    // MARK: - Damage

    @Test func corruptedChecksumIsRejected() throws {
        var file = try fixtureBytes(Self.wideSimplePart + "k.bin")
        file[3] ^= 0x01
        let error = databaseError { _ = try Self.decode(file, fileName: "k.bin") }
        #expect(error?.code == .checksumDoesntMatch)
        #expect(error?.code.number == 40)
        #expect(error?.message.contains("Checksum doesn't match: corrupted data") == true)
        #expect(error?.message.contains("k.bin") == true)
    }

    @Test func corruptedPayloadIsRejected() throws {
        var file = try fixtureBytes(Self.codecsPart + "c.bin")
        file[file.count - 2] ^= 0x40
        let error = databaseError { _ = try CompressedBlock.decodeAll(file, fileName: "c.bin") }
        #expect(error?.code == .checksumDoesntMatch)
    }

    @Test func corruptedSizeInHeaderIsRejected() throws {
        var file = try fixtureBytes(Self.codecsPart + "b.bin")
        file[21] = 0x19  // uncompressed size 24 → 25: the checksum covers the header too
        let error = databaseError { _ = try Self.decode(file) }
        #expect(error?.code == .checksumDoesntMatch)
    }

    @Test func truncatedBlockIsRejected() throws {
        let file = try fixtureBytes(Self.wideSimplePart + "k.bin")
        for length in [0, 10, 24, file.count - 1] {
            let error = databaseError { _ = try Self.decode(Array(file[0..<length])) }
            #expect(error?.code == .cannotReadAllData, "length \(length)")
        }
    }

    @Test func implausibleCompressedSizeIsRejected() throws {
        var block = try Self.encode(pattern(100), .none)
        block.replaceSubrange(17..<21, with: [0xff, 0xff, 0xff, 0x7f])
        let error = databaseError { _ = try Self.decode(block) }
        // ClickHouse: TOO_LARGE_SIZE_COMPRESSED above DBMS_MAX_COMPRESSED_SIZE (1 GiB), from the header alone.
        #expect(error?.code == .tooLargeSizeCompressed)
    }

    // MARK: - Codec names

    /// The text of `default_compression_codec.txt` ClickHouse writes (`CODEC(LZ4)` in most fixtures,
    /// `CODEC(NONE)` in `handmade_*`).
    @Test func codecDescriptionsUseClickHouseSpelling() {
        #expect(CompressionCodec.lz4.description == "CODEC(LZ4)")
        #expect(CompressionCodec.none.description == "CODEC(NONE)")
        #expect(CompressionCodec.zstd(level: 3).description == "CODEC(ZSTD(3))")
        #expect(CompressionCodec.lz4hc(level: 9).description == "CODEC(LZ4HC(9))")
    }
}

import Foundation
import SHCodecs
import SHCore
import SHTestSupport
import Testing

/// Damaged Multiple, Delta, DoubleDelta, Gorilla, T64 and GCD blocks (with valid checksums, as a crafted part would
/// have): each is refused with ClickHouse's error (CANNOT_DECOMPRESS, code 271, or T64's INCORRECT_DATA for an
/// unknown type byte), never a trap or a read out of bounds.
@Suite struct HostileCodecBlockTests {
    /// A checksummed block: `method`, the sizes, `payload`.
    static func block(_ method: UInt8, uncompressed: Int, _ payload: [UInt8]) -> [UInt8] {
        var body: [UInt8] = [method]
        body.appendLittleEndian(UInt32(9 + payload.count))
        body.appendLittleEndian(UInt32(uncompressed))
        body += payload
        return CityHash128.hash(body).storedBytes + body
    }

    /// An inner stage of a chain: method, sizes, payload (no checksum).
    static func stage(_ method: UInt8, uncompressed: Int, _ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [method]
        out.appendLittleEndian(UInt32(9 + payload.count))
        out.appendLittleEndian(UInt32(uncompressed))
        return out + payload
    }

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var block: [UInt8]
        var code: ErrorCode = .cannotDecompress
        var message: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "multiple without codecs", block: block(0x91, uncompressed: 4, [0]),
            message: "Wrong compression methods list"),
        Case(
            name: "multiple claims more codecs than bytes", block: block(0x91, uncompressed: 4, [5, 0x82]),
            message: "header claims 5 codecs but compressed data is only 2 bytes"),
        Case(
            name: "multiple stage too short", block: block(0x91, uncompressed: 4, [1, 0x02, 0x02, 0, 0]),
            message: "too short to contain a block header"),
        Case(
            name: "multiple stage of another codec",
            block: block(0x91, uncompressed: 4, [1, 0x02] + stage(0x82, uncompressed: 4, [1, 2, 3, 4])),
            message: "Can't decompress data with codec byte 130 using codec with byte 2"),
        Case(
            name: "multiple stage of size 0",
            block: block(0x91, uncompressed: 4, [1, 0x02] + stage(0x02, uncompressed: 0, [])),
            message: "decompressed block size 0"),
        Case(
            name: "multiple final size differs",
            block: block(0x91, uncompressed: 4, [1, 0x02] + stage(0x02, uncompressed: 3, [1, 2, 3])),
            message: "Wrong final decompressed size in codec Multiple, got 3, expected 4"),
        Case(
            name: "multiple nested too deep",
            block: block(
                0x91, uncompressed: 1,
                [1, 0x91]
                    + stage(
                        0x91, uncompressed: 1,
                        [1, 0x91]
                            + stage(
                                0x91, uncompressed: 1,
                                [1, 0x91]
                                    + stage(
                                        0x91, uncompressed: 1,
                                        [1, 0x91]
                                            + stage(
                                                0x91, uncompressed: 1, [1, 0x02] + stage(0x02, uncompressed: 1, [7])))))
            ),
            message: "nested too deep"),
        Case(
            name: "delta of width 3", block: block(0x92, uncompressed: 6, [3, 0, 1, 2, 3, 4, 5, 6]),
            message: "Cannot decompress. File has wrong header"),
        Case(
            name: "delta of width 0", block: block(0x92, uncompressed: 4, [0, 0, 1, 2, 3, 4]),
            message: "File has wrong header"),
        Case(name: "delta header cut", block: block(0x92, uncompressed: 4, [4]), message: "File has wrong header"),
        Case(
            name: "delta unaligned bytes missing", block: block(0x92, uncompressed: 7, [4, 3, 1]),
            message: "File has wrong header"),
        Case(
            name: "delta values not aligned", block: block(0x92, uncompressed: 8, [4, 0, 1, 2, 3, 4, 5]),
            message: "is not aligned to 4"),
        Case(
            name: "delta values fewer than the size", block: block(0x92, uncompressed: 8, [4, 0, 1, 2, 3, 4]),
            message: "Cannot decompress the data"),
        Case(
            name: "double delta count overflows",
            block: block(0x94, uncompressed: 8, [4, 0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 0, 0, 0, 1, 0, 0, 0]),
            message: "Cannot decompress the data"),
        Case(
            name: "double delta bits cut",
            block: block(0x94, uncompressed: 16, [4, 0, 4, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0b1111_1000]),
            message: "unexpected end of data"),
        Case(
            name: "gorilla window before any",
            block: block(0x95, uncompressed: 8, [4, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0b1000_0000]),
            message: "Cannot decompress gorilla-encoded data: corrupted input data."),
        Case(
            name: "gorilla window wider than the value",
            block: block(0x95, uncompressed: 2, [1, 0, 2, 0, 0, 0, 1, 0b1111_1111, 0b1100_0000]),
            message: "corrupted input data"),
        Case(
            name: "gorilla bits cut",
            block: block(0x95, uncompressed: 24, [8, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0b1100_0001]),
            message: "unexpected end of data"),
        Case(
            name: "t64 without type byte", block: block(0x93, uncompressed: 4, []),
            message: "Cannot decompress T64-encoded data"),
        Case(
            name: "t64 unknown type", block: block(0x93, uncompressed: 4, [0x05] + [UInt8](repeating: 0, count: 16)),
            code: .incorrectData, message: "Bad magic number in T64 codec: 5"),
        Case(
            name: "t64 header cut", block: block(0x93, uncompressed: 4, [0x03, 0, 0, 0]),
            message: "is too small to contain the min/max header (16 bytes)"),
        Case(
            name: "t64 unaligned bytes missing", block: block(0x93, uncompressed: 7, [0x03, 1, 2]),
            message: "is smaller than the trailing unaligned bytes (3)"),
        Case(
            name: "t64 frame of reference",
            block: block(0x93, uncompressed: 4, [0x43] + [UInt8](repeating: 0, count: 16)),
            code: .notImplemented, message: "T64 with frame of reference"),
        Case(
            name: "t64 matrix cut",
            block: block(0x93, uncompressed: 4, [0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3]),
            message: "is not a multiplier of 64"),
        Case(
            name: "t64 count differs",
            block: block(
                0x93, uncompressed: 4 * 65,
                [0x03, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 8)),
            message:
                "the number of elements in the compressed data (1) is not equal to the expected number of elements in the decompressed data (65)"
        ),
        Case(
            name: "gcd of width 3", block: block(0x9A, uncompressed: 3, [3, 0, 1, 1, 1]),
            message: "File has wrong header"),
        Case(
            name: "gcd without divisor", block: block(0x9A, uncompressed: 4, [4, 0]),
            message: "is less than 4"),
        Case(
            name: "gcd values fewer than the size",
            block: block(0x9A, uncompressed: 8, [4, 0, 1, 0, 0, 0, 1, 0, 0, 0]),
            message: "Cannot decompress the data"),
        Case(name: "fpc header cut", block: block(0x98, uncompressed: 8, [8]), message: "File has wrong header"),
        Case(name: "fpc level 0", block: block(0x98, uncompressed: 8, [8, 0, 0]), message: "File has incorrect level"),
        Case(name: "fpc level 29", block: block(0x98, uncompressed: 8, [8, 29, 0]), message: "incorrect level"),
        Case(
            name: "fpc float width 2", block: block(0x98, uncompressed: 8, [2, 12, 0]),
            message: "File has incorrect float width"),
        Case(
            name: "fpc level above SwiftHouse's bound", block: block(0x98, uncompressed: 8, [8, 28, 0]),
            code: .notImplemented, message: "Reading FPC(28) is not supported"),
        Case(
            name: "fpc pairs cut", block: block(0x98, uncompressed: 16, [8, 12, 0x00, 1, 2, 3]),
            message: "Unexpected end of encoded sequence"),
        Case(
            name: "fpc float zero bytes above width", block: block(0x98, uncompressed: 8, [4, 12, 0x77]),
            message: "Unexpected end of encoded sequence"),
    ]

    @Test(arguments: cases)
    func damagedBlockIsRefused(_ testCase: Case) throws {
        let error = databaseError {
            _ = try testCase.block.withUnsafeBytes { try CompressedBlock.decode($0, fileName: "x.bin") }
        }
        #expect(error?.code == testCase.code, "\(String(describing: error))")
        #expect(error?.message.contains(testCase.message) == true, "\(String(describing: error))")
        #expect(error?.message.hasSuffix("File: x.bin") == true)
    }

    /// Random damage to every fixture block (checksums recomputed so the decoders see it): a result or a
    /// `DatabaseError`, never a trap.
    @Test func randomDamageNeverTraps() throws {
        var random = SplitMix64(seed: 13)
        var refused = 0
        var decoded = 0
        for fixture in CodecFixtureTests.fixtures {
            let file = try CodecFixtureTests.bytes(fixture, ".bin")
            for _ in 0..<40 {
                let mutation = ByteMutation.allCases.randomElement(using: &random)!
                var damaged = Array(mutation.apply(to: Array(file[16...]), using: &random))
                guard damaged.count >= 9 else { continue }
                // Keep the sizes within this small file so that the damage reaches the codecs.
                damaged.replaceSubrange(1..<5, with: Self.littleEndian(UInt32(damaged.count)))
                if Self.uint32(damaged, at: 5) > 1 << 20 {
                    damaged.replaceSubrange(5..<9, with: Self.littleEndian(UInt32(file.count * 4)))
                }
                let block = CityHash128.hash(damaged).storedBytes + damaged
                do {
                    _ = try block.withUnsafeBytes { try CompressedBlock.decode($0, fileName: "x.bin") }
                    decoded += 1
                } catch is DatabaseError {
                    refused += 1
                }
            }
        }
        #expect(refused > 1000)
        #expect(decoded + refused > 2500)
    }

    /// Codecs built with widths ClickHouse does not have are refused when writing, not written wrong.
    @Test(arguments: [
        CompressionCodec.delta(width: 3), .doubleDelta(width: 300), .gorilla(width: 0), .gcd(width: 32, signed: false),
        .gcd(width: -1, signed: true), .fpc(width: 2, level: 12), .fpc(width: 8, level: 23), .multiple([]),
    ])
    func wrongCodecParametersAreRefused(_ codec: CompressionCodec) {
        let error = databaseError {
            var out: [UInt8] = []
            try [UInt8](repeating: 1, count: 64).withUnsafeBytes {
                try CompressedBlock.append($0, codec: codec, to: &out)
            }
        }
        #expect(error?.code == .cannotCompress || error?.code == .notImplemented, "\(String(describing: error))")
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        var out: [UInt8] = []
        out.appendLittleEndian(value)
        return out
    }

    static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }
}

import Foundation
import SHCodecs
import SHCore
import Testing

@testable import SHStorage

/// checksums.txt version 4, against parts ClickHouse 26.9 wrote.
@Suite struct PartChecksumsTests {
    static let compactPart = "partitioned_table/data/types/part/202401_1_1_0"
    static let widePart = "formats/wide_simple/data/db/sw/all_1_1_0"

    /// The entries of `partitioned_table/…/202401_1_1_0/checksums.txt`, decoded by
    /// `chfmt.parse_checksums_txt(open(path, 'rb').read())` of `/work/shared/tools/formats` (hashes as stored bytes).
    static let compactPartEntries: [String: PartChecksums.Entry] = [
        "count.txt": .init(size: 2, hash: storedHash("fe573fb31591dbcf458262d4fca5908f")),
        "data.bin": .init(
            size: 1241, hash: storedHash("dbb9a8e9e2b5e2dbbeae403cfe303423"),
            uncompressed: (2594, storedHash("4727a9247e0ac030e4c1c7fa17f6b0a1"))),
        "data.cmrk4": .init(
            size: 80, hash: storedHash("c7601fc0562b9b06b286ff970f350411"),
            uncompressed: (208, storedHash("65e1aa93df739e0aca361868f4caecf6"))),
        "minmax_d.idx": .init(size: 4, hash: storedHash("fa218255654bab67bd8d0dd204bfef7f")),
        "partition.dat": .init(size: 4, hash: storedHash("87c7f12fb87ec0dcedc54ec4ced33dd8")),
        "primary.cidx": .init(
            size: 46, hash: storedHash("6f3ba4bce68235e6b2e7b6ab1e0c7db7"),
            uncompressed: (12, storedHash("612f64bfa1563107cbfba0a1bde2772a"))),
        "serialization.json": .init(size: 392, hash: storedHash("ed05e1f08f8620601be6804bb1b76682")),
    ]

    @Test func serializesClickHouseChecksumsByteIdentically() throws {
        let expected = try fileBytes(fixturePart(Self.compactPart).appendingPathComponent("checksums.txt"))
        let serialized = try PartChecksums(files: Self.compactPartEntries).serialized()
        #expect(serialized == expected)
    }

    /// Parse (with a decoder written in the test) and serialize again: the 26 entries of a Wide part, ZSTD(3) body.
    @Test func wideChecksumsRoundTripByteIdentically() throws {
        let original = try fileBytes(fixturePart(Self.widePart).appendingPathComponent("checksums.txt"))
        let files = try decodeChecksumsFile(original)
        #expect(files.count == 26)
        #expect(
            files["count.txt"] == PartChecksums.Entry(size: 1, hash: storedHash("77b7950445b8f9bd2bab46cbff137bdb")))
        #expect(
            files["a.bin"]
                == PartChecksums.Entry(
                    size: 35, hash: storedHash("83bfa98649a6ebe24c67cfc4796e8fbc"),
                    uncompressed: (9, storedHash("46582e6252a65fcfc450937afc9fb3c2"))))
        #expect(try PartChecksums(files: files).serialized() == original)
    }

    @Test func bodyIsOneZSTDBlockAfterTheVersionLine() throws {
        let bytes = try PartChecksums(files: Self.compactPartEntries).serialized()
        let header = Array("checksums format version: 4\n".utf8)
        #expect(Array(bytes[0..<header.count]) == header)
        #expect(bytes[header.count + 16] == 0x90)
        #expect(try decodeChecksumsFile(bytes) == Self.compactPartEntries)
    }

    @Test func entryEqualityComparesUncompressedPart() {
        let a = PartChecksums.Entry(size: 1, hash: .zero, uncompressed: (2, .zero))
        #expect(a != PartChecksums.Entry(size: 1, hash: .zero))
        #expect(a != PartChecksums.Entry(size: 1, hash: .zero, uncompressed: (3, .zero)))
        #expect(a == PartChecksums.Entry(size: 1, hash: .zero, uncompressed: (2, .zero)))
    }

    /// The verifier's own parser reads the same sizes and hashes.
    @Test func verifierParsesClickHouseChecksums() throws {
        let parsed = try PartChecksumVerifier.parse(
            try fileBytes(fixturePart(Self.compactPart).appendingPathComponent("checksums.txt")))
        #expect(Set(parsed.keys) == Set(Self.compactPartEntries.keys))
        for (name, entry) in Self.compactPartEntries {
            #expect(parsed[name]?.size == entry.size, "\(name)")
            #expect(parsed[name]?.hash == entry.hash, "\(name)")
        }
    }

    /// Every file of a ClickHouse part has the size and chained hash its checksums.txt lists.
    @Test func clickHousePartPassesVerification() {
        #expect(PartChecksumVerifier.problem(in: fixturePart(Self.compactPart)) == nil)
    }
}

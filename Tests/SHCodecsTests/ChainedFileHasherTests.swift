import SHCodecs
import Testing

/// ClickHouse's file hash: CityHash128WithSeed chained over 2048-byte blocks, starting from (0, 0).
@Suite struct ChainedFileHasherTests {
    /// From `C.hashing_buffer(pattern(n))` of `/work/shared/tools/formats/city102.py` (see CityHash128Tests).
    static let knownAnswers: [(length: Int, low64: UInt64, high64: UInt64)] = [
        (0, 0, 0),
        (1, 0xe590_c00d_0a4c_824a, 0x0c81_96af_c643_9632),
        (2047, 0x4572_7ac4_7c1b_cf80, 0x4dd6_e6c5_8181_2b92),
        (2048, 0x3d7b_6cc3_6934_7e53, 0xc5d8_8296_6e6e_f0dc),
        (2049, 0x85f6_6ee6_ae7b_2e23, 0x6c09_f05d_af61_6a58),
        (5000, 0xe89c_6f7b_08e9_2972, 0x524c_b2d7_6537_9f8a),
    ]

    @Test(arguments: knownAnswers.indices)
    func wholeBufferHashMatchesReferenceOracle(_ index: Int) {
        let answer = Self.knownAnswers[index]
        #expect(
            ChainedFileHasher.hash(pattern(answer.length)) == UInt128Hash(low64: answer.low64, high64: answer.high64),
            "length \(answer.length)")
    }

    @Test func hashDoesNotDependOnHowBytesAreFed() {
        let data = pattern(5000)
        let expected = UInt128Hash(low64: 0xe89c_6f7b_08e9_2972, high64: 0x524c_b2d7_6537_9f8a)
        for pieceSize in [1, 7, 2047, 2048, 2049, 3000] {
            var hasher = ChainedFileHasher()
            var offset = 0
            while offset < data.count {
                let end = min(offset + pieceSize, data.count)
                hasher.update(data[offset..<end])
                offset = end
            }
            #expect(hasher.byteCount == 5000)
            #expect(hasher.finalize() == expected, "pieces of \(pieceSize)")
        }
    }

    @Test func finalizeCanBeCalledMidStream() {
        var hasher = ChainedFileHasher()
        hasher.update(pattern(2049)[0..<1])
        #expect(hasher.finalize() == UInt128Hash(low64: 0xe590_c00d_0a4c_824a, high64: 0x0c81_96af_c643_9632))
        hasher.update(pattern(2049)[1...])
        #expect(hasher.finalize() == UInt128Hash(low64: 0x85f6_6ee6_ae7b_2e23, high64: 0x6c09_f05d_af61_6a58))
    }

    /// The `.backup` manifest of `types_database` (written by ClickHouse 26.9) gives size 12074 and checksum
    /// `0faeac5e26f479415d68fe90cc441f4e` for `data/types/wide/all_2_2_0/f32.bin` (five full 2048-byte blocks and a partial one).
    @Test func hashOfMultiBlockFileMatchesClickHouseManifest() throws {
        let bytes = try fixtureBytes("types_database/data/types/wide/all_2_2_0/f32.bin")
        #expect(bytes.count == 12074)
        #expect(ChainedFileHasher.hash(bytes).manifestHex == "0faeac5e26f479415d68fe90cc441f4e")
    }

    /// ClickHouse lists `count.txt` of `formats/wide_simple` with checksum `db7b13ffcb46ab2bbdf9b8450495b777` in the
    /// `.backup` manifest, and with hash bytes `77b7950445b8f9bd2bab46cbff137bdb` in the part's checksums.txt
    /// (decoded with `chfmt.parse_checksums_txt` of `/work/shared/tools/formats`).
    @Test func hashOfSmallFileMatchesClickHouseManifestAndChecksums() throws {
        let hash = ChainedFileHasher.hash(try fixtureBytes("formats/wide_simple/data/db/sw/all_1_1_0/count.txt"))
        #expect(hash.manifestHex == "db7b13ffcb46ab2bbdf9b8450495b777")
        #expect(hash.storedBytes == hexBytes("77b7950445b8f9bd2bab46cbff137bdb"))
    }
}

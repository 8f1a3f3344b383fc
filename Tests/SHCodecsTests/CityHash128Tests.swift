import SHCodecs
import Testing

/// Known answers of CityHash v1.0.2 (ClickHouse's `contrib/cityhash102`), from the Python reference oracle:
///
///     python -c "import sys; sys.path.insert(0, '/work/shared/tools/formats'); import city102 as C
///     pattern = lambda n: bytes(((i * 37 + 11) & 0xff) for i in range(n))
///     for n in [0, 1, 3, 4, 8, 9, 15, 16, 17, 63, 64, 65, 128, 144, 200, 1000]:
///         lo, hi = C.city128(pattern(n)); print(n, hex(lo), hex(hi))"
///
/// The sizes cover every branch: 0, 1–3, 4–8, 9–16 bytes (hashLen0to16), 16+ (seeded), < 128 after the first
/// 16 bytes (CityMurmur), and ≥ 128 after them (the long loop with a 32-byte tail loop).
@Suite struct CityHash128Tests {
    static let knownAnswers: [(length: Int, low64: UInt64, high64: UInt64)] = [
        (0, 0x3df0_9dfc_64c0_9a2b, 0x3cb5_40c3_92e5_1e29),
        (1, 0x68c4_d90d_f5a5_eb8f, 0xbe4e_d390_c455_dce6),
        (3, 0x35ea_23f0_248d_e5a3, 0xbd01_349b_f8d1_7b38),
        (4, 0xb4ee_d170_9503_30f7, 0x4f84_a44a_9e8d_5b89),
        (8, 0xc2e4_f458_b3b7_a090, 0x9f28_b016_667a_bb69),
        (9, 0x9ed2_50ac_70ca_0390, 0xa73e_ac5e_3a68_a659),
        (15, 0xd4d6_751e_5483_a5e4, 0xf856_4cb3_9abc_8640),
        (16, 0xa080_a19e_5156_64d2, 0xab23_0625_b26f_b61d),
        (17, 0x92b0_1273_0a3b_6b89, 0x69ad_e138_4ca7_51ed),
        (63, 0xbb08_f0f7_100c_c70d, 0xffac_689f_19d1_8c89),
        (64, 0x5eea_f493_f0d0_3528, 0x73c0_1bf8_c202_848d),
        (65, 0xff7d_dee0_de1e_9080, 0x4b42_7b74_5b00_1f09),
        (128, 0xbf72_745b_132d_e5c5, 0xb48a_4e3a_9ff0_fade),
        (144, 0x15c0_fe45_b85c_b416, 0x7cea_f3c6_5dad_d43b),
        (200, 0x3c08_a11b_c119_80b0, 0xce7e_b53b_19a4_e595),
        (1000, 0x244a_fcaf_612a_4119, 0xc46c_ef98_8b90_2294),
    ]

    @Test(arguments: knownAnswers.indices)
    func hashMatchesReferenceOracle(_ index: Int) {
        let answer = Self.knownAnswers[index]
        let hash = CityHash128.hash(pattern(answer.length))
        #expect(hash == UInt128Hash(low64: answer.low64, high64: answer.high64), "length \(answer.length)")
    }

    /// `CityHash128WithSeed` with seed (low64 0x0123456789abcdef, high64 0xfedcba9876543210), from
    /// `C.city128_seed(pattern(n), (0x0123456789abcdef, 0xfedcba9876543210))`.
    @Test func seededHashMatchesReferenceOracle() {
        let seed = UInt128Hash(low64: 0x0123_4567_89ab_cdef, high64: 0xfedc_ba98_7654_3210)
        let answers: [(Int, UInt64, UInt64)] = [
            (0, 0xc5ee_24e9_a7f8_e832, 0x896d_1395_ac69_8dec),
            (5, 0xa9af_5704_abff_e8d5, 0x8f40_451a_a4a6_37f0),
            (100, 0x0f9a_7b84_4353_f7df, 0x9187_19cd_0e93_6a85),
            (128, 0xd5ef_2455_c0ac_4b6c, 0x56af_d401_406e_f1bd),
            (300, 0x0c54_efd2_e7a7_02cf, 0xbdb9_d605_a0d4_9d61),
        ]
        for (length, low, high) in answers {
            #expect(
                CityHash128.withSeed(pattern(length), seed: seed) == UInt128Hash(low64: low, high64: high),
                "length \(length)")
        }
    }

    /// The stored form is low64 LE ‖ high64 LE; the manifest form prints high64 then low64 (oracle:
    /// `C.to_bytes(C.city128(pattern(17))).hex()` and `C.to_manifest_hex(C.city128(pattern(17)))`).
    @Test func storedAndManifestFormsOfAHash() {
        let hash = CityHash128.hash(pattern(17))
        #expect(hash.storedBytes == hexBytes("896b3b0a7312b092ed51a74c38e1ad69"))
        #expect(hash.manifestHex == "69ade1384ca751ed92b012730a3b6b89")
        #expect(UInt128Hash(storedBytes: hexBytes("896b3b0a7312b092ed51a74c38e1ad69")) == hash)
        #expect(UInt128Hash(manifestHex: "69ADE1384CA751ED92B012730A3B6B89") == hash)
        #expect(UInt128Hash(storedBytes: [UInt8](repeating: 0, count: 15)) == nil)
        #expect(UInt128Hash(manifestHex: "69ade1384ca751ed92b012730a3b6b8") == nil)
        #expect(UInt128Hash(manifestHex: "69ade1384ca751ed92b012730a3b6b8g") == nil)
    }

    /// A ClickHouse-written compressed block stores CityHash128 of its header and payload in its first 16 bytes
    /// (`wide_simple/…/k.bin`: three Int32 values, one LZ4 block).
    @Test func hashMatchesChecksumOfClickHouseBlock() throws {
        let block = try fixtureBytes("formats/wide_simple/data/db/sw/all_1_1_0/k.bin")
        #expect(CityHash128.hash(Array(block[16...])).storedBytes == Array(block[0..<16]))
    }
}

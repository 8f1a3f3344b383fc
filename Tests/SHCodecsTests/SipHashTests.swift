import SHCodecs
import Testing

/// ClickHouse's SipHash and CityHash64 against chdb: `hex(sipHash128(s))`, `sipHash64(s)`, `cityHash64(s)`.
@Suite struct SipHashTests {
    func sip128(_ text: String) -> String {
        var hash = SipHash()
        hash.update(Array(text.utf8))
        let digits = Array("0123456789ABCDEF")
        return String(hash.digest128Bytes().flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    func sip64(_ bytes: [UInt8]) -> UInt64 {
        var hash = SipHash()
        hash.update(bytes)
        return hash.digest64()
    }

    @Test func sipHash128MatchesClickHouse() {
        #expect(sip128("") == "32B5C1DB56A683E9E5B5B6A8CBED11F7")
        #expect(sip128("a") == "71315E763CCB60893893CDBB5CC3A21F")
        #expect(sip128(String(repeating: "x", count: 100)) == "95FF39A5349435E413E19C1C74611916")
    }

    @Test func sipHash64MatchesClickHouse() {
        #expect(sip64([]) == 2_202_906_307_356_721_367)
        #expect(sip64(Array("a".utf8)) == 10_863_254_463_029_944_905)
        #expect(sip64(Array("abcdefgh".utf8)) == 16_599_038_366_039_810_451)
        #expect(sip64(Array(String(repeating: "x", count: 17).utf8)) == 2_811_933_386_428_899_889)
    }

    @Test func cityHash64MatchesClickHouse() {
        #expect(CityHash64.hash(Array("".utf8)) == 11_160_318_154_034_397_263)
        #expect(CityHash64.hash(Array("a".utf8)) == 2_603_192_927_274_642_682)
        #expect(CityHash64.hash(Array("ClickHouse".utf8)) == 12_904_064_065_176_299_341)
        #expect(CityHash64.hash(Array(String(repeating: "q", count: 64).utf8)) == 1_686_821_602_842_854_931)
        #expect(CityHash64.hash(Array(String(repeating: "k", count: 1000).utf8)) == 2_255_863_307_988_051_528)
    }
}

import SHCodecs
import SHCore
import Testing

/// ClickHouse's VarUInt (unsigned LEB128). Expected encodings from `chfmt.write_varuint` of
/// `/work/shared/tools/formats/chfmt.py`, e.g. in that directory
/// `python -c "import chfmt; print(chfmt.write_varuint(16384).hex())"` → `808001`.
@Suite struct VarUIntTests {
    static let cases: [(value: UInt64, encoding: [UInt8])] = [
        (0, [0x00]),
        (1, [0x01]),
        (127, [0x7f]),
        (128, [0x80, 0x01]),
        (300, [0xac, 0x02]),
        (16383, [0xff, 0x7f]),
        (16384, [0x80, 0x80, 0x01]),
        (UInt64(UInt32.max), [0xff, 0xff, 0xff, 0xff, 0x0f]),
        (UInt64.max, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
    ]

    @Test(arguments: cases.indices)
    func encodesEdgeValues(_ index: Int) {
        let (value, encoding) = Self.cases[index]
        #expect(VarUInt.encode(value) == encoding, "value \(value)")
        #expect(VarUInt.size(of: value) == encoding.count, "value \(value)")
    }

    @Test(arguments: cases.indices)
    func decodesEdgeValues(_ index: Int) throws {
        let (value, encoding) = Self.cases[index]
        var offset = 0
        let decoded = try (encoding + [0xAA]).withUnsafeBytes { try VarUInt.read($0, at: &offset) }
        #expect(decoded == value)
        #expect(offset == encoding.count)
    }

    @Test func decodesConsecutiveValuesWithByteReader() throws {
        var bytes: [UInt8] = []
        for (value, _) in Self.cases { VarUInt.write(value, to: &bytes) }
        var reader = ByteReader(bytes)
        for (value, _) in Self.cases { #expect(try reader.readVarUInt() == value) }
        #expect(reader.isAtEnd)
    }

    @Test func truncatedVarUIntIsRejected() {
        for bytes: [UInt8] in [[], [0x80], [0xff, 0xff]] {
            var offset = 0
            let error = databaseError { _ = try bytes.withUnsafeBytes { try VarUInt.read($0, at: &offset) } }
            #expect(error?.code == .cannotReadAllData)
        }
    }

    /// `writeStringBinary`: VarUInt length then bytes. ClickHouse's RowBinary of `repeat('a', 128)` starts with
    /// `80 01` (`chdb.query("SELECT repeat('a', 128)", 'RowBinary')`).
    @Test func stringBinaryUsesVarUIntLength() throws {
        var out: [UInt8] = []
        out.appendStringBinary([UInt8](repeating: 0x61, count: 128))
        #expect(Array(out[0..<2]) == [0x80, 0x01])
        #expect(out.count == 130)
        var reader = ByteReader(out)
        #expect(Array(try reader.readStringBinary()) == [UInt8](repeating: 0x61, count: 128))
        var short = ByteReader([0x05, 0x61, 0x62])
        #expect((try? short.readStringBinary()) == nil)
    }
}

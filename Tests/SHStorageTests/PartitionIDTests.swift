import SHCore
import SHStorage
import Testing

/// Partition ids as ClickHouse 26.9 computes them, from chdb: one row inserted per partition, then
/// `SELECT table, partition, partition_id FROM system.parts`. Tables:
/// `m (d Date, k Int32) PARTITION BY toYYYYMM(d)`, `i (k Int64) PARTITION BY k`, `u (k UInt64) PARTITION BY k`,
/// `d (d Date) PARTITION BY d`, `dt (t DateTime('UTC')) PARTITION BY t`, `tup (d Date, k Int8)
/// PARTITION BY (toYYYYMM(d), k)`, `b (k Bool) PARTITION BY k`, `n (k Int32) ORDER BY k` (no partition key).
@Suite struct PartitionIDTests {
    @Test func noPartitionKeyIsAll() throws {
        #expect(try PartitionID.compute(values: [], types: []) == "all")
    }

    /// `toYYYYMM(d)` is a UInt32: 2024-01-15 → `202401`, 1999-12-31 → `199912`.
    @Test func toYYYYMMValues() throws {
        #expect(try PartitionID.compute(values: [.uint(202_401)], types: [.uint32]) == "202401")
        #expect(try PartitionID.compute(values: [.uint(199_912)], types: [.uint32]) == "199912")
    }

    @Test func integerValues() throws {
        #expect(try PartitionID.compute(values: [.int(-5)], types: [.int64]) == "-5")
        #expect(try PartitionID.compute(values: [.int(42)], types: [.int64]) == "42")
        #expect(try PartitionID.compute(values: [.int(0)], types: [.int64]) == "0")
        #expect(try PartitionID.compute(values: [.uint(UInt64.max)], types: [.uint64]) == "18446744073709551615")
        #expect(try PartitionID.compute(values: [.uint(1)], types: [.bool]) == "1")
    }

    /// `PARTITION BY d` with d = 2024-02-29 (day 19782) → `20240229`.
    @Test func dateIsWrittenAsYYYYMMDD() throws {
        #expect(try PartitionID.compute(values: [.uint(19782)], types: [.date]) == "20240229")
    }

    /// `PARTITION BY (toYYYYMM(d), k)` with ('2023-11-05', -3) → partition `(202311,-3)`, id `202311--3`.
    @Test func tupleValuesAreJoinedWithDashes() throws {
        #expect(try PartitionID.compute(values: [.uint(202_311), .int(-3)], types: [.uint32, .int8]) == "202311--3")
    }

    /// `PARTITION BY t` with t = '2024-03-01 04:05:06' UTC → partition_id `1709265906` (the number of seconds;
    /// only Date is written as YYYYMMDD).
    @Test func dateTimeIsWrittenAsSeconds() throws {
        #expect(try PartitionID.compute(values: [.uint(1_709_265_906)], types: [.dateTime]) == "1709265906")
    }

    /// Non-integer keys: the SipHash128 of their `Field`s, ids from chdb (`CREATE TABLE t (p T, k UInt8) …
    /// PARTITION BY p`, one row, `SELECT partition_id FROM system.parts`).
    @Test func nonIntegerKeysAreHashed() throws {
        #expect(try PartitionID.compute(values: [.string("a")], types: [.string]) == "51fbadfb0deeea70ceafbd3c7c8aef25")
        #expect(try PartitionID.compute(values: [.string("")], types: [.string]) == "f64abffc6c96f8ef72c783f1b9426e19")
        #expect(
            try PartitionID.compute(
                values: [.tuple([.uint(2020), .string("eu")])], types: [.tuple([.uint16, .string], names: [])])
                == "68a9b5938bdf451e81df130a7edfb7c9")
        // '2020-01-02 03:04:05.678' as DateTime64(3) ticks.
        #expect(
            try PartitionID.compute(values: [.int(1_577_934_245_678)], types: [.dateTime64(3, timeZone: nil)])
                == "c2fa6c1b17bde5ab4d0de6130ed867d9")
        #expect(
            try PartitionID.compute(values: [.int(125)], types: [.decimal(precision: 9, scale: 2)])
                == "ef4f1cf591db9967dbc042e1e11dfc6e")
        #expect(
            try PartitionID.compute(values: [.int(125)], types: [.decimal(precision: 18, scale: 2)])
                == "0fbb95ee8cfeb1af653c4d42edad9bcc")
        #expect(
            try PartitionID.compute(values: [.int128(125)], types: [.decimal(precision: 38, scale: 2)])
                == "525e43e58176da94c7fd56c1e9c50290")
        #expect(
            try PartitionID.compute(
                values: [.uuid(high: 0x61f0_c404_5cb3_11e7, low: 0x907b_a600_6ad3_dba0)], types: [.uuid])
                == "48406fdb38e23228b776558b4edfa795")
        #expect(
            try PartitionID.compute(values: [.null], types: [.nullable(.int32)]) == "2b16b490a87466b6a6d34fd9027f3c3d")
        // (Bool, String): the Bool is a UInt64 field inside the hash.
        #expect(
            try PartitionID.compute(values: [.uint(1), .string("a")], types: [.bool, .string])
                == "1c1d8f2b40452ed1c256b6f7475fe56b")
        // (IPv4, String): an IPv4 field (4 bytes) inside the hash, though alone it is the number.
        #expect(
            try PartitionID.compute(values: [.uint(0x0102_0304), .string("a")], types: [.ipv4, .string])
                == "c4884158c73fdb5be35eb55dc28b7408")
        #expect(try PartitionID.compute(values: [.uint(0x0102_0304)], types: [.ipv4]) == "16909060")
    }

    @Test func keysWithoutAKnownHashAreNotImplemented() {
        let error = #expect(throws: DatabaseError.self) {
            try PartitionID.compute(values: [.string(Array(repeating: 0, count: 16))], types: [.ipv6])
        }
        #expect(error?.code == .notImplemented)
    }
}

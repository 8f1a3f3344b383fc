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

    @Test func nonIntegerKeysAreNotImplemented() {
        let error = #expect(throws: DatabaseError.self) {
            try PartitionID.compute(values: [.string("x")], types: [.string])
        }
        #expect(error?.code == .notImplemented)
    }
}

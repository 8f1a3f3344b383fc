import SHCore
import SHStorage
import Testing

/// Part names as ClickHouse 26.9 makes them (chdb: a table `PARTITION BY toYYYYMM(d)`, three inserts,
/// `OPTIMIZE TABLE t FINAL`, `ALTER TABLE t UPDATE v = v + 1 WHERE 1`, then `SELECT name, partition_id,
/// min_block_number, max_block_number, level, data_version FROM system.parts`).
@Suite struct PartNameTests {
    static let clickHouseParts:
        [(name: String, partition: String, min: Int64, max: Int64, level: Int, mutation: Int64?)] = [
            ("all_1_1_0", "all", 1, 1, 0, nil),
            ("202401_1_1_0", "202401", 1, 1, 0, nil),
            ("202401_1_3_1", "202401", 1, 3, 1, nil),
            ("202401_1_3_1_4", "202401", 1, 3, 1, 4),
            ("202402_2_2_1_4", "202402", 2, 2, 1, 4),
            ("202401_3_7_2", "202401", 3, 7, 2, nil),
            ("-5_1_1_0", "-5", 1, 1, 0, nil),
            ("202311--3_1_1_0", "202311--3", 1, 1, 0, nil),
        ]

    @Test(arguments: clickHouseParts.indices)
    func parsesAndPrintsClickHouseNames(_ index: Int) throws {
        let expected = Self.clickHouseParts[index]
        let name = try PartName(parsing: expected.name)
        #expect(name.partitionID == expected.partition)
        #expect(name.minBlock == expected.min)
        #expect(name.maxBlock == expected.max)
        #expect(name.level == expected.level)
        #expect(name.mutation == expected.mutation)
        #expect(name.description == expected.name)
    }

    @Test func buildsNamesFromFields() {
        #expect(PartName(partitionID: "all", minBlock: 1, maxBlock: 1, level: 0).description == "all_1_1_0")
        #expect(
            PartName(partitionID: "202401", minBlock: 3, maxBlock: 7, level: 2, mutation: 9).description
                == "202401_3_7_2_9")
    }

    @Test func rejectsMalformedNames() {
        for text in [
            "", "all", "all_1_1", "_1_1_0", "all_a_1_0", "all_2_1_0", "all_1_1_-1", "all_1_1_0_x", "all_1_1_0_-1",
            "all_1_1_0_1_2", "all__1_0", "..%2F..%2Fall_1_1_0", "../all_1_1_0", "a/b_1_1_0", "all.x_1_1_0",
        ] {
            let error = #expect(throws: DatabaseError.self, "\(text)") { try PartName(parsing: text) }
            #expect(error?.code == .badDataPartName, "\(text)")
        }
    }
}

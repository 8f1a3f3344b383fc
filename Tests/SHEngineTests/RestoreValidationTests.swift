import Foundation
import SHCodecs
import SHCore
import SHEngine
import SHStorage
import Testing

/// RESTORE validates every part it attaches (checksums, columns.txt, count.txt, marks, every row decoded),
/// and SELECT on a hostile part is an error, never a trap. The hostile parts keep valid checksums, as a
/// writer that knows the format would make them (ClickHouse accepts such parts at ATTACH).
@Suite struct RestoreValidationTests {
    /// A table `db.t` with one Wide part of 3 rows; returns the part's directory.
    func makeTable(_ engine: TestEngine) async throws -> URL {
        try await engine.run("CREATE DATABASE db")
        try await engine.run(
            "CREATE TABLE db.t (id UInt64, s String, a Array(Int32)) ENGINE = MergeTree ORDER BY id SETTINGS min_bytes_for_wide_part = 0"
        )
        try await engine.run("INSERT INTO db.t VALUES (1, 'a', [1, 2]), (2, 'bb', []), (3, 'ccc', [3])")
        return engine.directory.appendingPathComponent("data/db/t/all_1_1_0")
    }

    /// Rewrites a compressed file as one block holding `transform` of its decompressed bytes.
    func rewriteCompressed(_ file: URL, _ transform: (inout [UInt8]) -> Void) throws {
        var data = try CompressedBlock.decodeAll([UInt8](try Data(contentsOf: file)), fileName: file.lastPathComponent)
        transform(&data)
        var out: [UInt8] = []
        try data.withUnsafeBytes { try CompressedBlock.append($0, codec: .lz4, to: &out) }
        try Data(out).write(to: file)
    }

    /// Recomputes checksums.txt from the files present (size and hash of each).
    func resealChecksums(_ part: URL) throws {
        var checksums = PartChecksums()
        for name in try FileManager.default.contentsOfDirectory(atPath: part.path)
        where !PartChecksums.unlisted.contains(name) && !name.hasPrefix(".") {
            let bytes = [UInt8](try Data(contentsOf: part.appendingPathComponent(name)))
            checksums.files[name] = PartChecksums.Entry(size: bytes.count, hash: ChainedFileHasher.hash(bytes))
        }
        try Data(try checksums.serialized()).write(to: part.appendingPathComponent("checksums.txt"))
    }

    /// db.t with a second part `all_2_2_0` whose count.txt is not a number, under valid checksums.
    func makeTableWithBrokenSecondPart(_ engine: TestEngine) async throws {
        _ = try await makeTable(engine)
        try await engine.run("INSERT INTO db.t VALUES (4, 'dddd', [4])")
        let broken = engine.directory.appendingPathComponent("data/db/t/all_2_2_0")
        try Data("5abc".utf8).write(to: broken.appendingPathComponent("count.txt"))
        try resealChecksums(broken)
    }

    /// BACKUP of db.t, then the error of restoring it as db.r (which must not be left behind).
    func restoreFailure(_ engine: TestEngine, backup: String) async throws -> DatabaseError? {
        try await engine.run("BACKUP TABLE db.t TO File('\(backup)')")
        let error = await engine.failure("RESTORE TABLE db.t AS db.r FROM File('\(backup)')")
        #expect(try await engine.run("EXISTS TABLE db.r") == "0\n")
        return error
    }

    /// `restore_broken_parts_as_detached = 1`: the broken part goes to `detached/broken-from-backup_<name>` and the
    /// others are restored (ClickHouse's behaviour and names); without it the RESTORE fails and leaves nothing.
    @Test func brokenPartsCanBeRestoredAsDetached() async throws {
        let engine = try TestEngine()
        try await makeTableWithBrokenSecondPart(engine)
        let error = try await restoreFailure(engine, backup: "broken")
        #expect(error?.message.contains("all_2_2_0") == true, "\(String(describing: error))")
        let restored = try await engine.run(
            "RESTORE TABLE db.t AS db.r FROM File('broken') SETTINGS restore_broken_parts_as_detached = 1")
        #expect(restored.hasSuffix("\tRESTORED\n"))
        #expect(try await engine.run("SELECT id FROM db.r ORDER BY id") == "1\n2\n3\n")
        let detached = try FileManager.default.contentsOfDirectory(
            atPath: engine.directory.appendingPathComponent("data/db/r/detached").path)
        #expect(detached == ["broken-from-backup_all_2_2_0"])
        #expect(try await engine.run("CHECK TABLE db.r") == "all_1_1_0\t1\t\n")
    }

    /// A RESTORE into an existing table that fails on a broken part removes the temporary directories of the parts it
    /// downloaded (the table is not dropped, so nothing else would remove them before the next start).
    @Test func failedRestoreIntoExistingTableLeavesNoTemporaryParts() async throws {
        let engine = try TestEngine()
        try await makeTableWithBrokenSecondPart(engine)
        try await engine.run("BACKUP TABLE db.t TO File('leftovers')")
        try await engine.run(
            "CREATE TABLE db.r (id UInt64, s String, a Array(Int32)) ENGINE = MergeTree ORDER BY id SETTINGS min_bytes_for_wide_part = 0"
        )
        let error = await engine.failure("RESTORE TABLE db.t AS db.r FROM File('leftovers')")
        #expect(error?.message.contains("all_2_2_0") == true, "\(String(describing: error))")
        let entries = try FileManager.default.contentsOfDirectory(
            atPath: engine.directory.appendingPathComponent("data/db/r").path)
        #expect(!entries.contains { $0.hasPrefix("tmp_") }, "\(entries)")
        #expect(try await engine.run("SELECT count() FROM db.r") == "0\n")
    }

    @Test func hugeArraySizesFailSelectAndRestore() async throws {
        let engine = try TestEngine()
        let part = try await makeTable(engine)
        // Before: SELECT trapped (arithmetic overflow) and RESTORE said RESTORED.
        try rewriteCompressed(part.appendingPathComponent("a.size0.bin")) { data in
            data.replaceSubrange(0..<8, with: [0, 0, 0, 0, 0, 0, 0, 0x40])
        }
        try resealChecksums(part)
        let select = await engine.failure("SELECT * FROM db.t")
        #expect(select?.code == .tooLargeArraySize, "\(String(describing: select))")
        let error = try await restoreFailure(engine, backup: "b1")
        #expect(error?.code == .tooLargeArraySize, "\(String(describing: error))")
        #expect(
            error?.description.contains("Array sizes are too large: 4611686018427387904. File: a.size0.bin") == true)
        #expect(
            error?.description.contains("While restoring part all_1_1_0 of table db.r") == true,
            "\(String(describing: error))")
    }

    @Test func truncatedDataFileFailsRestoreWithBadSize() async throws {
        let engine = try TestEngine()
        let part = try await makeTable(engine)
        let file = part.appendingPathComponent("id.bin")
        let bytes = [UInt8](try Data(contentsOf: file))
        try Data(bytes.prefix(bytes.count - 3)).write(to: file)
        let error = try await restoreFailure(engine, backup: "b2")
        #expect(error?.code == .badSizeOfFileInDataPart, "\(String(describing: error))")
        #expect(
            error?.description.hasPrefix(
                "Code: 228. DB::Exception: File id.bin has unexpected size: \(bytes.count - 3) instead of \(bytes.count) in data part"
            ) == true, "\(String(describing: error))")
    }

    @Test func garbageCountTxtFailsRestore() async throws {
        let engine = try TestEngine()
        let part = try await makeTable(engine)
        try Data("-1abc".utf8).write(to: part.appendingPathComponent("count.txt"))
        try resealChecksums(part)
        let error = try await restoreFailure(engine, backup: "b3")
        #expect(error?.code == .cannotParseNumber, "\(String(describing: error))")
        #expect(error?.message.contains("Unsigned type must not contain '-' symbol") == true)
    }

    /// columns.txt says UInt64 where the data (and the table) are String: decoding the part as columns.txt
    /// describes it cannot consume the String stream exactly.
    @Test func columnsTxtNamingAnotherTypeThanTheDataFailsRestore() async throws {
        let engine = try TestEngine()
        let part = try await makeTable(engine)
        let url = part.appendingPathComponent("columns.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "`s` String", with: "`s` UInt64").utf8).write(to: url)
        let select = await engine.failure("SELECT * FROM db.t")
        #expect(select != nil)
        let error = try await restoreFailure(engine, backup: "b4")
        #expect(error?.code == .cannotReadAllData, "\(String(describing: error))")
        #expect(error?.message.contains("s.bin") == true, "\(String(describing: error))")
    }

    @Test func extraRowsInAStreamFailRestore() async throws {
        let engine = try TestEngine()
        let part = try await makeTable(engine)
        try rewriteCompressed(part.appendingPathComponent("id.bin")) { data in data += data }
        try resealChecksums(part)
        let error = try await restoreFailure(engine, backup: "b5")
        #expect(error?.code == .corruptedData, "\(String(describing: error))")
        #expect(error?.message.contains("File id.bin of data part") == true, "\(String(describing: error))")
    }

    /// ClickHouse 26.9 (chdb) attaching a part of partition 0 named as partition 1: `Code: 246. … calculated
    /// partition ID: 0 differs from partition ID in part name: 1`.
    @Test func partitionIDThatDiffersFromThePartNameFailsRestore() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run("CREATE TABLE db.t (k UInt8, v UInt8) ENGINE = MergeTree PARTITION BY k ORDER BY v")
        try await engine.run("INSERT INTO db.t VALUES (1, 10)")
        let part = engine.directory.appendingPathComponent("data/db/t/1_1_1_0")
        try Data([0]).write(to: part.appendingPathComponent("partition.dat"))
        try resealChecksums(part)
        let error = try await restoreFailure(engine, backup: "b6")
        #expect(error?.code == .corruptedData, "\(String(describing: error))")
        #expect(
            error?.message.hasPrefix(
                "While loading part 1_1_1_0: calculated partition ID: 0 differs from partition ID in part name: 1")
                == true,
            "\(String(describing: error))")
    }

    @Test func validTableStillRestores() async throws {
        let engine = try TestEngine()
        _ = try await makeTable(engine)
        try await engine.run("BACKUP TABLE db.t TO File('ok')")
        let restore = try await engine.run("RESTORE TABLE db.t AS db.r FROM File('ok')")
        #expect(restore.hasSuffix("\tRESTORED\n"))
        #expect(try await engine.run("SELECT * FROM db.r ORDER BY id") == "1\ta\t[1,2]\n2\tbb\t[]\n3\tccc\t[3]\n")
    }
}

import Foundation
import SHFuzzTargets
import SHTestSupport
import Testing

/// Replays every saved fuzz input (the seeds and every crash the fuzzers found, `Tests/Fuzz/<target>/`) through its
/// target in this process: a regression traps the test run.
@Suite struct CorpusReplayTests {
    static let corpus = PythonEnvironment.repositoryRoot.appendingPathComponent("Tests/Fuzz")

    static func inputs(_ target: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(
            at: corpus.appendingPathComponent(target), includingPropertiesForKeys: nil
        ).sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test(arguments: ["sql", "manifest", "part", "block"])
    func replaysCorpus(_ target: String) throws {
        let files = try Self.inputs(target)
        #expect(files.count >= 10, "\(target): \(files.count) inputs")
        let run = try #require(FuzzTargets.all[target])
        for file in files { run([UInt8](try Data(contentsOf: file))) }
    }

    /// The part archive round-trips and refuses names that could leave the directory.
    @Test func partArchiveRefusesPaths() {
        let packed = PartArchive.pack([("count.txt", Array("3".utf8)), ("data.bin", [1, 2, 3])])
        #expect(PartArchive.unpack(packed)?.map(\.0) == ["count.txt", "data.bin"])
        #expect(PartArchive.unpack(PartArchive.pack([("../x", [1])])) == nil)
        #expect(PartArchive.unpack(PartArchive.pack([("a/b", [1])])) == nil)
        #expect(PartArchive.unpack([5, 0x61]) == nil)
    }
}

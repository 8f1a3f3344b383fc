import Foundation
import SHEngine
import SHTestSupport
import Testing

/// `data_file_name_generator = 'checksum'` (ClickHouse 26): data files stored under `<first digits>/<other digits>` of
/// their checksum. ClickHouse's restore in SwiftHouse; SwiftHouse's are laid out as ClickHouse lays them out (the
/// manifest's header, every stored file's `<data_file>`) and restore in ClickHouse.
@Suite struct ChecksumNamedBackupTests {
    static let create = "CREATE TABLE db.t (k UInt32, s String) ENGINE = MergeTree ORDER BY k"
    static let insert = "INSERT INTO db.t SELECT number, toString(number * 3) FROM numbers(500)"
    static let query = "SELECT count(), sum(k), sum(length(s)) FROM db.t"

    /// The object names under the backup's directory, without `.backup`.
    static func objects(in directory: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var names: [String] = []
        while let name = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(
                atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory),
                !isDirectory.boolValue, name != ".backup"
            {
                names.append(name)
            }
        }
        return names.sorted()
    }

    @Test(arguments: [3, 2]) func bothWays(_ prefix: Int) async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let settings = "SETTINGS data_file_name_generator = 'checksum', data_file_name_prefix_length = \(prefix)"
        let theirs = try place.clickHouse(
            [
                "CREATE DATABASE db", Self.create, Self.insert, "BACKUP TABLE db.t TO \(place.file("chb")) \(settings)",
                Self.query,
            ],
            in: "ch")
        let engine = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await engine.run("CREATE DATABASE db")
        let restored = try await engine.run("RESTORE TABLE db.t FROM \(place.file("chb"))")
        #expect(restored.hasSuffix("\tRESTORED\n"), "\(restored)")
        #expect(try await engine.run(Self.query) == theirs.last?.text)

        let other = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await other.run("CREATE DATABASE db")
        try await other.run(Self.create)
        try await other.run(Self.insert)
        try await other.run("BACKUP TABLE db.t TO \(place.file("shb")) \(settings)")
        let manifest = try String(contentsOf: place.root.appendingPathComponent("shb/.backup"), encoding: .utf8)
        #expect(manifest.contains("<data_file_name_generator>checksum</data_file_name_generator>"))
        // The layouts agree: in both, every stored file (metadata too) is at prefix/rest of its checksum.
        let ours = try Self.objects(in: place.root.appendingPathComponent("shb"))
        let clickHouses = try Self.objects(in: place.root.appendingPathComponent("chb"))
        #expect(!ours.isEmpty && !clickHouses.isEmpty)
        for name in ours + clickHouses {
            let parts = name.split(separator: "/")
            #expect(parts.count == 2 && parts[0].count == prefix && parts[0].count + parts[1].count == 32, "\(name)")
        }
        for name in ours { #expect(manifest.contains("<data_file>\(name)</data_file>"), "\(name)") }
        let restoredInClickHouse = try place.clickHouse(
            [
                "CREATE DATABASE db", "RESTORE TABLE db.t FROM \(place.file("shb"))",
                "CHECK TABLE db.t SETTINGS check_query_single_value_result = 1", Self.query,
            ], in: "ch2")
        #expect(restoredInClickHouse.count == 4 && restoredInClickHouse[2] == .output("1\n"))
        #expect(restoredInClickHouse.last?.text == theirs.last?.text)
    }
}

import Foundation
import SHBackup
import SHCore
import SHTestSupport
import Testing

/// Real ClickHouse 26.9 backups (shared/fixtures): manifests round-trip byte for byte, and every file reads
/// back with its size and checksum verified.
@Suite struct FixtureBackupTests {
    static let root = PythonEnvironment.clickHouseFixtures

    static func backupDirectories() -> [String] {
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix("/.backup") || path == ".backup" { found.append(String(path.dropLast(".backup".count))) }
        }
        return found.sorted()
    }

    func open(_ directory: String) async throws -> BackupReader {
        let storage = LocalDirectoryBackupStorage(
            root: Self.root.appendingPathComponent(directory), displayName: "File('\(directory)')")
        return try await BackupReader.open(storage: storage, name: storage.displayName) { _ in
            // Incremental fixtures name their base by the S3 URL they were written to: use the local copy.
            let base = LocalDirectoryBackupStorage(
                root: Self.root.appendingPathComponent("seed_base_backup"), displayName: "File('seed_base_backup')")
            return try await BackupReader.open(storage: base, name: base.displayName) { _ in
                throw DatabaseError(.backupNotFound, "no deeper base")
            }
        }
    }

    @Test func fixturesExist() {
        #expect(Self.backupDirectories().count >= 15, "shared fixtures not found at \(Self.root.path)")
    }

    @Test(arguments: backupDirectories())
    func manifestRoundTrips(_ directory: String) throws {
        let bytes = try [UInt8](
            Data(contentsOf: Self.root.appendingPathComponent(directory).appendingPathComponent(".backup")))
        let manifest = try BackupManifest(parsing: bytes, backupName: directory)
        #expect(manifest.serialized() == bytes)
    }

    @Test(arguments: backupDirectories())
    func everyFileVerifies(_ directory: String) async throws {
        let reader = try await open(directory)
        let problems = await reader.verifyAll()
        #expect(problems.isEmpty, "\(problems)")
        #expect(!reader.fileNames(under: "").isEmpty)
    }

    @Test func manifestErrorsMatchClickHouse() throws {
        let bad = Array("<config><version>3</version><timestamp>x</timestamp><uuid>u</uuid><contents/></config>".utf8)
        #expect(throws: DatabaseError.self) { try BackupManifest(parsing: bad, backupName: "File('b')") }
        do {
            _ = try BackupManifest(parsing: bad, backupName: "File('b')")
        } catch let error as DatabaseError {
            #expect(
                error.description
                    == "Code: 600. DB::Exception: Backup File('b'): Version 3 is not supported. (BACKUP_VERSION_NOT_SUPPORTED)"
            )
        }
        let noUUID = Array("<config><version>1</version><timestamp>x</timestamp><contents/></config>".utf8)
        #expect(throws: DatabaseError.self) { try BackupManifest(parsing: noUUID, backupName: "b") }
        let insecure = Array(
            "<config><version>1</version><timestamp>x</timestamp><uuid>u</uuid><contents><file><name>../etc/passwd</name><size>0</size></file></contents></config>"
                .utf8)
        do {
            _ = try BackupManifest(parsing: insecure, backupName: "b")
            Issue.record("accepted a .. path")
        } catch let error as DatabaseError {
            #expect(error.code == .insecurePath)
        }
        let entities = Array(
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">]><config><version>1</version></config>".utf8)
        #expect(throws: DatabaseError.self) { try BackupManifest(parsing: entities, backupName: "b") }
    }
}

import Foundation
import SHCore
import SHS3
import SHTestSupport
import Testing

@testable import SHBackup

/// Taking over a stale `.lock` clears the dead writer's unfinished writes too (issue #11): incomplete multipart
/// uploads on S3, temporary files on local storage.
@Suite struct StaleLockTakeoverTests {
    static func writer(_ storage: any BackupStorage) throws -> BackupWriter {
        try BackupWriter(
            storage: storage, uuid: UUID(), backupID: nil, timestamp: Date(), deduplicateFiles: false, base: nil,
            baseName: nil, staleLockSeconds: 60)
    }

    /// A lock whose heartbeat stopped long ago.
    static func plantStaleLock(in storage: any BackupStorage) async throws {
        #expect(try await storage.createExclusively(BackupLayout.lockPath, bytes: Array(UUID().uuidString.utf8)))
        try await storage.write(
            BackupLayout.heartbeatPath, bytes: Array("{\"uuid\":\"dead\",\"host\":\"h\",\"pid\":1,\"time\":1000}".utf8))
    }

    @Test func takeoverAbortsIncompleteMultipartUploads() async throws {
        let (moto, bucket, client) = try await makeMotoBucket("shbk-stale")
        let storage = try S3BackupStorage(
            url: "\(moto.endpoint)/\(bucket)/bk1", accessKeyID: MotoServer.testAccessKeyID,
            secretAccessKey: MotoServer.testSecretAccessKey, displayName: "S3('bk1')", environment: [:],
            storageClass: nil)
        try await Self.plantStaleLock(in: storage)
        // The dead writer's debris: a finished object and two uploads it never completed; and a neighbour's upload.
        try await client.putObject(key: "bk1/data/db/t/all_1_1_0/checksums.txt", body: [1, 2, 3])
        for key in ["bk1/data/db/t/all_1_1_0/data.bin", "bk1/data/db/t/all_2_2_0/data.bin"] {
            let id = try await client.createMultipartUpload(key: key)
            _ = try await client.uploadPart(
                key: key, uploadID: id, partNumber: 1, body: [UInt8](repeating: 7, count: 1000))
        }
        let neighbour = try await client.createMultipartUpload(key: "bk10/data/x.bin")
        #expect(try await client.listMultipartUploads(prefix: "bk1/").count == 2)

        let writer = try Self.writer(storage)
        try await writer.begin()
        #expect(try await client.listMultipartUploads(prefix: "bk1/").isEmpty)
        #expect(try await client.listObjects(prefix: "bk1/data/").isEmpty)
        // Other backups under the bucket are not touched.
        #expect(try await client.listMultipartUploads(prefix: "bk10/").map(\.uploadID) == [neighbour])
        await writer.abort()
        try await client.abortMultipartUpload(key: "bk10/data/x.bin", uploadID: neighbour)
    }

    @Test func takeoverRemovesLocalTemporaryFiles() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("shbk-stale-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let storage = LocalDirectoryBackupStorage(root: root, displayName: "File('stale')")
        try await Self.plantStaleLock(in: storage)
        let part = root.appendingPathComponent("data/db/t/all_1_1_0")
        try FileManager.default.createDirectory(at: part, withIntermediateDirectories: true)
        let temporary = part.appendingPathComponent(".tmp_\(UUID().uuidString)_data.bin")
        #expect(FileManager.default.createFile(atPath: temporary.path, contents: Data([1, 2, 3])))
        let topTemporary = root.appendingPathComponent(".tmp_\(UUID().uuidString)_.backup")
        #expect(FileManager.default.createFile(atPath: topTemporary.path, contents: Data([4])))

        let writer = try Self.writer(storage)
        try await writer.begin()
        #expect(!FileManager.default.fileExists(atPath: temporary.path))
        #expect(!FileManager.default.fileExists(atPath: topTemporary.path))
        await writer.abort()
    }
}

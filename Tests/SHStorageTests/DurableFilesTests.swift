import Foundation
import SHCore
import SHStorage
import Testing

/// Durable file steps report their failures (they were ignored or reported as Foundation errors).
@Suite struct DurableFilesTests {
    func makeDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sh-durable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// fsync of a path that cannot be opened throws ClickHouse's errno text instead of returning as if it had synced.
    @Test func fsyncOfAMissingPathThrows() throws {
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("missing")
        let error = #expect(throws: DatabaseError.self) { try DurableFiles.fsyncPath(missing) }
        #expect(error?.code == .fileDoesntExist)
        #expect(error?.file == missing.path)
        #expect(
            error?.description
                == "Code: 107. DB::Exception: Cannot open file \(missing.path), errno: 2, strerror: No such file or directory. (FILE_DOESNT_EXIST)"
        )
        #expect(throws: DatabaseError.self) { try DurableFiles.fsyncDirectory(missing) }
    }

    /// A failed rename is ATOMIC_RENAME_FAIL naming both paths, not a Foundation error.
    @Test func failedRenameIsAtomicRenameFail() throws {
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("missing")
        let destination = directory.appendingPathComponent("target")
        let error = #expect(throws: DatabaseError.self) { try DurableFiles.rename(source, to: destination) }
        #expect(
            error?.description
                == "Code: 521. DB::Exception: Cannot rename \(source.path) to \(destination.path), errno: 2, strerror: No such file or directory. (ATOMIC_RENAME_FAIL)"
        )
        #expect((error?.underlying as? POSIXError)?.code == .ENOENT)
    }

    /// The happy path still writes, syncs and publishes.
    @Test func writePublishesTheBytes() throws {
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("sub/file.txt")
        try DurableFiles.write(Array("hello".utf8), to: target)
        #expect(try Data(contentsOf: target) == Data("hello".utf8))
        try DurableFiles.fsyncDirectory(directory)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path) == ["file.txt"]
        )
    }
}

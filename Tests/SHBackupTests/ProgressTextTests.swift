import Foundation
import SHCore
import Testing

@testable import SHBackup

/// The progress line of `swifthouse` while a BACKUP or RESTORE runs (issue #12: both branches showed the same).
@Suite struct ProgressTextTests {
    @Test func backupCountsFilesWrittenOfTheGatheredOnes() {
        var info = BackupOperationInfo(id: "i", name: "File('b')", status: .creatingBackup, startTime: Date())
        info.stage = "writing backup"
        info.numFiles = 10
        info.totalSize = 2_500_000
        info.filesRead = 4
        #expect(info.progressText == "CREATING_BACKUP writing backup: 4/10 files written, 2.5 MB")
    }

    @Test func restoreCountsFilesAndBytesRead() {
        var info = BackupOperationInfo(id: "i", name: "File('b')", status: .restoring, startTime: Date())
        info.stage = "inserting data"
        info.filesRead = 7
        info.bytesRead = 1_200_000
        #expect(info.progressText == "RESTORING inserting data: 7 files read, 1.2 MB")
        info.numFiles = 9
        #expect(info.progressText == "RESTORING inserting data: 7/9 files read, 1.2 MB")
    }
}

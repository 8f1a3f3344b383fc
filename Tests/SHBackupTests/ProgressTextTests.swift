import Foundation
import SHCore
import Testing

@testable import SHBackup

/// The progress line of `swifthouse` while a BACKUP or RESTORE runs (issue #12: both branches showed the same;
/// issue #16: bytes done of the total, percent, rate, elapsed and remaining time, files).
@Suite struct ProgressTextTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test func backupShowsBytesUploadedOfTheGatheredOnes() {
        var info = BackupOperationInfo(id: "i", name: "File('b')", status: .creatingBackup, startTime: start)
        info.stage = "writing backup"
        info.numFiles = 10
        info.totalSize = 2_500_000
        info.filesRead = 4
        info.bytesWritten = 1_000_000
        // 1 MB in 4 s: 250 KB/s, 1.5 MB left: 6 s.
        #expect(
            info.progressText(at: start + 4)
                == "CREATING_BACKUP writing backup [████████░░░░░░░░░░░░]  40% 1.00 MB of 2.50 MB, 4/10 files, "
                + "250.00 KB/s, elapsed 0:04, left 0:06")
    }

    @Test func restoreCountsFilesAndBytesRead() {
        var info = BackupOperationInfo(id: "i", name: "File('b')", status: .restoring, startTime: start)
        info.stage = "inserting data"
        info.filesRead = 7
        info.bytesRead = 1_200_000
        #expect(
            info.progressText(at: start + 2)
                == "RESTORING inserting data: 1.20 MB, 7 files, 600.00 KB/s, elapsed 0:02")
        info.numFiles = 9
        info.totalSize = 2_400_000
        #expect(
            info.progressText(at: start + 62)
                == "RESTORING inserting data [██████████░░░░░░░░░░]  50% 1.20 MB of 2.40 MB, 7/9 files, "
                + "19.35 KB/s, elapsed 1:02, left 1:02")
    }

    @Test func meterFormatsAsATerminalShowsIt() {
        #expect(ProgressMeter.clock(3725) == "1:02:05")
        #expect(ProgressMeter.bytes(999) == "999 B" && ProgressMeter.bytes(1_234_567_890) == "1.23 GB")
        #expect(ProgressMeter.rows(52_430_000) == "52.43 million rows")
        #expect(ProgressMeter(done: 5, total: 0, elapsed: 1).bar.isEmpty)
        #expect(ProgressMeter(done: 50, total: 10, elapsed: 1).bar.hasSuffix("100%"))
        #expect(ProgressMeter(done: 0, total: 10, elapsed: 0).remaining == nil)
    }
}

import Foundation
import SwiftHouse

/// A one-line progress display on standard error while a BACKUP or RESTORE runs on a terminal.
enum ProgressLine {
    static func start(_ operations: BackupsWorker) -> Task<Void, Never> {
        Task {
            var shown = false
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(300))
                guard !Task.isCancelled, let info = operations.all().last(where: { !$0.status.isFinished }) else {
                    continue
                }
                let files = info.status == .restoring ? info.filesRead : info.filesRead
                let line =
                    "\r\(info.status) \(info.stage): \(files)/\(info.numFiles) files, \(megabytes(info.bytesRead == 0 ? info.totalSize : info.bytesRead)) "
                FileHandle.standardError.write(Data(line.utf8))
                shown = true
            }
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }

    private static func megabytes(_ bytes: UInt64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}

extension ParsedStatement {
    var isBackupOrRestore: Bool {
        switch statement {
        case .backup, .restore: true
        default: false
        }
    }
}

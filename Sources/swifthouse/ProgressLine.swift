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
                FileHandle.standardError.write(Data("\r\(info.progressText) ".utf8))
                shown = true
            }
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
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

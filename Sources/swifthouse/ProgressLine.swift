import Foundation
import SwiftHouse

/// A one-line progress display on standard error, redrawn every 300 ms while a statement runs on a terminal, and
/// cleared when it ends.
enum ProgressLine {
    /// The running BACKUP or RESTORE: bytes of the total with a bar, files, rate, elapsed and remaining time.
    static func start(_ operations: BackupsWorker) -> Task<Void, Never> {
        show { operations.all().last(where: { !$0.status.isFinished })?.progressText }
    }

    /// A query, as `clickhouse client` shows one: rows and bytes read, their rates, and a bar of the rows read of
    /// those to read. Nothing is shown for a query with nothing read yet.
    static func start(query progress: QueryProgress) -> Task<Void, Never> {
        show {
            let counters = progress.current
            guard counters.readRows > 0 else { return nil }
            let seconds = Double(counters.elapsedNanoseconds) / 1e9
            let rows = ProgressMeter(done: counters.readRows, total: counters.totalRowsToRead, elapsed: seconds)
            let bytes = ProgressMeter(done: counters.readBytes, total: 0, elapsed: seconds)
            let bar = rows.bar
            return "Progress: \(ProgressMeter.rows(Double(counters.readRows))), "
                + "\(ProgressMeter.bytes(Double(counters.readBytes))) "
                + "(\(ProgressMeter.rows(rows.rate))/s., \(ProgressMeter.bytes(bytes.rate))/s.)"
                + (bar.isEmpty ? "" : " " + bar) + ", " + rows.times
        }
    }

    private static func show(_ line: @escaping @Sendable () -> String?) -> Task<Void, Never> {
        Task {
            var shown = false
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(300))
                guard !Task.isCancelled, let text = line() else { continue }
                FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
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

import Foundation

extension BackupOperationInfo {
    /// A one-line progress summary: a BACKUP counts the files it has written of those it gathered (and the size
    /// of them all); a RESTORE counts the files it has read from the backup and their bytes (of the backup's file
    /// count when that is known).
    public var progressText: String {
        if status == .restoring {
            let of = numFiles > 0 ? "/\(numFiles)" : ""
            return "\(status) \(stage): \(filesRead)\(of) files read, \(Self.megabytes(bytesRead))"
        }
        return "\(status) \(stage): \(filesRead)/\(numFiles) files written, \(Self.megabytes(totalSize))"
    }

    private static func megabytes(_ bytes: UInt64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}

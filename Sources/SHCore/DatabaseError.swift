import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An error as ClickHouse reports it: `Code: 60. DB::Exception: Table default.t does not exist. (UNKNOWN_TABLE)`.
///
/// Messages never contain secrets: callers redact credentials before building one. An error made from another
/// one (a Foundation or POSIX error, see ``wrap(_:)``) keeps it as ``underlying``; the text users see is always
/// ClickHouse's, never Foundation's.
public struct DatabaseError: Error, Sendable, CustomStringConvertible, Equatable {
    /// ClickHouse's error code.
    public let code: ErrorCode
    /// The text after `DB::Exception: `.
    public var message: String
    /// Extra advice SwiftHouse prints after ClickHouse's text (e.g. which tables a backup holds).
    public var hint: String?
    /// The error this one was made from, kept for callers and logs (not rendered).
    public var underlying: (any Error)?
    /// The file the error is about, when there is one (the message names it as ClickHouse does).
    public var file: String?
    /// The byte offset in ``file`` the error is about, when known.
    public var offset: Int?

    /// An error with ClickHouse's `code` and `message`; `underlying`, `file` and `offset` record its cause.
    public init(
        _ code: ErrorCode, _ message: String, hint: String? = nil, underlying: (any Error)? = nil,
        file: String? = nil, offset: Int? = nil
    ) {
        self.code = code
        self.message = message
        self.hint = hint
        self.underlying = underlying
        self.file = file
        self.offset = offset
    }

    /// ClickHouse's text for the error, followed by the hint on its own line when there is one.
    public var description: String {
        // As ClickHouse: a full stop is added unless the message already ends with one.
        let stop = message.hasSuffix(".") ? "" : "."
        var text = "Code: \(code.number). DB::Exception: \(message)\(stop) (\(code.name))"
        if let hint { text += "\nHint: \(hint)" }
        return text
    }

    /// Returns a copy whose message gains ClickHouse's context suffix: `…: While restoring data of table db.t`.
    public func adding(context: String) -> DatabaseError {
        var copy = self
        copy.message += ": \(context)"
        return copy
    }

    /// Two errors are equal when they read the same and name the same place; the underlying error is not compared.
    public static func == (lhs: DatabaseError, rhs: DatabaseError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.hint == rhs.hint && lhs.file == rhs.file
            && lhs.offset == rhs.offset
    }
}

extension DatabaseError {
    /// Wraps any error as a `DatabaseError`, keeping it unchanged when it already is one.
    ///
    /// A Foundation or POSIX file error (`CocoaError`, `POSIXError`, an `NSError` of `NSCocoaErrorDomain` or
    /// `NSPOSIXErrorDomain`) becomes ClickHouse's `ErrnoException` text, e.g. `Code: 107. DB::Exception: Cannot
    /// open file /x, errno: 2, strerror: No such file or directory. (FILE_DOESNT_EXIST)`; any other error becomes
    /// a `LOGICAL_ERROR` with its description. The original is kept as ``underlying``.
    public static func wrap(_ error: any Error) -> DatabaseError {
        if let error = error as? DatabaseError { return error }
        if let fileError = fileSystemError(error) { return fileError }
        return DatabaseError(.logicalError, String(describing: error), underlying: error)
    }

    /// An error for a failed POSIX call on `path`, in ClickHouse's `ErrnoException` words: `<action> <path>,
    /// errno: N, strerror: …` (`action` e.g. "Cannot open file", "Cannot fsync file").
    public static func posix(
        _ number: Int32, _ action: String, path: String, code: ErrorCode? = nil, offset: Int? = nil
    ) -> DatabaseError {
        DatabaseError(
            code ?? Self.code(forErrno: number, writing: false),
            "\(action) \(path), errno: \(number), strerror: \(String(cString: strerror(number)))",
            underlying: POSIXError(POSIXErrorCode(rawValue: number) ?? .EIO), file: path, offset: offset)
    }

    /// ClickHouse's code for an errno of a file operation.
    private static func code(forErrno number: Int32, writing: Bool) -> ErrorCode {
        switch number {
        case ENOENT: .fileDoesntExist
        case EEXIST: .fileAlreadyExists
        case EACCES, EPERM, EISDIR, ENOTDIR, ELOOP, ENAMETOOLONG, EMFILE, ENFILE: .cannotOpenFile
        default: writing ? .cannotWriteToFileDescriptor : .cannotReadFromFileDescriptor
        }
    }

    /// The ClickHouse form of a Foundation or POSIX error about a file; nil for other errors.
    private static func fileSystemError(_ error: any Error) -> DatabaseError? {
        let nsError = error as NSError
        var number: Int32?
        var writing = false
        switch nsError.domain {
        case NSPOSIXErrorDomain:
            number = Int32(truncatingIfNeeded: nsError.code)
        case NSCocoaErrorDomain:
            if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
                underlying.domain == NSPOSIXErrorDomain
            {
                number = Int32(truncatingIfNeeded: underlying.code)
            }
            let cocoa = CocoaError.Code(rawValue: nsError.code)
            // Foundation's write errors are 512…639 (NSFileWriteErrorMinimum…Maximum).
            writing = (512...639).contains(nsError.code)
            if number == nil {
                switch cocoa {
                case .fileNoSuchFile, .fileReadNoSuchFile: number = ENOENT
                case .fileReadNoPermission, .fileWriteNoPermission: number = EACCES
                case .fileWriteFileExists: number = EEXIST
                case .fileWriteOutOfSpace: number = ENOSPC
                case .fileWriteVolumeReadOnly: number = EROFS
                case .fileReadTooLarge: number = EFBIG
                default: number = EIO
                }
            }
        default:
            return nil
        }
        guard let number else { return nil }
        let path =
            (nsError.userInfo[NSFilePathErrorKey] as? String)
            ?? (nsError.userInfo[NSURLErrorKey] as? URL)?.path ?? "(unknown)"
        let code = Self.code(forErrno: number, writing: writing)
        let action: String
        switch code {
        case .cannotWriteToFileDescriptor: action = "Cannot write to file"
        case .cannotReadFromFileDescriptor: action = "Cannot read from file"
        default: action = "Cannot open file"
        }
        var wrapped = Self.posix(number, action, path: path, code: code)
        wrapped.underlying = error
        return wrapped
    }
}

/// An error as ClickHouse reports it: `Code: 60. DB::Exception: Table default.t does not exist. (UNKNOWN_TABLE)`.
///
/// Messages never contain secrets: callers redact credentials before building one.
public struct DatabaseError: Error, Sendable, CustomStringConvertible, Equatable {
    public let code: ErrorCode
    public var message: String
    /// Extra advice SwiftHouse prints after ClickHouse's text (e.g. which tables a backup holds).
    public var hint: String?

    public init(_ code: ErrorCode, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
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
}

extension DatabaseError {
    /// Wraps any error as a `DatabaseError`, keeping it unchanged when it already is one.
    public static func wrap(_ error: any Error) -> DatabaseError {
        if let error = error as? DatabaseError { return error }
        return DatabaseError(.logicalError, String(describing: error))
    }
}

import SHCore

/// The HTTP status ClickHouse answers an error with (its `exceptionCodeToHTTPStatus`), by error code number.
enum HTTPErrorStatus {
    /// Error codes grouped by status; any other code is 500.
    static let statuses: [Int: Int] = {
        let groups: [(Int, [Int])] = [
            (401, [194]),  // REQUIRED_PASSWORD
            // UNKNOWN_USER, WRONG_PASSWORD, AUTHENTICATION_FAILED, SET_NON_GRANTED_ROLE, ACCESS_DENIED
            (403, [192, 193, 516, 512, 497]),
            // BAD_ARGUMENTS, CANNOT_COMPILE_REGEXP, the CANNOT_PARSE_* codes, DUPLICATE_COLUMN, ILLEGAL_COLUMN,
            // UNKNOWN_ELEMENT_IN_AST, UNKNOWN_TYPE_OF_AST_NODE, THERE_IS_NO_COLUMN, TOO_DEEP_AST, TOO_BIG_AST,
            // UNEXPECTED_AST_STRUCTURE, SYNTAX_ERROR, INCORRECT_DATA, TYPE_MISMATCH, VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
            (
                400,
                [
                    36, 427, 6, 25, 26, 38, 41, 72, 441, 675, 676, 27, 376, 15, 44, 37, 123, 8, 167, 168, 223, 62, 117,
                    53, 321,
                ]
            ),
            // UNKNOWN_TABLE, UNKNOWN_FUNCTION, UNKNOWN_IDENTIFIER, UNKNOWN_TYPE, UNKNOWN_STORAGE, UNKNOWN_DATABASE,
            // UNKNOWN_SETTING, UNKNOWN_DIRECTION_OF_SORTING, UNKNOWN_AGGREGATE_FUNCTION, UNKNOWN_FORMAT,
            // UNKNOWN_DATABASE_ENGINE, UNKNOWN_TYPE_OF_QUERY, UNKNOWN_ROLE
            (404, [60, 46, 47, 50, 56, 81, 115, 152, 63, 73, 336, 78, 511]),
            (413, [229]),  // QUERY_IS_TOO_LARGE
            (501, [48]),  // NOT_IMPLEMENTED
            (503, [209, 76, 439]),  // SOCKET_TIMEOUT, CANNOT_OPEN_FILE, CANNOT_SCHEDULE_TASK
            (411, [381]),  // HTTP_LENGTH_REQUIRED
            (408, [159]),  // TIMEOUT_EXCEEDED
            (415, [779]),  // UNSUPPORTED_MEDIA_TYPE
        ]
        var statuses: [Int: Int] = [:]
        for (status, codes) in groups { for code in codes { statuses[code] = status } }
        return statuses
    }()

    /// The status for `error`.
    static func status(of error: DatabaseError) -> Int { statuses[error.code.number] ?? 500 }
}

import Foundation
import SHCore
import Testing

@Suite struct DatabaseErrorTests {
    /// ClickHouse's text, as chdb 26.9 raises it for `SELECT toInt32('x')`, up to the note it adds:
    /// `Code: 6. DB::Exception: Cannot parse string 'x' as Int32: syntax error at begin of string. … (CANNOT_PARSE_TEXT)`.
    @Test func descriptionFollowsClickHouseLayout() {
        let error = DatabaseError(.cannotParseText, "Cannot parse string 'x' as Int32: syntax error at begin of string")
        #expect(
            error.description
                == "Code: 6. DB::Exception: Cannot parse string 'x' as Int32: syntax error at begin of string. (CANNOT_PARSE_TEXT)"
        )
        #expect(String(describing: error) == error.description)
    }

    @Test func hintGoesOnItsOwnLineAfterClickHouseText() {
        let error = DatabaseError(.unknownTable, "Table default.t does not exist", hint: "The backup holds db.t")
        #expect(
            error.description
                == "Code: 60. DB::Exception: Table default.t does not exist. (UNKNOWN_TABLE)\nHint: The backup holds db.t"
        )
    }

    @Test func addingContextAppendsToTheMessageOnly() {
        let error = DatabaseError(.checksumDoesntMatch, "Checksum doesn't match: corrupted data")
            .adding(context: "While restoring data of table db.t")
        #expect(error.code == .checksumDoesntMatch)
        #expect(
            error.description
                == "Code: 40. DB::Exception: Checksum doesn't match: corrupted data: While restoring data of table db.t. (CHECKSUM_DOESNT_MATCH)"
        )
    }

    @Test func wrapKeepsDatabaseErrorsAndTurnsOthersIntoLogicalErrors() {
        struct Other: Error, CustomStringConvertible { var description: String { "boom" } }
        let original = DatabaseError(.unknownTable, "x")
        #expect(DatabaseError.wrap(original) == original)
        let wrapped = DatabaseError.wrap(Other())
        #expect(wrapped.code == .logicalError)
        #expect(wrapped.description == "Code: 49. DB::Exception: boom. (LOGICAL_ERROR)")
        #expect(wrapped.underlying is Other)
    }

    /// The error Foundation throws for an operation, which must fail.
    private func foundationError(_ operation: () throws -> Void) -> (any Error)? {
        do {
            try operation()
            return nil
        } catch {
            return error
        }
    }

    /// Reading a missing file: ClickHouse's `ReadBufferFromFile` text, `Cannot open file <path>, errno: 2,
    /// strerror: No such file or directory` with FILE_DOESNT_EXIST, and the Foundation error kept as the cause.
    @Test func missingFileReadsAsClickHouseText() throws {
        let path = "/nonexistent-\(UUID().uuidString)/x.bin"
        let error = try #require(foundationError { _ = try Data(contentsOf: URL(fileURLWithPath: path)) })
        let wrapped = DatabaseError.wrap(error)
        #expect(
            wrapped.description
                == "Code: 107. DB::Exception: Cannot open file \(path), errno: 2, strerror: No such file or directory. (FILE_DOESNT_EXIST)"
        )
        #expect(wrapped.file == path)
        #expect(wrapped.underlying != nil)
    }

    /// The common Foundation file errors (missing, permission denied, a directory where a file is expected, an
    /// existing file) never reach users as `NSCocoaErrorDomain` text.
    @Test func foundationFileErrorsNeverShowCocoaText() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sh-error-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let locked = root.appendingPathComponent("locked")
        try Data("x".utf8).write(to: locked)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        let existing = root.appendingPathComponent("existing")
        try Data().write(to: existing)
        var errors: [any Error] = [
            CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "/x"]),
            CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: "/x"]),
            CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: "/x"]),
            POSIXError(.EISDIR),
            NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES)),
        ]
        let operations: [() throws -> Void] = [
            { _ = try Data(contentsOf: root.appendingPathComponent("missing")) },
            { _ = try Data(contentsOf: root) },
            { try FileManager.default.createDirectory(at: existing, withIntermediateDirectories: false) },
            { _ = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("no").path) },
            { try FileManager.default.copyItem(at: root.appendingPathComponent("no"), to: existing) },
        ]
        for operation in operations { errors.append(try #require(foundationError(operation))) }
        // Root reads any file: the permission case only applies to other users.
        if getuid() != 0 { errors.append(try #require(foundationError { _ = try Data(contentsOf: locked) })) }
        for error in errors {
            let text = DatabaseError.wrap(error).description
            #expect(!text.contains("NSCocoaErrorDomain") && !text.contains("NSPOSIXErrorDomain"), "\(text)")
            #expect(!text.contains("LOGICAL_ERROR"), "\(text)")
            #expect(text.contains("errno: "), "\(text)")
        }
        let denied = DatabaseError.wrap(CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: "/x"]))
        #expect(
            denied.description
                == "Code: 76. DB::Exception: Cannot open file /x, errno: 13, strerror: Permission denied. (CANNOT_OPEN_FILE)"
        )
    }

    /// A failed POSIX call keeps the path, the offset and the errno as its cause.
    @Test func posixErrorNamesTheFile() {
        let error = DatabaseError.posix(EIO, "Cannot fsync file", path: "/d/f", code: .cannotFsync, offset: 7)
        #expect(
            error.description
                == "Code: 204. DB::Exception: Cannot fsync file /d/f, errno: 5, strerror: Input/output error. (CANNOT_FSYNC)"
        )
        #expect(error.file == "/d/f" && error.offset == 7)
        #expect((error.underlying as? POSIXError)?.code == .EIO)
    }

    @Test func errorCodeMatchesInCatchPatterns() {
        let thrown: any Error = DatabaseError(.backupNotFound, "Backup not found")
        var matched = false
        switch thrown {
        case ErrorCode.unknownTable: break
        case ErrorCode.backupNotFound: matched = true
        default: break
        }
        #expect(matched)
        #expect(!(ErrorCode.backupNotFound ~= (TestError() as any Error)))
    }

    private struct TestError: Error {}

    /// Every code SwiftHouse defines, with the name ClickHouse gives its number: each row was checked with chdb 26.9,
    /// `SELECT errorCodeToName(<number>)`, for all numbers in Sources/SHCore/ErrorCode.swift.
    static let clickHouseCodes: [(ErrorCode, Int, String)] = [
        (.notImplemented, 48, "NOT_IMPLEMENTED"),
        (.logicalError, 49, "LOGICAL_ERROR"),
        (.unknownType, 50, "UNKNOWN_TYPE"),
        (.badArguments, 36, "BAD_ARGUMENTS"),
        (.cannotParseText, 6, "CANNOT_PARSE_TEXT"),
        (.checksumDoesntMatch, 40, "CHECKSUM_DOESNT_MATCH"),
        (.numberOfArgumentsDoesntMatch, 42, "NUMBER_OF_ARGUMENTS_DOESNT_MATCH"),
        (.illegalTypeOfArgument, 43, "ILLEGAL_TYPE_OF_ARGUMENT"),
        (.illegalColumn, 44, "ILLEGAL_COLUMN"),
        (.unknownFunction, 46, "UNKNOWN_FUNCTION"),
        (.unknownIdentifier, 47, "UNKNOWN_IDENTIFIER"),
        (.typeMismatch, 53, "TYPE_MISMATCH"),
        (.tableAlreadyExists, 57, "TABLE_ALREADY_EXISTS"),
        (.unknownTable, 60, "UNKNOWN_TABLE"),
        (.syntaxError, 62, "SYNTAX_ERROR"),
        (.unknownAggregateFunction, 63, "UNKNOWN_AGGREGATE_FUNCTION"),
        (.cannotConvertType, 70, "CANNOT_CONVERT_TYPE"),
        (.cannotOpenFile, 76, "CANNOT_OPEN_FILE"),
        (.unknownFormat, 73, "UNKNOWN_FORMAT"),
        (.unknownDatabase, 81, "UNKNOWN_DATABASE"),
        (.databaseAlreadyExists, 82, "DATABASE_ALREADY_EXISTS"),
        (.cannotReadAllData, 33, "CANNOT_READ_ALL_DATA"),
        (.fileDoesntExist, 107, "FILE_DOESNT_EXIST"),
        (.unknownSetting, 115, "UNKNOWN_SETTING"),
        (.incorrectData, 117, "INCORRECT_DATA"),
        (.unknownStorage, 56, "UNKNOWN_STORAGE"),
        (.incorrectQuery, 80, "INCORRECT_QUERY"),
        (.noFileInDataPart, 226, "NO_FILE_IN_DATA_PART"),
        (.badSizeOfFileInDataPart, 228, "BAD_SIZE_OF_FILE_IN_DATA_PART"),
        (.corruptedData, 246, "CORRUPTED_DATA"),
        (.unknownCompressionMethod, 89, "UNKNOWN_COMPRESSION_METHOD"),
        (.cannotDecompress, 271, "CANNOT_DECOMPRESS"),
        (.cannotCompress, 270, "CANNOT_COMPRESS"),
        (.insecurePath, 466, "INSECURE_PATH"),
        (.tooDeepRecursion, 306, "TOO_DEEP_RECURSION"),
        (.aborted, 236, "ABORTED"),
        (.fileAlreadyExists, 504, "FILE_ALREADY_EXISTS"),
        (.invalidConfigParameter, 318, "INVALID_CONFIG_PARAMETER"),
        (.functionThrowIfValueIsNonZero, 395, "FUNCTION_THROW_IF_VALUE_IS_NON_ZERO"),
        (.queryWasCancelled, 394, "QUERY_WAS_CANCELLED"),
        (.s3Error, 499, "S3_ERROR"),
        (.backupAlreadyExists, 598, "BACKUP_ALREADY_EXISTS"),
        (.backupNotFound, 599, "BACKUP_NOT_FOUND"),
        (.backupVersionNotSupported, 600, "BACKUP_VERSION_NOT_SUPPORTED"),
        (.backupDamaged, 601, "BACKUP_DAMAGED"),
        (.noBaseBackup, 602, "NO_BASE_BACKUP"),
        (.wrongBaseBackup, 603, "WRONG_BASE_BACKUP"),
        (.backupEntryAlreadyExists, 604, "BACKUP_ENTRY_ALREADY_EXISTS"),
        (.backupEntryNotFound, 605, "BACKUP_ENTRY_NOT_FOUND"),
        (.backupIsEmpty, 606, "BACKUP_IS_EMPTY"),
        (.cannotRestoreDatabase, 607, "CANNOT_RESTORE_DATABASE"),
        (.cannotRestoreTable, 608, "CANNOT_RESTORE_TABLE"),
        (.backupEngineNotFound, 627, "BACKUP_ENGINE_NOT_FOUND"),
        (.cannotParseBackupSettings, 653, "CANNOT_PARSE_BACKUP_SETTINGS"),
        (.wrongBackupSettings, 654, "WRONG_BACKUP_SETTINGS"),
        (.s3ObjectChangedDuringRead, 1009, "S3_OBJECT_CHANGED_DURING_READ"),
        (.tooLargeStringSize, 131, "TOO_LARGE_STRING_SIZE"),
        (.argumentOutOfBound, 69, "ARGUMENT_OUT_OF_BOUND"),
        (.notFoundColumnInBlock, 10, "NOT_FOUND_COLUMN_IN_BLOCK"),
        (.tooManyRowsOrBytes, 396, "TOO_MANY_ROWS_OR_BYTES"),
        (.emptyListOfColumnsQueried, 51, "EMPTY_LIST_OF_COLUMNS_QUERIED"),
        (.notAnAggregate, 215, "NOT_AN_AGGREGATE"),
        (.illegalAggregation, 184, "ILLEGAL_AGGREGATION"),
        (.cannotParseInputAssertionFailed, 27, "CANNOT_PARSE_INPUT_ASSERTION_FAILED"),
        (.duplicateColumn, 15, "DUPLICATE_COLUMN"),
        (.noSuchColumnInTable, 16, "NO_SUCH_COLUMN_IN_TABLE"),
        (.unexpectedFileInDataPart, 227, "UNEXPECTED_FILE_IN_DATA_PART"),
        (.cannotParseDate, 38, "CANNOT_PARSE_DATE"),
        (.cannotParseDateTime, 41, "CANNOT_PARSE_DATETIME"),
        (.cannotParseNumber, 72, "CANNOT_PARSE_NUMBER"),
        (.cannotParseUUID, 376, "CANNOT_PARSE_UUID"),
        (.valueIsOutOfRangeOfDataType, 321, "VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE"),
        (.unsupportedMethod, 1, "UNSUPPORTED_METHOD"),
        (.timeoutExceeded, 159, "TIMEOUT_EXCEEDED"),
        (.networkError, 210, "NETWORK_ERROR"),
        (.accessDenied, 497, "ACCESS_DENIED"),
        (.cannotReadFromFileDescriptor, 74, "CANNOT_READ_FROM_FILE_DESCRIPTOR"),
        (.cannotWriteToFileDescriptor, 75, "CANNOT_WRITE_TO_FILE_DESCRIPTOR"),
        (.cannotCreateDirectory, 172, "CANNOT_CREATE_DIRECTORY"),
        (.cannotFsync, 204, "CANNOT_FSYNC"),
        (.atomicRenameFail, 521, "ATOMIC_RENAME_FAIL"),
    ]

    @Test func errorCodesHaveClickHouseNumbersAndNames() {
        for (code, number, name) in Self.clickHouseCodes {
            #expect(code.number == number && code.name == name, "\(code) should be \(number) \(name)")
        }
        #expect(Set(Self.clickHouseCodes.map(\.1)).count == Self.clickHouseCodes.count)
    }
}

/// A ClickHouse error code: the number and the name ClickHouse prints, e.g. `60 UNKNOWN_TABLE`.
public struct ErrorCode: Hashable, Sendable, CustomStringConvertible {
    public let number: Int
    public let name: String

    public init(_ number: Int, _ name: String) {
        self.number = number
        self.name = name
    }

    public var description: String { "\(number) \(name)" }

    /// Lets `catch` clauses match on a code: `catch let e as DatabaseError where e.code == .unknownTable`.
    public static func ~= (code: ErrorCode, error: any Error) -> Bool {
        (error as? DatabaseError)?.code == code
    }
}

extension ErrorCode {
    public static let notImplemented = ErrorCode(48, "NOT_IMPLEMENTED")
    public static let logicalError = ErrorCode(49, "LOGICAL_ERROR")
    public static let unknownType = ErrorCode(50, "UNKNOWN_TYPE")
    public static let badArguments = ErrorCode(36, "BAD_ARGUMENTS")
    public static let cannotParseText = ErrorCode(6, "CANNOT_PARSE_TEXT")
    public static let checksumDoesntMatch = ErrorCode(40, "CHECKSUM_DOESNT_MATCH")
    public static let numberOfArgumentsDoesntMatch = ErrorCode(42, "NUMBER_OF_ARGUMENTS_DOESNT_MATCH")
    public static let illegalTypeOfArgument = ErrorCode(43, "ILLEGAL_TYPE_OF_ARGUMENT")
    public static let parameterOutOfBound = ErrorCode(12, "PARAMETER_OUT_OF_BOUND")
    public static let aggregateFunctionDoesntAllowParameters = ErrorCode(
        133, "AGGREGATE_FUNCTION_DOESNT_ALLOW_PARAMETERS")
    public static let illegalColumn = ErrorCode(44, "ILLEGAL_COLUMN")
    public static let cyclicAliases = ErrorCode(174, "CYCLIC_ALIASES")
    public static let unknownFunction = ErrorCode(46, "UNKNOWN_FUNCTION")
    public static let unknownIdentifier = ErrorCode(47, "UNKNOWN_IDENTIFIER")
    public static let typeMismatch = ErrorCode(53, "TYPE_MISMATCH")
    public static let noCommonType = ErrorCode(386, "NO_COMMON_TYPE")
    public static let tableAlreadyExists = ErrorCode(57, "TABLE_ALREADY_EXISTS")
    public static let unknownTable = ErrorCode(60, "UNKNOWN_TABLE")
    public static let cannotGetCreateTableQuery = ErrorCode(390, "CANNOT_GET_CREATE_TABLE_QUERY")
    public static let syntaxError = ErrorCode(62, "SYNTAX_ERROR")
    public static let unknownAggregateFunction = ErrorCode(63, "UNKNOWN_AGGREGATE_FUNCTION")
    public static let cannotConvertType = ErrorCode(70, "CANNOT_CONVERT_TYPE")
    public static let cannotOpenFile = ErrorCode(76, "CANNOT_OPEN_FILE")
    public static let unknownFormat = ErrorCode(73, "UNKNOWN_FORMAT")
    public static let unknownDatabase = ErrorCode(81, "UNKNOWN_DATABASE")
    public static let databaseAlreadyExists = ErrorCode(82, "DATABASE_ALREADY_EXISTS")
    public static let cannotReadAllData = ErrorCode(33, "CANNOT_READ_ALL_DATA")
    public static let attemptToReadAfterEof = ErrorCode(32, "ATTEMPT_TO_READ_AFTER_EOF")
    public static let pocoException = ErrorCode(1000, "POCO_EXCEPTION")
    public static let fileDoesntExist = ErrorCode(107, "FILE_DOESNT_EXIST")
    public static let unknownSetting = ErrorCode(115, "UNKNOWN_SETTING")
    public static let incorrectData = ErrorCode(117, "INCORRECT_DATA")
    public static let badTypeOfField = ErrorCode(169, "BAD_TYPE_OF_FIELD")
    public static let illegalFinal = ErrorCode(181, "ILLEGAL_FINAL")
    public static let unknownStorage = ErrorCode(56, "UNKNOWN_STORAGE")
    public static let incorrectQuery = ErrorCode(80, "INCORRECT_QUERY")
    public static let noFileInDataPart = ErrorCode(226, "NO_FILE_IN_DATA_PART")
    public static let badSizeOfFileInDataPart = ErrorCode(228, "BAD_SIZE_OF_FILE_IN_DATA_PART")
    public static let corruptedData = ErrorCode(246, "CORRUPTED_DATA")
    public static let unknownCompressionMethod = ErrorCode(89, "UNKNOWN_COMPRESSION_METHOD")
    public static let cannotDecompress = ErrorCode(271, "CANNOT_DECOMPRESS")
    public static let cannotCompress = ErrorCode(270, "CANNOT_COMPRESS")
    public static let insecurePath = ErrorCode(466, "INSECURE_PATH")
    public static let tooDeepRecursion = ErrorCode(306, "TOO_DEEP_RECURSION")
    public static let aborted = ErrorCode(236, "ABORTED")
    public static let fileAlreadyExists = ErrorCode(504, "FILE_ALREADY_EXISTS")
    public static let invalidConfigParameter = ErrorCode(318, "INVALID_CONFIG_PARAMETER")
    public static let functionThrowIfValueIsNonZero = ErrorCode(395, "FUNCTION_THROW_IF_VALUE_IS_NON_ZERO")
    public static let queryWasCancelled = ErrorCode(394, "QUERY_WAS_CANCELLED")
    public static let s3Error = ErrorCode(499, "S3_ERROR")
    public static let backupAlreadyExists = ErrorCode(598, "BACKUP_ALREADY_EXISTS")
    public static let backupNotFound = ErrorCode(599, "BACKUP_NOT_FOUND")
    public static let backupVersionNotSupported = ErrorCode(600, "BACKUP_VERSION_NOT_SUPPORTED")
    public static let backupDamaged = ErrorCode(601, "BACKUP_DAMAGED")
    public static let noBaseBackup = ErrorCode(602, "NO_BASE_BACKUP")
    public static let wrongBaseBackup = ErrorCode(603, "WRONG_BASE_BACKUP")
    public static let backupEntryAlreadyExists = ErrorCode(604, "BACKUP_ENTRY_ALREADY_EXISTS")
    public static let backupEntryNotFound = ErrorCode(605, "BACKUP_ENTRY_NOT_FOUND")
    public static let backupIsEmpty = ErrorCode(606, "BACKUP_IS_EMPTY")
    public static let haveDependentObjects = ErrorCode(630, "HAVE_DEPENDENT_OBJECTS")
    public static let cannotRestoreDatabase = ErrorCode(607, "CANNOT_RESTORE_DATABASE")
    public static let cannotRestoreTable = ErrorCode(608, "CANNOT_RESTORE_TABLE")
    public static let backupEngineNotFound = ErrorCode(627, "BACKUP_ENGINE_NOT_FOUND")
    public static let cannotParseBackupSettings = ErrorCode(653, "CANNOT_PARSE_BACKUP_SETTINGS")
    public static let wrongBackupSettings = ErrorCode(654, "WRONG_BACKUP_SETTINGS")
    public static let s3ObjectChangedDuringRead = ErrorCode(1009, "S3_OBJECT_CHANGED_DURING_READ")
    public static let tooLargeStringSize = ErrorCode(131, "TOO_LARGE_STRING_SIZE")
    public static let argumentOutOfBound = ErrorCode(69, "ARGUMENT_OUT_OF_BOUND")
    public static let notFoundColumnInBlock = ErrorCode(10, "NOT_FOUND_COLUMN_IN_BLOCK")
    public static let tooManyRowsOrBytes = ErrorCode(396, "TOO_MANY_ROWS_OR_BYTES")
    public static let emptyListOfColumnsQueried = ErrorCode(51, "EMPTY_LIST_OF_COLUMNS_QUERIED")
    public static let notAnAggregate = ErrorCode(215, "NOT_AN_AGGREGATE")
    public static let illegalAggregation = ErrorCode(184, "ILLEGAL_AGGREGATION")
    public static let cannotParseInputAssertionFailed = ErrorCode(27, "CANNOT_PARSE_INPUT_ASSERTION_FAILED")
    public static let duplicateColumn = ErrorCode(15, "DUPLICATE_COLUMN")
    public static let noSuchColumnInTable = ErrorCode(16, "NO_SUCH_COLUMN_IN_TABLE")
    public static let unexpectedFileInDataPart = ErrorCode(227, "UNEXPECTED_FILE_IN_DATA_PART")
    public static let badTTLExpression = ErrorCode(450, "BAD_TTL_EXPRESSION")
    public static let sizesOfArraysDontMatch = ErrorCode(190, "SIZES_OF_ARRAYS_DONT_MATCH")
    public static let cannotParseDate = ErrorCode(38, "CANNOT_PARSE_DATE")
    public static let cannotParseDateTime = ErrorCode(41, "CANNOT_PARSE_DATETIME")
    public static let cannotParseNumber = ErrorCode(72, "CANNOT_PARSE_NUMBER")
    public static let cannotParseUUID = ErrorCode(376, "CANNOT_PARSE_UUID")
    public static let unexpectedASTStructure = ErrorCode(223, "UNEXPECTED_AST_STRUCTURE")
    public static let cannotParseIPv4 = ErrorCode(675, "CANNOT_PARSE_IPV4")
    public static let cannotParseIPv6 = ErrorCode(676, "CANNOT_PARSE_IPV6")
    public static let unknownElementOfEnum = ErrorCode(691, "UNKNOWN_ELEMENT_OF_ENUM")
    public static let decimalOverflow = ErrorCode(407, "DECIMAL_OVERFLOW")
    public static let valueIsOutOfRangeOfDataType = ErrorCode(321, "VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE")
    public static let unsupportedMethod = ErrorCode(1, "UNSUPPORTED_METHOD")
    public static let tableIsPermanentlyReadOnly = ErrorCode(774, "TABLE_IS_PERMANENTLY_READ_ONLY")
    public static let unknownDatabaseEngine = ErrorCode(336, "UNKNOWN_DATABASE_ENGINE")
    public static let timeoutExceeded = ErrorCode(159, "TIMEOUT_EXCEEDED")
    public static let networkError = ErrorCode(210, "NETWORK_ERROR")
    public static let accessDenied = ErrorCode(497, "ACCESS_DENIED")
}

extension ErrorCode {
    public static let illegalDivision = ErrorCode(153, "ILLEGAL_DIVISION")
    public static let tooLargeArraySize = ErrorCode(128, "TOO_LARGE_ARRAY_SIZE")
    public static let invalidLimitExpression = ErrorCode(440, "INVALID_LIMIT_EXPRESSION")
    public static let tooLargeSizeCompressed = ErrorCode(39, "TOO_LARGE_SIZE_COMPRESSED")
    public static let badDataPartName = ErrorCode(233, "BAD_DATA_PART_NAME")
}

extension ErrorCode {
    // File system errors (ClickHouse's `ErrnoException` codes).
    public static let cannotReadFromFileDescriptor = ErrorCode(74, "CANNOT_READ_FROM_FILE_DESCRIPTOR")
    public static let cannotWriteToFileDescriptor = ErrorCode(75, "CANNOT_WRITE_TO_FILE_DESCRIPTOR")
    public static let cannotCreateDirectory = ErrorCode(172, "CANNOT_CREATE_DIRECTORY")
    public static let cannotFsync = ErrorCode(204, "CANNOT_FSYNC")
    public static let atomicRenameFail = ErrorCode(521, "ATOMIC_RENAME_FAIL")
}

extension ErrorCode {
    // Sampling (`SAMPLE BY`, `SELECT … SAMPLE k`).
    public static let illegalTypeOfColumnForFilter = ErrorCode(59, "ILLEGAL_TYPE_OF_COLUMN_FOR_FILTER")
    public static let samplingNotSupported = ErrorCode(141, "SAMPLING_NOT_SUPPORTED")
}

extension ErrorCode {
    // Aggregate-function columns (`AggregateFunction`, `SimpleAggregateFunction`).
    public static let dataTypeCannotBeUsedInKey = ErrorCode(549, "DATA_TYPE_CANNOT_BE_USED_IN_KEY")
}

extension ErrorCode {
    // The HTTP interface: sessions, users, read-only requests, request sizes.
    public static let sessionNotFound = ErrorCode(372, "SESSION_NOT_FOUND")
    public static let sessionIsLocked = ErrorCode(373, "SESSION_IS_LOCKED")
    public static let invalidSessionTimeout = ErrorCode(374, "INVALID_SESSION_TIMEOUT")
    public static let authenticationFailed = ErrorCode(516, "AUTHENTICATION_FAILED")
    public static let readonly = ErrorCode(164, "READONLY")
    public static let queryIsTooLarge = ErrorCode(229, "QUERY_IS_TOO_LARGE")
}

extension ErrorCode {
    public static let unsupportedMediaType = ErrorCode(779, "UNSUPPORTED_MEDIA_TYPE")
}

extension ErrorCode {
    public static let cannotLoadConfig = ErrorCode(347, "CANNOT_LOAD_CONFIG")
}

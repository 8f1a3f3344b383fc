import SHCore

extension ErrorCode {
    /// `Code: 306 TOO_DEEP_RECURSION` (ClickHouse's parser depth limit).
    public static let tooDeepRecursion = ErrorCode(306, "TOO_DEEP_RECURSION")
    /// `Code: 108 NO_DATA_TO_INSERT` (`INSERT INTO t VALUES` with no rows).
    public static let noDataToInsert = ErrorCode(108, "NO_DATA_TO_INSERT")
}

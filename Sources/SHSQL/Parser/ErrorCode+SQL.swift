import SHCore

extension ErrorCode {
    /// `Code: 108 NO_DATA_TO_INSERT` (`INSERT INTO t VALUES` with no rows).
    public static let noDataToInsert = ErrorCode(108, "NO_DATA_TO_INSERT")
}

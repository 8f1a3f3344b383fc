import SHCore

/// `system.one`: one row, `dummy = 0`.
struct SystemOne: RowsSystemTable {
    var name: String { "one" }
    var columns: [(String, DataType)] { [("dummy", .uint8)] }
    func rows(_ context: QueryContext) -> [[Value]] { [[.uint(0)]] }
}

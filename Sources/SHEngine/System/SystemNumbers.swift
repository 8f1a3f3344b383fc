import SHCore
import SHExecution

/// `system.numbers`: 0, 1, 2, … without end (a LIMIT stops it).
struct SystemNumbers: SystemTable {
    var name: String { "numbers" }
    var columns: [(String, DataType)] { [("number", .uint64)] }
    func source(_ context: QueryContext) -> AnySource { AnySource(NumbersSource(count: nil)) }
}

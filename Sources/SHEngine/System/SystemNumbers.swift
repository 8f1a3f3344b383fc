import SHExecution

/// `system.numbers`: 0, 1, 2, … without end (a LIMIT stops it).
struct SystemNumbers: SystemTable {
    var name: String { "numbers" }
    func source(_ context: QueryContext) -> AnySource { AnySource(NumbersSource(count: nil)) }
}

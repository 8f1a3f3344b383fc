/// Entries by name: the one shape of SwiftHouse's registries (table engines, system tables, backup engines,
/// formats). Each registry lists its entries in one place; adding one is one line there.
public struct Registry<Entry: Sendable>: Sendable {
    private let byName: [String: Entry]
    private let unknown: @Sendable (String) -> DatabaseError

    /// A registry of `entries`, each under all its names (a name and its aliases); `unknown` is the error for a
    /// name that is not registered. Two entries may not share a name.
    public init(_ entries: [(names: [String], entry: Entry)], unknown: @escaping @Sendable (String) -> DatabaseError) {
        self.byName = Dictionary(uniqueKeysWithValues: entries.flatMap { row in row.names.map { ($0, row.entry) } })
        self.unknown = unknown
    }

    /// A registry of `entries`, each under the name `name` gives it.
    public init(
        _ entries: [Entry], name: (Entry) -> String, unknown: @escaping @Sendable (String) -> DatabaseError
    ) {
        self.init(entries.map { (names: [name($0)], entry: $0) }, unknown: unknown)
    }

    /// Every registered name (aliases included), sorted.
    public var names: [String] { byName.keys.sorted() }

    /// The entry registered as `name`; the registry's error when there is none.
    public func entry(named name: String) throws -> Entry {
        guard let entry = byName[name] else { throw unknown(name) }
        return entry
    }
}

extension Registry {
    /// Whether `name` is registered.
    public func contains(_ name: String) -> Bool { (try? entry(named: name)) != nil }
}

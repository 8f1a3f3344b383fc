import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// A table engine (`ENGINE = MergeTree`, `ENGINE = Memory`): how a CREATE query is completed and how its table
/// object is built. Adding an engine is one file conforming to this plus one line in `TableEngineRegistry.engines`.
protocol TableEngine: Sendable {
    /// The name written after `ENGINE =` (case-sensitive, as in ClickHouse).
    var name: String { get }

    /// Validates `definition` and completes it the way ClickHouse stores it (engine defaults such as
    /// `index_granularity`).
    func canonicalize(_ definition: inout CreateTableQuery) throws

    /// Builds the table object of `query`, whose stored columns are `columns`, with its data under `directory`.
    func make(
        _ query: CreateTableQuery, database: String, uuid: UUID, directory: URL, columns: [ColumnDescription]
    ) throws -> any Table
}

/// Every table engine, by name.
enum TableEngineRegistry {
    /// The registered engines; one line per engine.
    static let engines = Registry<any TableEngine>(
        [
            MergeTreeEngine(),
            MemoryEngine(),
        ], name: \.name
    ) { DatabaseError(.unknownStorage, "Unknown table engine \($0)") }

    /// The engines' names, sorted.
    static var names: [String] { engines.names }

    /// The engine called `name`; `UNKNOWN_STORAGE` (`Unknown table engine X`) when there is none.
    static func engine(named name: String) throws -> any TableEngine { try engines.entry(named: name) }

    /// The engine of a CREATE query; `INCORRECT_QUERY` when it names none.
    static func engine(of query: CreateTableQuery) throws -> any TableEngine {
        guard let engine = query.engine else {
            throw DatabaseError(.incorrectQuery, "Table engine is not specified in CREATE query")
        }
        return try self.engine(named: engine.name)
    }
}

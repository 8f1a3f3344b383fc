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

    /// Whether `SELECT … FINAL` may read the engine's tables (ClickHouse: the MergeTree family but plain MergeTree).
    var supportsFinal: Bool { get }

    /// How the engine's merges, INSERT blocks and FINAL reads combine rows of equal sorting key; nil when rows are
    /// kept as they are (MergeTree).
    func mergeAlgorithm(for table: MergeTreeTable, purpose: MergePurpose) throws -> (any MergeAlgorithm)?

    /// What rows are sorted by before they are written and merged: the sorting key, and what the engine appends to it
    /// (VersionedCollapsingMergeTree's version); nil for `ORDER BY tuple()`.
    func mergeSortKey(for table: MergeTreeTable) throws -> (any KeyExpressions)?
}

extension TableEngine {
    var supportsFinal: Bool { false }

    func mergeAlgorithm(for table: MergeTreeTable, purpose: MergePurpose) throws -> (any MergeAlgorithm)? { nil }

    func mergeSortKey(for table: MergeTreeTable) throws -> (any KeyExpressions)? { table.keys.sorting }

    /// ClickHouse's checks for an engine without arguments or keys (Memory, Null, the Log family): engine arguments
    /// are NUMBER_OF_ARGUMENTS_DOESNT_MATCH, a PARTITION BY, PRIMARY KEY, ORDER BY or SAMPLE BY is BAD_ARGUMENTS.
    func refuseArgumentsAndKeys(_ definition: CreateTableQuery) throws {
        let arguments = definition.engine?.arguments.count ?? 0
        guard arguments == 0 else {
            throw DatabaseError(
                .numberOfArgumentsDoesntMatch, "Engine \(name) doesn't support any arguments (\(arguments) given)")
        }
        if definition.partitionBy != nil || definition.primaryKey != nil || definition.orderBy != nil
            || definition.sampleBy != nil
        {
            throw DatabaseError(
                .badArguments,
                "Engine \(name) doesn't support PARTITION_BY, PRIMARY_KEY, ORDER_BY or SAMPLE_BY clauses.")
        }
    }
}

/// Every table engine, by name.
enum TableEngineRegistry {
    /// The registered engines; one line per engine.
    static let engines = Registry<any TableEngine>(
        [
            MergeTreeEngine(),
            ReplacingMergeTreeEngine(),
            SummingMergeTreeEngine(),
            CollapsingMergeTreeEngine(),
            VersionedCollapsingMergeTreeEngine(),
            AggregatingMergeTreeEngine(),
            MemoryEngine(),
            LogFamilyEngine(layout: .log),
            LogFamilyEngine(layout: .tinyLog),
            StripeLogEngine(),
            NullEngine(),
        ], name: \.name
    ) { DatabaseError(.unknownStorage, "Unknown table engine \($0)") }

    /// The engines' names, sorted.
    static var names: [String] { engines.names }

    /// The engine called `name`; `UNKNOWN_STORAGE` (`Unknown table engine X`) when there is none.
    static func engine(named name: String) throws -> any TableEngine { try engines.entry(named: name) }

    /// The engine of a MergeTree family table.
    static func engine(of table: MergeTreeTable) throws -> any TableEngine { try engine(named: table.engineName) }

    /// The engine of a CREATE query; `INCORRECT_QUERY` when it names none.
    static func engine(of query: CreateTableQuery) throws -> any TableEngine {
        guard let engine = query.engine else {
            throw DatabaseError(.incorrectQuery, "Table engine is not specified in CREATE query")
        }
        return try self.engine(named: engine.name)
    }
}

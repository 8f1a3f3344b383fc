import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// `ENGINE = ReplacingMergeTree([ver[, is_deleted]])`: MergeTree whose merges keep one row per sorting key, the one
/// with the greatest `ver` (or the last one); `is_deleted` (UInt8) marks rows SELECT … FINAL leaves out.
struct ReplacingMergeTreeEngine: MergeTreeFamilyEngine {
    var name: String { "ReplacingMergeTree" }

    /// The version and is_deleted columns of a definition, checked as ClickHouse checks them.
    private func parameters(_ query: CreateTableQuery, columns: [ColumnDescription]) throws -> (
        version: Int?, isDeleted: Int?
    ) {
        guard let engine = query.engine else { return (nil, nil) }
        try MergeTreeFamily.checkArgumentCount(
            engine, 0...2, description: "0 to 2 parameters: \n[is_deleted column],\n[version]")
        let names = try engine.arguments.map { argument in
            guard let name = MergeTreeFamily.columnName(argument) else {
                throw DatabaseError(.badArguments, "Wrong number of engine arguments.")
            }
            return name
        }
        var version: Int?
        var isDeleted: Int?
        if let name = names.first {
            let index = try MergeTreeFamily.column(
                name, in: columns, missing: "Version column \(name) does not exist in table declaration.")
            try MergeTreeFamily.checkVersionType(columns[index], engine: self.name)
            version = index
        }
        if names.count > 1 {
            let name = names[1]
            let index = try MergeTreeFamily.column(
                name, in: columns, missing: "is_deleted column \(name) does not exist in table declaration.")
            guard columns[index].type == .uint8 || columns[index].type == .bool else {
                throw DatabaseError(
                    .badTypeOfField,
                    "is_deleted column (\(name)) for storage \(self.name) must have type UInt8. Provided column of "
                        + "type \(columns[index].type).")
            }
            isDeleted = index
        }
        return (version, isDeleted)
    }

    func checkParameters(_ query: CreateTableQuery, columns: [ColumnDescription]) throws {
        _ = try parameters(query, columns: columns)
    }

    func mergeAlgorithm(for table: MergeTreeTable, purpose: MergePurpose) throws -> (any MergeAlgorithm)? {
        let (version, isDeleted) = try parameters(table.createQuery, columns: table.columns)
        return ReplacingAlgorithm(versionColumn: version, isDeletedColumn: isDeleted, cleanup: purpose == .final)
    }
}

import SHCore
import SHStorage

/// `system.databases`: one row per database.
struct SystemDatabases: RowsSystemTable {
    var name: String { "databases" }
    var columns: [(String, DataType)] {
        [
            ("name", .string), ("engine", .string), ("data_path", .string), ("metadata_path", .string),
            ("uuid", .uuid),
        ]
    }

    func rows(_ context: QueryContext) -> [[Value]] {
        (context.catalog.databaseNames().compactMap { context.catalog.database($0) }).map { db in
            [
                .string(db.name), .string(db.engine), .string(context.engine.path.path + "/data/"),
                .string(context.engine.path.path + "/metadata/\(escapeForFileName(db.name))/"),
                uuidValue(db.uuid),
            ]
        }
    }
}

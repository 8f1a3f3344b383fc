import SHBackup
import Testing

/// `BackupLayout`: the paths of ClickHouse's backup layout, escaped as ClickHouse's `escapeForFileName` does, and
/// the listing of `metadata/` parsed back.
@Suite struct BackupLayoutTests {
    /// Names with a space, a non-ASCII letter and a percent sign: escaped in every path, unescaped by the parse.
    @Test func pathsOfEscapedNamesRoundTrip() {
        let database = "my db"
        let table = "ü%t"
        #expect(BackupLayout.databaseMetadataPath(database) == "metadata/my%20db.sql")
        #expect(BackupLayout.tableMetadataPath(database: database, table: table) == "metadata/my%20db/%C3%BC%25t.sql")
        #expect(BackupLayout.tableDataPrefix(database: database, table: table) == "data/my%20db/%C3%BC%25t/")
        #expect(
            BackupLayout.tableDataPath(database: database, table: table, relativePath: "all_1_1_0/data.bin")
                == "data/my%20db/%C3%BC%25t/all_1_1_0/data.bin")
        let contents = BackupLayout.Contents(names: [
            BackupLayout.databaseMetadataPath(database),
            BackupLayout.tableMetadataPath(database: database, table: table),
        ])
        #expect(contents.databases == [database])
        #expect(contents.tables.map { "\($0.database).\($0.table)" } == ["my db.ü%t"])
        #expect(contents.contains(database: database, table: table))
        #expect(!contents.contains(database: database, table: "ü"))
    }

    /// The listing: databases and tables from `.sql` names, anything else ignored, and the hint in errors.
    @Test func listingParse() {
        let contents = BackupLayout.Contents(names: [
            "metadata/db.sql", "metadata/db/t2.sql", "metadata/db/t1.sql", "metadata/other/x.sql",
            "metadata/db/t1.sql.tmp", "metadata/db/deeper/x.sql", "data/db/t1/all_1_1_0/data.bin", ".backup",
        ])
        #expect(contents.databases == ["db"])
        #expect(contents.tables.map { "\($0.database).\($0.table)" } == ["db.t2", "db.t1", "other.x"])
        #expect(contents.hint == "The backup contains: db.t1, db.t2, other.x")
        #expect(BackupLayout.Contents(names: ["metadata/db.sql"]).hint == "The backup contains no tables.")
    }
}

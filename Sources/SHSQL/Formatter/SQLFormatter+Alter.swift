import SHCore

extension SQLFormatter {
    /// `ALTER TABLE t (command), (command)` as ClickHouse 26.9's `formatQuerySingleLine` prints it (each command
    /// in parentheses, with its spacing: `(RESET SETTING  a)`, `(ADD COLUMN x UInt8 FIRST )`).
    public static func formatAlter(_ query: AlterQuery) -> String {
        "ALTER TABLE " + formatTableName(query.table) + " "
            + query.commands.map { "(" + formatAlterCommand($0) + ")" }.joined(separator: ", ")
    }

    /// One ALTER command without its parentheses.
    public static func formatAlterCommand(_ command: AlterCommand) -> String {
        func ifExists(_ flag: Bool) -> String { flag ? "IF EXISTS " : "" }
        func ifNotExists(_ flag: Bool) -> String { flag ? "IF NOT EXISTS " : "" }
        func position(_ position: AlterPosition?) -> String {
            switch position {
            case .first: return " FIRST "
            case .after(let name): return " AFTER " + quoteIdentifierIfNeeded(name)
            case nil: return ""
            }
        }
        switch command {
        case .addColumn(let column, let flag, let at):
            return "ADD COLUMN " + ifNotExists(flag) + formatColumn(column) + position(at)
        case .dropColumn(let name, let flag):
            return "DROP COLUMN " + ifExists(flag) + quoteIdentifierIfNeeded(name)
        case .renameColumn(let from, let to, let flag):
            return "RENAME COLUMN " + ifExists(flag) + quoteIdentifierIfNeeded(from) + " TO "
                + quoteIdentifierIfNeeded(to)
        case .modifyColumn(let column, let flag, let at):
            return "MODIFY COLUMN " + ifExists(flag) + formatColumn(column) + position(at)
        case .commentColumn(let name, let comment, let flag):
            return "COMMENT COLUMN " + ifExists(flag) + quoteIdentifierIfNeeded(name) + " " + quoteString(comment)
        case .addIndex(let index, let flag, let at):
            let text = formatIndex(index)
            return "ADD INDEX " + ifNotExists(flag) + text.dropFirst("INDEX ".count) + position(at)
        case .dropIndex(let name, let flag):
            return "DROP INDEX " + ifExists(flag) + quoteIdentifierIfNeeded(name)
        case .addProjection(let projection, let flag, let at):
            let text = formatProjection(projection)
            return "ADD PROJECTION " + ifNotExists(flag) + text.dropFirst("PROJECTION ".count)
                + position(at)
        case .dropProjection(let name, let flag):
            return "DROP PROJECTION " + ifExists(flag) + quoteIdentifierIfNeeded(name)
        case .modifySetting(let settings):
            return "MODIFY SETTING " + formatSettings(settings)
        case .resetSetting(let names):
            return "RESET SETTING  " + names.map(quoteIdentifierIfNeeded).joined(separator: ", ")
        case .modifyTTL(let rules):
            return "MODIFY TTL " + rules.map(formatTTLElement).joined(separator: ", ")
        case .removeTTL:
            return "REMOVE TTL"
        case .modifyComment(let comment):
            return "MODIFY COMMENT " + quoteString(comment)
        case .modifyOrderBy(let key):
            return "MODIFY ORDER BY " + format(key)
        }
    }
}

import SHCore

extension Parser {
    /// A column type. Its text (its name and balanced arguments) is read by `DataType(parsing:)`, the one type
    /// grammar.
    mutating func parseDataType() throws -> DataType {
        try enter(3)
        defer { leave(3) }
        guard current.kind == .bareWord || current.kind == .quotedIdentifier else {
            note("data type")
            throw syntaxError()
        }
        return try DataType(parsing: try parseTypeText())
    }
}

import SHCore

extension CreateTableQuery {
    /// The query as ClickHouse stores it (metadata, backups, `create_table_query`): codec defaults filled in
    /// and, for MergeTree engines, `index_granularity = 8192` added when missing.
    public func normalizedForStorage() -> CreateTableQuery {
        withNormalizedCodecs().withDefaultMergeTreeSettings()
    }

    /// For MergeTree-family engines, the query with `index_granularity = 8192` appended to its settings when
    /// missing, as ClickHouse stores it; other engines are returned unchanged.
    public func withDefaultMergeTreeSettings() -> CreateTableQuery {
        guard let engine, engine.name.hasSuffix("MergeTree"),
            !settings.contains(where: { $0.name == "index_granularity" })
        else { return self }
        var copy = self
        copy.settings.append(SettingAssignment(name: "index_granularity", value: .literal(.unsignedInteger(8192))))
        return copy
    }

    /// Codecs with ClickHouse's default parameters written out: `Delta` → `Delta(4)` for Int32,
    /// `Gorilla` → `Gorilla(8)` for Float64, `ZSTD` → `ZSTD(1)`, `LZ4HC` → `LZ4HC(0)`, `FPC` → `FPC(12)`.
    public func withNormalizedCodecs() -> CreateTableQuery {
        var copy = self
        for index in copy.columns.indices {
            guard let codecs = copy.columns[index].codec else { continue }
            let width = copy.columns[index].type.removingNullable.withoutLowCardinality.fixedWidth
            copy.columns[index].codec = codecs.map { CreateTableQuery.normalizedCodec($0, width: width) }
        }
        return copy
    }

    /// One codec with ClickHouse's default parameters written out for values of `width` bytes.
    public static func normalizedCodec(_ codec: Expression, width: Int?) -> Expression {
        guard case .identifier(let parts) = codec, parts.count == 1 else { return codec }
        let number = { (value: Int) in Expression.literal(.unsignedInteger(UInt64(value))) }
        switch parts[0] {
        case "Delta", "Gorilla":
            guard let width, [1, 2, 4, 8].contains(width) else { return codec }
            return .call(parts[0], number(width))
        case "ZSTD": return .call("ZSTD", number(1))
        case "LZ4HC": return .call("LZ4HC", number(0))
        case "FPC": return .call("FPC", number(12))
        default: return codec
        }
    }
}

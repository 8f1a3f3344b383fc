import SHCore

/// `system.settings`: the query-level settings SwiftHouse knows, with the value the querying session has (a `SET`,
/// a request's or the query's `SETTINGS`), and ClickHouse's type, default and description. Clients read it on
/// connect to learn which settings they may send.
struct SystemSettings: RowsSystemTable {
    var name: String { "settings" }
    /// ClickHouse's `tier`: how supported a setting is.
    static let tierType = DataType.enum8(
        [("Production", 0), ("Obsolete", 4), ("Experimental", 8), ("Beta", 12), ("PrivatePreview", 16)].map {
            EnumElement(name: $0.0, value: $0.1)
        })

    var columns: [(String, DataType)] {
        [
            ("name", .string), ("value", .string), ("changed", .uint8), ("description", .string),
            ("min", .nullable(.string)), ("max", .nullable(.string)), ("disallowed_values", .array(.string)),
            ("readonly", .uint8), ("type", .string), ("default", .string), ("alias_for", .string),
            ("is_obsolete", .uint8), ("tier", Self.tierType),
        ]
    }

    func rows(_ context: QueryContext) -> [[Value]] {
        SettingsCatalog.known.sorted().map { name in
            let definition = SettingsCatalog.definitions[name]
            let defaultValue = definition?.defaultValue ?? ""
            let value = context.settings[name].map(Self.text) ?? defaultValue
            let obsolete = definition?.description.hasPrefix("Obsolete") == true
            return [
                .string(name), .string(value), .uint(value == defaultValue ? 0 : 1),
                .string(definition?.description ?? ""), .null, .null, .array([]), .uint(0),
                .string(definition?.type ?? ""), .string(defaultValue), .string(""), .uint(obsolete ? 1 : 0),
                .int(obsolete ? 4 : 0),
            ]
        }
    }

    /// A setting's value as `system.settings` prints it.
    static func text(_ value: Value) -> String {
        switch value {
        case .uint(let v): String(v)
        case .int(let v): String(v)
        case .float(let v): String(v)
        case .string(let bytes): String(decoding: bytes, as: UTF8.self)
        default: "\(value)"
        }
    }
}

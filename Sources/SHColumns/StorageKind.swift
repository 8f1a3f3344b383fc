import SHCore

/// How a type's values are laid out in a `Column`.
public enum StorageKind: Sendable {
    case fixed(width: Int)
    case string
    case nullable(DataType)
    case array(DataType)
    case tuple([DataType])
}

extension DataType {
    public var storageKind: StorageKind {
        switch self {
        case .string, .aggregateFunction: .string
        case .simpleAggregateFunction(_, let inner): inner.storageKind
        case .nullable(let inner): .nullable(inner)
        case .array(let inner): .array(inner)
        case .tuple(let items, _): .tuple(items)
        case .lowCardinality(let inner): inner.storageKind
        case .map: mapEntries?.storageKind ?? .string
        default: .fixed(width: fixedWidth ?? 1)
        }
    }
}

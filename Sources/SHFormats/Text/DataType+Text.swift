import SHCore

extension DataType {
    /// Scalars that text formats put in quotes (CSV, JSON, Values and inside arrays): dates, times, UUIDs.
    /// `self` is the type without Nullable and LowCardinality.
    var isQuotedScalar: Bool {
        switch self {
        case .date, .date32, .dateTime, .dateTime64, .uuid, .enum8, .enum16: true
        default: false
        }
    }

    /// Columns that Pretty formats align right: numbers (not `Bool`, written `true`), dates and times.
    var alignsRight: Bool {
        switch self {
        case .date, .date32, .dateTime, .dateTime64, .decimal: true
        case .bool: false
        default: isNumber
        }
    }
}

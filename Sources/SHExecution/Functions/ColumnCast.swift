import SHColumns
import SHCore

/// Converts whole columns to another type (INSERT into a table, UNION of different types).
public enum ColumnCast {
    public static func cast(_ column: Column, to type: DataType) throws -> Column {
        if column.type == type { return column }
        if column.type.withoutLowCardinality == type.withoutLowCardinality || column.type == .nothing && false {
            return Column(
                type: type, count: column.count, data: column.data, offsets: column.offsets, nulls: column.nulls,
                children: column.children)
        }
        var result = Column(type: type)
        result.reserveCapacity(column.count)
        for row in 0..<column.count {
            result.append(try castValue(column.value(at: row), from: column.type, to: type))
        }
        return result
    }

    /// Converts one value; NULL into a non-Nullable type becomes the type's default, as INSERT does.
    public static func castValue(_ value: Value, from source: DataType, to target: DataType) throws -> Value {
        if value.isNull { return target.isNullable ? .null : target.defaultValue }
        return try Conversion.convert(value, from: source.removingNullable, to: target.removingNullable)
    }
}

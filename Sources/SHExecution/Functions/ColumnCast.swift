import SHColumns
import SHCore

/// Converts whole columns to another type (INSERT into a table, UNION of different types).
public enum ColumnCast {
    public static func cast(_ column: Column, to type: DataType) throws -> Column {
        if column.type == type { return column }
        if column.type.aggregateFunction != nil || type.aggregateFunction != nil, column.type != .nothing {
            try checkStateConversion(from: column.type, to: type)
            return Column(type: type, count: column.count, data: column.data, offsets: column.offsets)
        }
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

    /// A state converts only to a type whose states are the same bytes (ClickHouse's `haveSameStateRepresentation`):
    /// the same function, parameters and arguments, or `count` of any arguments (its state is the row count however
    /// NULLs were counted). Anything else to or from an `AggregateFunction` is CANNOT_CONVERT_TYPE.
    static func checkStateConversion(from source: DataType, to target: DataType) throws {
        guard source != target else { return }
        guard let from = source.aggregateFunction, let to = target.aggregateFunction, from.name == to.name,
            from.parameters == to.parameters, from.argumentTypes == to.argumentTypes || from.name == "count"
        else {
            throw DatabaseError(.cannotConvertType, "Conversion from \(source) to \(target) is not supported")
        }
    }

    /// Converts one value; NULL into a non-Nullable type becomes the type's default, as INSERT does.
    public static func castValue(_ value: Value, from source: DataType, to target: DataType) throws -> Value {
        if source.aggregateFunction != nil || target.aggregateFunction != nil, source != .nothing {
            try checkStateConversion(from: source, to: target)
            return value
        }
        if value.isNull { return target.isNullable ? .null : target.defaultValue }
        return try Conversion.convert(value, from: source.removingNullable, to: target.removingNullable)
    }
}

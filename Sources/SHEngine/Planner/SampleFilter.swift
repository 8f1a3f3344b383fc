import SHCore
import SHSQL
import SHStorage

/// `SELECT … FROM t SAMPLE k [OFFSET m]` on a MergeTree with `SAMPLE BY expr`: the rows whose sampling value is in
/// ClickHouse's half-open range `[⌊U·m⌋, ⌊U·(m + k)⌋)`, U being the size of the sampling type's range (2^8 … 2^64),
/// the bounds left out at 0 and U (`MergeTreeDataSelectExecutor`'s sampling). The range becomes a WHERE condition.
enum SampleFilter {
    /// The bits of the sampling expression's type (UInt8 … UInt64); nil for any other type.
    static func universeBits(_ type: DataType) -> Int? {
        switch type.withoutLowCardinality {
        case .uint8: 8
        case .uint16: 16
        case .uint32: 32
        case .uint64: 64
        default: nil
        }
    }

    /// `query` with its SAMPLE clause turned into a condition on the table's sampling expression.
    static func apply(_ query: SelectQuery, context: QueryContext) throws -> SelectQuery {
        guard let sample = query.sample else { return query }
        var rewritten = query
        rewritten.sample = nil
        guard case .table(let name, _)? = query.from else {
            throw DatabaseError(.samplingNotSupported, "Illegal SAMPLE: the source is not a table")
        }
        let (database, tableName) = context.qualify(name)
        let table = try context.catalog.table(database: database, name: tableName)
        guard table is MergeTreeTable, let written = table.createQuery.sampleBy else {
            throw DatabaseError(.samplingNotSupported, "Storage \(database).\(tableName) doesn't support sampling")
        }
        let size = sample.size
        let offset = sample.offset ?? SampleClause.Ratio(numerator: 0, denominator: 1)
        guard size.denominator > 0, offset.denominator > 0 else {
            throw DatabaseError(.notImplemented, "SAMPLE with a zero denominator is not supported yet")
        }
        guard size.numerator <= size.denominator else {
            throw DatabaseError(.notImplemented, "SAMPLE with a number of rows (SAMPLE n, n > 1) is not supported yet")
        }
        guard offset.numerator <= offset.denominator else {
            throw DatabaseError(.notImplemented, "SAMPLE … OFFSET with a number of rows is not supported yet")
        }
        // SAMPLE 0 and SAMPLE 1 read everything, as in ClickHouse (a relative size of 1 is no sampling).
        guard size.numerator > 0, size.numerator < size.denominator else { return rewritten }
        let sampleBy = BoundKeyExpressions.samplingExpression(written)
        let sampling = try BoundKeyExpressions([sampleBy], columns: table.columns, purpose: "Sampling key")
        guard let bits = universeBits(sampling.types[0]) else {
            throw DatabaseError(
                .illegalTypeOfColumnForFilter,
                "Invalid sampling column type in storage parameters: \(sampling.types[0]). Must be one unsigned integer type"
            )
        }
        // end = offset + size as one fraction; the bounds are ⌊U·offset⌋ and ⌊U·end⌋ (U = 2^bits).
        let (endNumerator, endDenominator) = try add(offset, size)
        let lower = try scaled(UInt128(offset.numerator), UInt128(offset.denominator), bits: bits)
        let upper = try scaled(endNumerator, endDenominator, bits: bits)
        var conditions: [Expression] = []
        if lower > 0 {
            conditions.append(
                .function(FunctionCall(name: "greaterOrEquals", arguments: [sampleBy, literal(lower)])))
        }
        if endNumerator < endDenominator {
            conditions.append(.function(FunctionCall(name: "less", arguments: [sampleBy, literal(upper)])))
        }
        if let existing = query.whereClause { conditions.insert(existing, at: 0) }
        rewritten.whereClause = conditions.dropFirst().reduce(conditions.first) { combined, next in
            combined.map { .function(FunctionCall(name: "and", arguments: [$0, next])) }
        }
        return rewritten
    }

    private static func literal(_ value: UInt128) -> Expression {
        .literal(.unsignedInteger(UInt64(truncatingIfNeeded: value)))
    }

    private static func tooPrecise() -> DatabaseError {
        DatabaseError(.notImplemented, "SAMPLE ratios this precise are not supported yet")
    }

    /// `a + b` as a fraction (numerator, denominator) in 128-bit arithmetic.
    private static func add(_ a: SampleClause.Ratio, _ b: SampleClause.Ratio) throws -> (UInt128, UInt128) {
        let (x, o1) = UInt128(a.numerator).multipliedReportingOverflow(by: UInt128(b.denominator))
        let (y, o2) = UInt128(b.numerator).multipliedReportingOverflow(by: UInt128(a.denominator))
        let (sum, o3) = x.addingReportingOverflow(y)
        guard !o1, !o2, !o3 else { throw tooPrecise() }
        return (sum, UInt128(a.denominator) * UInt128(b.denominator))
    }

    /// ⌊2^bits · numerator / denominator⌋ for a fraction of at most 1 (so the result fits 2^bits).
    private static func scaled(_ numerator: UInt128, _ denominator: UInt128, bits: Int) throws -> UInt128 {
        // 2^bits · n / d = (2^bits · (n / d)) + 2^bits · (n mod d) / d, computed without overflowing 128 bits.
        let whole = numerator / denominator
        let remainder = numerator % denominator
        guard whole <= 1 else { throw tooPrecise() }
        if whole == 1 { return UInt128(1) << bits }
        // remainder < denominator; 2^bits · remainder must fit: remainder < 2^(128 - bits).
        guard remainder.leadingZeroBitCount >= bits else { throw tooPrecise() }
        return (remainder << bits) / denominator
    }
}

import SHCodecs
import SHColumns
import SHCore

/// The state of `quantile`, `quantiles` and `median` (ClickHouse's `QuantileReservoirSampler`) over values of
/// `Element`, the argument's native type.
struct ReservoirQuantileState<Element: SketchNumber>: StoredAggregateState {
    let levels: QuantileLevels
    let resultType: QuantileResultType
    private(set) var sampler = ReservoirSampler<Element>()

    init(levels: QuantileLevels, resultType: QuantileResultType) {
        self.levels = levels
        self.resultType = resultType
    }

    mutating func add(_ arguments: [Column], row: Int) { sampler.insert(Element.load(arguments[0], row: row)) }

    func result() -> Value {
        let sorted = sampler.sortedSamples
        return levels.result(
            levels.levels.map { level in resultType.value(sampler.quantileInterpolated(level, sorted: sorted)) })
    }

    mutating func merge(_ other: ReservoirQuantileState) { sampler.merge(other.sampler) }

    func serialize(into bytes: inout [UInt8]) { sampler.serialize(into: &bytes) }

    mutating func deserialize(from reader: inout ByteReader) throws {
        sampler = try ReservoirSampler<Element>.deserialize(from: &reader)
    }
}

/// The state of `quantileTDigest`, `quantilesTDigest` and their `Weighted` forms (ClickHouse's `QuantileTDigest`)
/// over values of `Element`; the weighted forms read an unsigned integer weight from the second argument.
struct TDigestQuantileState<Element: SketchNumber>: StoredAggregateState {
    let levels: QuantileLevels
    let resultType: QuantileResultType
    /// The width of the weight argument's integers (0: not weighted).
    let weightWidth: Int
    private(set) var digest = TDigest()

    init(levels: QuantileLevels, resultType: QuantileResultType, weightWidth: Int) {
        self.levels = levels
        self.resultType = resultType
        self.weightWidth = weightWidth
    }

    mutating func add(_ arguments: [Column], row: Int) {
        let weight = weightWidth == 0 ? 1 : arguments[1].rawBits(at: row, width: weightWidth)
        digest.add(Element.load(arguments[0], row: row).floatValue, weight: weight)
    }

    func result() -> Value {
        levels.result(digest.quantiles(levels).map { resultType.value(Double($0)) })
    }

    mutating func merge(_ other: TDigestQuantileState) { digest.merge(other.digest) }

    func serialize(into bytes: inout [UInt8]) { digest.serialize(into: &bytes) }

    mutating func deserialize(from reader: inout ByteReader) throws {
        digest = try TDigest.deserialize(from: &reader)
    }
}

import Foundation
import SHCodecs
import SHCore

/// ClickHouse's `QuantileTDigest`: centroids (Float32 mean and count) that are sorted and compressed once more
/// than 2048 have been added since the last compression, under the size bound `4 q (1 - q) epsilon N`. Every
/// intermediate has the precision ClickHouse gives it (Float64 temporaries, Float32 centroids), so the same rows
/// give the same bytes.
struct TDigest: Sendable {
    struct Centroid: Sendable, Equatable {
        var mean: Float
        var count: Float
    }

    /// ClickHouse's epsilon is the Float32 0.01.
    static let epsilon = Double(Float(0.01))
    static let maxCentroids = 2048
    static let maxUnmerged = 2048
    /// The most centroids a serialized digest may hold.
    static let maxCentroidsDeserialize = 65536

    private(set) var centroids: [Centroid] = []
    /// The total weight.
    private(set) var count: Double = 0
    /// Centroids added since the last compression.
    private(set) var unmerged = 0

    /// Adds `value` with `weight`; a zero weight or a NaN adds nothing.
    mutating func add(_ value: Float, weight: UInt64) {
        if weight == 0 || value.isNaN { return }
        addCentroid(Centroid(mean: value, count: Float(weight)))
    }

    private mutating func addCentroid(_ centroid: Centroid) {
        centroids.append(centroid)
        count += Double(centroid.count)
        unmerged += 1
        if unmerged > Self.maxUnmerged { compress() }
    }

    /// Adds every centroid of `other` (ClickHouse's `merge`).
    mutating func merge(_ other: TDigest) {
        for centroid in other.centroids { addCentroid(centroid) }
    }

    private static func canBeMerged(_ leftMean: Double, _ rightMean: Float) -> Bool {
        leftMean == Double(rightMean) || (!leftMean.isInfinite && !rightMean.isInfinite)
    }

    /// The key ClickHouse's radix sort orders Float32 means by: the bits flipped so that they sort as unsigned
    /// integers (so -0 comes before +0); equal keys keep their order.
    private static func sortKey(_ mean: Float) -> UInt32 {
        let bits = mean.bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits ^ 0x8000_0000
    }

    private mutating func sortByMean() {
        centroids = centroids.enumerated()
            .map { (key: Self.sortKey($0.element.mean), index: $0.offset, centroid: $0.element) }
            .sorted { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
            .map(\.centroid)
    }

    /// Sorts and merges neighbouring centroids whose combined weight fits the bound at their quantile.
    mutating func compress() {
        if (unmerged > 0 || centroids.count > Self.maxCentroids) && !centroids.isEmpty {
            sortByMean()
            let countEpsilon4 = count * Self.epsilon * 4
            var left = 0
            var sum = 0.0
            var leftMean = Double(centroids[0].mean)
            var leftCount = Double(centroids[0].count)
            for right in 1..<max(1, centroids.count) {
                let rightCentroid = centroids[right]
                let ql = (sum + leftCount * 0.5) / count
                var err = ql * (1 - ql)
                let qr = (sum + leftCount + Double(rightCentroid.count) * 0.5) / count
                err = min(err, qr * (1 - qr))
                let bound = countEpsilon4 * err
                if leftCount + Double(rightCentroid.count) <= bound && Self.canBeMerged(leftMean, rightCentroid.mean) {
                    leftCount += Double(rightCentroid.count)
                    if Double(rightCentroid.mean) != leftMean {
                        leftMean += Double(rightCentroid.count) * (Double(rightCentroid.mean) - leftMean) / leftCount
                    }
                    centroids[left] = Centroid(mean: Float(leftMean), count: Float(leftCount))
                } else {
                    sum += Double(centroids[left].count)
                    left += 1
                    centroids[left] = rightCentroid
                    leftMean = Double(rightCentroid.mean)
                    leftCount = Double(rightCentroid.count)
                }
            }
            count = sum + leftCount
            centroids.removeLast(centroids.count - (left + 1))
            unmerged = 0
        }
        compressBrute()
    }

    /// Merges whole batches of neighbours until at most `maxCentroids` remain (ClickHouse's `compressBrute`).
    private mutating func compressBrute() {
        guard centroids.count > Self.maxCentroids else { return }
        let batchSize = (centroids.count + Self.maxCentroids - 1) / Self.maxCentroids
        var left = 0
        var sum = 0.0
        var leftMean = Double(centroids[0].mean)
        var leftCount = Double(centroids[0].count)
        var batchPosition = 0
        for right in 1..<centroids.count {
            let rightCentroid = centroids[right]
            if batchPosition < batchSize - 1 {
                leftCount += Double(rightCentroid.count)
                if Double(rightCentroid.mean) != leftMean {
                    leftMean += Double(rightCentroid.count) * (Double(rightCentroid.mean) - leftMean) / leftCount
                }
                centroids[left] = Centroid(mean: Float(leftMean), count: Float(leftCount))
                batchPosition += 1
            } else {
                if !centroids[left].mean.isNaN {
                    sum += Double(centroids[left].count)
                    left += 1
                }
                centroids[left] = rightCentroid
                leftMean = Double(rightCentroid.mean)
                leftCount = Double(rightCentroid.count)
                batchPosition = 0
            }
        }
        if !centroids[left].mean.isNaN {
            count = sum + leftCount
            centroids.removeLast(centroids.count - (left + 1))
        } else {
            count = sum
            centroids.removeLast(centroids.count - left)
        }
    }

    /// ClickHouse's `interpolate`: the positions are rounded to Float32 (its parameters' type), the slope and the
    /// weighted sum of the means computed in Float64, the result rounded to Float32.
    private static func interpolate(_ x: Float, _ x1: Float, _ y1: Float, _ x2: Float, _ y2: Float) -> Float {
        let k = (Double(x) - Double(x1)) / (Double(x2) - Double(x1))
        return Float((1 - k) * Double(y1) + k * Double(y2))
    }

    /// The quantile at each of `levels` (in their order) of the compressed digest; NaN for an empty one.
    func quantiles(_ levels: QuantileLevels) -> [Float] {
        var results = [Float](repeating: .nan, count: levels.levels.count)
        guard !centroids.isEmpty else { return results }
        var digest = self
        digest.compress()
        let centroids = digest.centroids
        guard centroids.count > 1 else { return results.map { _ in centroids[0].mean } }
        var resultIndex = 0
        var x = levels.levels[levels.ascending[0]] * digest.count
        var previousX = 0.0
        var sum: Float = 0
        var previousMean = centroids[0].mean
        var previousCount = centroids[0].count
        for centroid in centroids {
            let currentX = Double(sum) + Double(centroid.count) * 0.5
            if currentX >= x {
                // Singletons are points, not spans.
                let left = previousX + (previousCount == 1 ? 0.5 : 0)
                let right = currentX - (centroid.count == 1 ? 0.5 : 0)
                while currentX >= x {
                    results[levels.ascending[resultIndex]] =
                        if x <= left {
                            previousMean
                        } else if x >= right {
                            centroid.mean
                        } else {
                            Self.interpolate(Float(x), Float(left), previousMean, Float(right), centroid.mean)
                        }
                    resultIndex += 1
                    if resultIndex >= levels.levels.count { return results }
                    x = levels.levels[levels.ascending[resultIndex]] * digest.count
                }
            }
            sum += centroid.count
            previousMean = centroid.mean
            previousCount = centroid.count
            previousX = currentX
        }
        for index in resultIndex..<levels.levels.count {
            results[levels.ascending[index]] = centroids[centroids.count - 1].mean
        }
        return results
    }

    /// ClickHouse's `serialize`: the digest compressed, then VarUInt count and (mean, count) Float32 pairs.
    func serialize(into bytes: inout [UInt8]) {
        var digest = self
        digest.compress()
        VarUInt.write(UInt64(digest.centroids.count), to: &bytes)
        for centroid in digest.centroids {
            bytes.appendLittleEndian(centroid.mean.bitPattern)
            bytes.appendLittleEndian(centroid.count.bitPattern)
        }
    }

    /// A Float32 as `fmt` prints it: the shortest text that reads back, without a fraction when integral.
    private static func shortest(_ value: Float) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// ClickHouse's `deserialize`: at most 65536 centroids, each with a positive count; NaN means are dropped and
    /// the result compressed.
    static func deserialize(from reader: inout ByteReader) throws -> TDigest {
        let size = try reader.readVarUInt()
        guard size <= UInt64(maxCentroidsDeserialize) else {
            throw DatabaseError(.tooLargeArraySize, "Too large t-digest centroids size")
        }
        try reader.require(Int(size) * 8)
        var digest = TDigest()
        digest.centroids.reserveCapacity(Int(size))
        for _ in 0..<size {
            let mean = Float(bitPattern: try reader.read(UInt32.self))
            let count = Float(bitPattern: try reader.read(UInt32.self))
            guard count > 0 else {
                throw DatabaseError(
                    .cannotParseInputAssertionFailed,
                    "Invalid centroid \(Self.shortest(count)):\(String(format: "%f", Double(mean)))")
            }
            if !mean.isNaN {
                digest.count += Double(count)
                digest.centroids.append(Centroid(mean: mean, count: count))
            }
        }
        digest.compress()
        return digest
    }
}

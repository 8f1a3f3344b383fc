import SHCore

extension Column {
    /// Compares row `i` of this column with row `j` of `other` (same type) without building values:
    /// numbers by value, strings byte-wise, arrays and tuples lexicographically, NULL last.
    public func compareRow(_ i: Int, to other: Column, row j: Int) -> Int {
        switch type.storageKind {
        case .fixed(let width):
            switch type.withoutLowCardinality {
            case let base where base.isSignedStorage:
                let shift = UInt64(64 - width * 8)
                let a = Int64(bitPattern: rawBits(at: i, width: width) << shift) >> Int64(shift)
                let b = Int64(bitPattern: other.rawBits(at: j, width: width) << shift) >> Int64(shift)
                return a < b ? -1 : (a == b ? 0 : 1)
            case .decimal where width == 16, .int128:
                let (a, b) = (int128(at: i), other.int128(at: j))
                return a < b ? -1 : (a == b ? 0 : 1)
            case .float32, .float64, .uuid, .fixedString, .ipv6, .uint128, .int256, .uint256, .decimal:
                return Value.compare(value(at: i), other.value(at: j))
            default:
                let a = rawBits(at: i, width: width)
                let b = other.rawBits(at: j, width: width)
                return a < b ? -1 : (a == b ? 0 : 1)
            }
        case .string:
            let x = bounds(of: i)
            let y = other.bounds(of: j)
            let n = min(x.count, y.count)
            for k in 0..<n {
                let p = data[x.lowerBound + k]
                let q = other.data[y.lowerBound + k]
                if p != q { return p < q ? -1 : 1 }
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        case .nullable:
            let a = nulls[i] != 0
            let b = other.nulls[j] != 0
            if a || b { return a == b ? 0 : (a ? 1 : -1) }
            return children[0].compareRow(i, to: other.children[0], row: j)
        case .array:
            let x = bounds(of: i)
            let y = other.bounds(of: j)
            for k in 0..<min(x.count, y.count) {
                let c = children[0].compareRow(x.lowerBound + k, to: other.children[0], row: y.lowerBound + k)
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        case .tuple:
            for index in children.indices {
                let c = children[index].compareRow(i, to: other.children[index], row: j)
                if c != 0 { return c }
            }
            return 0
        }
    }

    /// A column holding `count` copies of row `row`.
    public func repeated(row: Int, count: Int) -> Column {
        var result = Column(type: type)
        for _ in 0..<count { result.append(contentsOf: self, range: row..<(row + 1)) }
        return result
    }
}

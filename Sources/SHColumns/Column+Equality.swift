import SHCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Column {
    /// Whether row `i` of this column equals row `j` of `other` (same type), with ClickHouse's comparison
    /// semantics; arrays and tuples are checked a whole substream at a time instead of element by element.
    public func rowEquals(_ i: Int, to other: Column, row j: Int) -> Bool {
        rangeEquals(i..<(i + 1), to: other, from: j)
    }

    /// Whether rows `range` of this column equal as many rows of `other` starting at `start`.
    public func rangeEquals(_ range: Range<Int>, to other: Column, from start: Int) -> Bool {
        guard !range.isEmpty else { return true }
        let otherRange = start..<(start + range.count)
        switch type.storageKind {
        case .fixed(let width):
            if bytesEqual(data, range.lowerBound * width, other.data, start * width, count: range.count * width) {
                return true
            }
            // Floats: bitwise different can still be equal (0.0 and -0.0), so compare by value.
            return zip(range, otherRange).allSatisfy { compareRow($0, to: other, row: $1) == 0 }
        case .string:
            guard sameShapes(range, other, otherRange) else { return false }
            let (first, otherFirst) = (startOffset(range.lowerBound), other.startOffset(start))
            let length = Int(offsets[range.upperBound - 1]) - first
            return bytesEqual(data, first, other.data, otherFirst, count: length)
        case .nullable:
            guard bytesEqual(nulls, range.lowerBound, other.nulls, start, count: range.count) else { return false }
            if children[0].rangeEquals(range, to: other.children[0], from: start) { return true }
            // Values under NULL do not count.
            return zip(range, otherRange).allSatisfy {
                nulls[$0] != 0 || children[0].compareRow($0, to: other.children[0], row: $1) == 0
            }
        case .array:
            guard sameShapes(range, other, otherRange) else { return false }
            let (first, otherFirst) = (startOffset(range.lowerBound), other.startOffset(start))
            let end = Int(offsets[range.upperBound - 1])
            return children[0].rangeEquals(first..<end, to: other.children[0], from: otherFirst)
        case .tuple:
            return children.indices.allSatisfy { children[$0].rangeEquals(range, to: other.children[$0], from: start) }
        }
    }

    private func startOffset(_ row: Int) -> Int { row == 0 ? 0 : Int(offsets[row - 1]) }

    /// Whether rows have the same lengths (strings) or element counts (arrays) in both columns.
    private func sameShapes(_ range: Range<Int>, _ other: Column, _ otherRange: Range<Int>) -> Bool {
        offsets.withUnsafeBufferPointer { mine in
            other.offsets.withUnsafeBufferPointer { theirs in
                var previous = range.lowerBound == 0 ? 0 : mine[range.lowerBound - 1]
                var otherPrevious = otherRange.lowerBound == 0 ? 0 : theirs[otherRange.lowerBound - 1]
                var j = otherRange.lowerBound
                for i in range {
                    if mine[i] &- previous != theirs[j] &- otherPrevious { return false }
                    previous = mine[i]
                    otherPrevious = theirs[j]
                    j += 1
                }
                return true
            }
        }
    }
}

private func bytesEqual(_ a: [UInt8], _ aStart: Int, _ b: [UInt8], _ bStart: Int, count: Int) -> Bool {
    guard count > 0 else { return true }
    return a.withUnsafeBytes { a in
        b.withUnsafeBytes { b in memcmp(a.baseAddress! + aStart, b.baseAddress! + bStart, count) == 0 }
    }
}

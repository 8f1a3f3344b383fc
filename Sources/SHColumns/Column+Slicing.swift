import SHCore

extension Column {
    /// Appends rows `range` of `other` (same type) to this column.
    public mutating func append(contentsOf other: Column, range: Range<Int>) {
        guard !range.isEmpty else { return }
        switch type.storageKind {
        case .fixed(let width):
            data.append(contentsOf: other.data[range.lowerBound * width..<range.upperBound * width])
        case .string:
            let start = range.lowerBound == 0 ? 0 : Int(other.offsets[range.lowerBound - 1])
            let end = Int(other.offsets[range.upperBound - 1])
            let shift = UInt64(data.count) &- UInt64(start)
            data.append(contentsOf: other.data[start..<end])
            appendOffsets(other.offsets[range], shiftedBy: shift)
        case .nullable:
            nulls.append(contentsOf: other.nulls[range])
            children[0].append(contentsOf: other.children[0], range: range)
        case .array:
            let start = range.lowerBound == 0 ? 0 : Int(other.offsets[range.lowerBound - 1])
            let end = Int(other.offsets[range.upperBound - 1])
            let shift = UInt64(children[0].count) &- UInt64(start)
            children[0].append(contentsOf: other.children[0], range: start..<end)
            appendOffsets(other.offsets[range], shiftedBy: shift)
        case .tuple:
            for index in children.indices {
                children[index].append(contentsOf: other.children[index], range: range)
            }
        }
        count += range.count
    }

    private mutating func appendOffsets(_ source: ArraySlice<UInt64>, shiftedBy shift: UInt64) {
        let start = offsets.count
        offsets.append(contentsOf: source)
        offsets.withUnsafeMutableBufferPointer { offsets in
            for index in start..<offsets.count { offsets[index] &+= shift }
        }
    }

    /// Appends every row of `other`.
    public mutating func append(contentsOf other: Column) {
        append(contentsOf: other, range: 0..<other.count)
    }

    /// A new column with rows `range`.
    public func slice(_ range: Range<Int>) -> Column {
        var result = Column(type: type)
        result.append(contentsOf: self, range: range)
        return result
    }

    /// A new column with the rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> Column {
        var result = Column(type: type)
        result.reserveCapacity(indices.count)
        var runStart = 0
        // Copy runs of consecutive indices at once.
        while runStart < indices.count {
            var runEnd = runStart + 1
            while runEnd < indices.count, indices[runEnd] == indices[runEnd - 1] + 1 { runEnd += 1 }
            result.append(contentsOf: self, range: indices[runStart]..<(indices[runEnd - 1] + 1))
            runStart = runEnd
        }
        return result
    }
}

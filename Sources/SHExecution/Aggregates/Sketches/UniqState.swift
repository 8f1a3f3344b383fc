import SHCodecs
import SHColumns
import SHCore

/// The state of `uniq(x, ...)`: a `UniquesHashSet` of the arguments' hashes; the result is its estimate (UInt64).
struct UniqState: StoredAggregateState {
    let hashing: UniqHashing
    private(set) var set = UniquesHashSet()

    init(hashing: UniqHashing) { self.hashing = hashing }

    mutating func add(_ arguments: [Column], row: Int) {
        set.insert(hash: hashing.hash(arguments, row))
    }

    func result() -> Value { .uint(set.estimate) }

    mutating func merge(_ other: UniqState) { set.merge(other.set) }

    func serialize(into bytes: inout [UInt8]) { set.serialize(into: &bytes) }

    mutating func deserialize(from reader: inout ByteReader) throws {
        set = try UniquesHashSet.deserialize(from: &reader)
    }
}

/// CityHash64 v1.0.2, the variant ClickHouse bundles (`contrib/cityhash102`): `cityHash64` and its combination of
/// argument hashes (`Hash128to64`).
public enum CityHash64 {
    private typealias City = CityHash128

    /// `CityHash64(s, len)` of the bytes.
    public static func hash(_ s: UnsafeRawBufferPointer) -> UInt64 {
        let len = s.count
        if len <= 16 { return City.hashLen0to16(s) }
        if len <= 32 { return hashLen17to32(s) }
        if len <= 64 { return hashLen33to64(s) }
        // Over 64 bytes: the end first, then 64-byte blocks with 56 bytes of state.
        var x = City.load64(s, 0)
        var y = City.load64(s, len - 16) ^ City.k1
        var z = City.load64(s, len - 56) ^ City.k0
        var v = City.weakHash32(s, len - 64, UInt64(len), y)
        var w = City.weakHash32(s, len - 32, UInt64(len) &* City.k1, City.k0)
        z = z &+ City.shiftMix(v.1) &* City.k1
        x = City.rotate(z &+ x, 39) &* City.k1
        y = City.rotate(y, 33) &* City.k1
        var remaining = (len - 1) & ~63
        var offset = 0
        repeat {
            x = City.rotate(x &+ y &+ v.0 &+ City.load64(s, offset + 16), 37) &* City.k1
            y = City.rotate(y &+ v.1 &+ City.load64(s, offset + 48), 42) &* City.k1
            x ^= w.1
            y ^= v.0
            z = City.rotate(z ^ w.0, 33)
            v = City.weakHash32(s, offset, v.1 &* City.k1, x &+ w.0)
            w = City.weakHash32(s, offset + 32, z &+ w.1, y)
            swap(&z, &x)
            offset += 64
            remaining -= 64
        } while remaining != 0
        return hash16(
            hash16(v.0, w.0) &+ City.shiftMix(y) &* City.k1 &+ z, hash16(v.1, w.1) &+ x)
    }

    /// `CityHash64` of a byte array.
    public static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { hash($0) } }

    /// `Hash128to64(uint128(low, high))`: how ClickHouse's `cityHash64` combines the hashes of its arguments.
    public static func hash16(_ low: UInt64, _ high: UInt64) -> UInt64 { City.hash128to64(low, high) }

    private static func hashLen17to32(_ s: UnsafeRawBufferPointer) -> UInt64 {
        let len = s.count
        let a = City.load64(s, 0) &* City.k1
        let b = City.load64(s, 8)
        let c = City.load64(s, len - 8) &* City.k2
        let d = City.load64(s, len - 16) &* City.k0
        return hash16(
            City.rotate(a &- b, 43) &+ City.rotate(c, 30) &+ d,
            a &+ City.rotate(b ^ City.k3, 20) &- c &+ UInt64(len))
    }

    private static func hashLen33to64(_ s: UnsafeRawBufferPointer) -> UInt64 {
        let len = s.count
        var z = City.load64(s, 24)
        var a = City.load64(s, 0) &+ (UInt64(len) &+ City.load64(s, len - 16)) &* City.k0
        var b = City.rotate(a &+ z, 52)
        var c = City.rotate(a, 37)
        a = a &+ City.load64(s, 8)
        c = c &+ City.rotate(a, 7)
        a = a &+ City.load64(s, 16)
        let vf = a &+ z
        let vs = b &+ City.rotate(a, 31) &+ c
        a = City.load64(s, 16) &+ City.load64(s, len - 32)
        z = City.load64(s, len - 8)
        b = City.rotate(a &+ z, 52)
        c = City.rotate(a, 37)
        a = a &+ City.load64(s, len - 24)
        c = c &+ City.rotate(a, 7)
        a = a &+ City.load64(s, len - 16)
        let wf = a &+ z
        let ws = b &+ City.rotate(a, 31) &+ c
        let r = City.shiftMix((vf &+ ws) &* City.k2 &+ (wf &+ vs) &* City.k0)
        return City.shiftMix(r &* City.k0 &+ vs) &* City.k2
    }
}

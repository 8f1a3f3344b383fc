/// CityHash128 v1.0.2, the variant ClickHouse bundles (`contrib/cityhash102`): block checksums and file hashes.
public enum CityHash128 {
    static let k0: UInt64 = 0xc3a5_c85c_97cb_3127
    static let k1: UInt64 = 0xb492_b66f_be98_f273
    static let k2: UInt64 = 0x9ae1_6a3b_2f90_404f
    static let k3: UInt64 = 0xc949_d7c7_509e_6557

    /// `CityHash128(s, len)` of the bytes.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt128Hash {
        let n = bytes.count
        if n >= 16 {
            let seed = UInt128Hash(low64: load64(bytes, 0) ^ k3, high64: load64(bytes, 8))
            return withSeed(UnsafeRawBufferPointer(rebasing: bytes[16...]), seed: seed)
        }
        if n >= 8 {
            let seed = UInt128Hash(low64: load64(bytes, 0) ^ (UInt64(n) &* k0), high64: load64(bytes, n - 8) ^ k1)
            return withSeed(UnsafeRawBufferPointer(rebasing: bytes[0..<0]), seed: seed)
        }
        return withSeed(bytes, seed: UInt128Hash(low64: k0, high64: k1))
    }

    /// `CityHash128` of a byte array.
    public static func hash(_ bytes: [UInt8]) -> UInt128Hash {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// `CityHash128WithSeed` of a byte array.
    public static func withSeed(_ bytes: [UInt8], seed: UInt128Hash) -> UInt128Hash {
        bytes.withUnsafeBytes { withSeed($0, seed: seed) }
    }

    /// `CityHash128WithSeed(s, len, seed)`.
    public static func withSeed(_ s: UnsafeRawBufferPointer, seed: UInt128Hash) -> UInt128Hash {
        var len = s.count
        if len < 128 { return cityMurmur(s, seed: seed) }
        var x = seed.low64
        var y = seed.high64
        var z = UInt64(len) &* k1
        var v0 = rotate(y ^ k1, 49) &* k1 &+ load64(s, 0)
        var v1 = rotate(v0, 42) &* k1 &+ load64(s, 8)
        var w0 = rotate(y &+ z, 35) &* k1 &+ x
        var w1 = rotate(x &+ load64(s, 88), 53) &* k1
        var o = 0
        repeat {
            for _ in 0..<2 {
                x = rotate(x &+ y &+ v0 &+ load64(s, o + 16), 37) &* k1
                y = rotate(y &+ v1 &+ load64(s, o + 48), 42) &* k1
                x ^= w1
                y ^= v0
                z = rotate(z ^ w0, 33)
                (v0, v1) = weakHash32(s, o, v1 &* k1, x &+ w0)
                (w0, w1) = weakHash32(s, o + 32, z &+ w1, y)
                swap(&z, &x)
                o += 64
            }
            len -= 128
        } while len >= 128
        y = y &+ rotate(w0, 37) &* k0 &+ z
        x = x &+ rotate(v0 &+ z, 49) &* k0
        var tailDone = 0
        while tailDone < len {
            tailDone += 32
            y = rotate(y &- x, 42) &* k0 &+ v1
            w0 = w0 &+ load64(s, o + len - tailDone + 16)
            x = rotate(x, 49) &* k0 &+ w0
            w0 = w0 &+ v0
            (v0, v1) = weakHash32(s, o + len - tailDone, v0, v1)
        }
        x = hash128to64(x, v0)
        y = hash128to64(y, w0)
        return UInt128Hash(low64: hash128to64(x &+ v1, w1) &+ y, high64: hash128to64(x &+ w1, y &+ v1))
    }

    static func cityMurmur(_ s: UnsafeRawBufferPointer, seed: UInt128Hash) -> UInt128Hash {
        let len = s.count
        var a = seed.low64
        var b = seed.high64
        var c: UInt64 = 0
        var d: UInt64 = 0
        var l = len - 16
        if l <= 0 {
            a = shiftMix(a &* k1) &* k1
            c = b &* k1 &+ hashLen0to16(s)
            d = shiftMix(a &+ (len >= 8 ? load64(s, 0) : c))
        } else {
            c = hash128to64(load64(s, len - 8) &+ k1, a)
            d = hash128to64(b &+ UInt64(len), c &+ load64(s, len - 16))
            a = a &+ d
            var o = 0
            repeat {
                a ^= shiftMix(load64(s, o) &* k1) &* k1
                a = a &* k1
                b ^= a
                c ^= shiftMix(load64(s, o + 8) &* k1) &* k1
                c = c &* k1
                d ^= c
                o += 16
                l -= 16
            } while l > 0
        }
        a = hash128to64(a, c)
        b = hash128to64(d, b)
        return UInt128Hash(low64: a ^ b, high64: hash128to64(b, a))
    }

    static func hashLen0to16(_ s: UnsafeRawBufferPointer) -> UInt64 {
        let len = s.count
        if len > 8 {
            let a = load64(s, 0)
            let b = load64(s, len - 8)
            return hash128to64(a, rotateByAtLeast1(b &+ UInt64(len), len)) ^ b
        }
        if len >= 4 {
            let a = UInt64(load32(s, 0))
            return hash128to64(UInt64(len) &+ (a << 3), UInt64(load32(s, len - 4)))
        }
        if len > 0 {
            let a = UInt32(s[0])
            let b = UInt32(s[len >> 1])
            let c = UInt32(s[len - 1])
            let y = a &+ (b << 8)
            let z = UInt32(len) &+ (c << 2)
            return shiftMix(UInt64(y) &* k2 ^ UInt64(z) &* k3) &* k2
        }
        return k2
    }

    @inline(__always) static func weakHash32(_ s: UnsafeRawBufferPointer, _ o: Int, _ a0: UInt64, _ b0: UInt64) -> (
        UInt64, UInt64
    ) {
        let w = load64(s, o)
        let x = load64(s, o + 8)
        let y = load64(s, o + 16)
        let z = load64(s, o + 24)
        var a = a0 &+ w
        var b = rotate(b0 &+ a &+ z, 21)
        let c = a
        a = a &+ x
        a = a &+ y
        b = b &+ rotate(a, 44)
        return (a &+ z, b &+ c)
    }

    @inline(__always) static func hash128to64(_ low: UInt64, _ high: UInt64) -> UInt64 {
        let kMul: UInt64 = 0x9ddf_ea08_eb38_2d69
        var a = (low ^ high) &* kMul
        a ^= a >> 47
        var b = (high ^ a) &* kMul
        b ^= b >> 47
        return b &* kMul
    }

    @inline(__always) static func load64(_ s: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: s.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always) static func load32(_ s: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: s.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always) static func rotate(_ v: UInt64, _ shift: UInt64) -> UInt64 {
        shift == 0 ? v : (v >> shift) | (v << (64 - shift))
    }

    @inline(__always) static func rotateByAtLeast1(_ v: UInt64, _ shift: Int) -> UInt64 {
        (v >> UInt64(shift)) | (v << UInt64(64 - shift))
    }

    @inline(__always) static func shiftMix(_ v: UInt64) -> UInt64 { v ^ (v >> 47) }
}

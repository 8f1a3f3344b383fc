/// ClickHouse's unsalted `intHash64` (`HashTable/Hash.h`): the MurmurHash3 64-bit finalizer, which its hash tables
/// and bloom filters use for integers.
public enum IntHash64 {
    public static func hash(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x = x &* 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x = x &* 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }
}

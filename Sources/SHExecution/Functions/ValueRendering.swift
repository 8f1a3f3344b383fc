import SHCore
import SHFormats

/// The plain text of a value, as `toString` and `concat` produce it.
enum ValueRendering {
    static func text(_ value: Value, _ type: DataType) -> [UInt8] {
        var out: [UInt8] = []
        ValueText.writePlain(value, type: type, into: &out)
        return out
    }
}

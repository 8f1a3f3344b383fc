import Foundation
import SHCodecs
import SHCore
import SHTestSupport
import Testing

/// The deterministic input pattern the Python oracles were run on: byte `i` is `(i * 37 + 11) mod 256`.
func pattern(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
}

/// The bytes of a file under `shared/fixtures/clickhouse-26.9/` (written by ClickHouse 26.9).
func fixtureBytes(_ relativePath: String) throws -> [UInt8] {
    let url = PythonEnvironment.clickHouseFixtures
        .appendingPathComponent(relativePath)
    return [UInt8](try Data(contentsOf: url))
}

/// Bytes from a hex string such as `"0a1b"`.
func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8)
    return stride(from: 0, to: digits.count, by: 2).map {
        UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)!
    }
}

/// Little-endian Int32 values as bytes.
func int32Bytes(_ values: [Int32]) -> [UInt8] {
    var out: [UInt8] = []
    for value in values { out.appendLittleEndian(value) }
    return out
}

/// Runs `body` and returns the `DatabaseError` it throws (records an issue when it throws something else or nothing).
func databaseError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> DatabaseError? {
    #expect(throws: DatabaseError.self, sourceLocation: sourceLocation) { try body() }
}

// Benchmark of the S3 client alone (not shipped in the product's workflow): uploads N MiB of pseudo-random
// bytes through a multipart upload with the client's defaults, downloads them back as a stream, checks the
// byte count and checksum, and prints the seconds of each as one JSON line. Used by bench/bench.py to
// compare with boto3 against the same endpoint.
//
// Usage: sh-s3-bench <http://host:port/bucket/key> <MiB> [access-key secret]
import Foundation
import SHS3

/// Pseudo-random bytes (SplitMix64), the same for a given size, produced chunk by chunk.
struct RandomChunks: AsyncSequence, AsyncIteratorProtocol {
    typealias Element = [UInt8]
    var remaining: Int
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    let chunkSize = 1 << 20

    mutating func next() async throws -> [UInt8]? {
        guard remaining > 0 else { return nil }
        let count = Swift.min(chunkSize, remaining)
        remaining -= count
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, written in
            var index = 0
            while index < count {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                for shift in stride(from: 0, to: 64, by: 8) where index < count {
                    buffer[index] = UInt8(truncatingIfNeeded: z >> UInt64(shift))
                    index += 1
                }
            }
            written = count
        }
    }

    func makeAsyncIterator() -> RandomChunks { self }
}

/// Adler-style running sum, enough to notice a wrong or reordered download.
func checksum(_ bytes: [UInt8], into sum: inout (UInt64, UInt64)) {
    for byte in bytes {
        sum.0 = (sum.0 &+ UInt64(byte)) % 65_521
        sum.1 = (sum.1 &+ sum.0) % 65_521
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, let mebibytes = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: sh-s3-bench <url> <MiB> [access-key secret]\n".utf8))
    exit(2)
}
let size = mebibytes << 20
let uri = try S3URI(parsing: arguments[1])
let credentials = arguments.count >= 5 ? S3Credentials(accessKeyID: arguments[3], secretAccessKey: arguments[4]) : nil
let client = S3Client(uri: uri, credentials: credentials)
let clock = ContinuousClock()

var expected: (UInt64, UInt64) = (1, 0)
for try await chunk in RandomChunks(remaining: size) { checksum(chunk, into: &expected) }

let upload = try await clock.measure {
    try await client.upload(key: uri.key, chunks: RandomChunks(remaining: size))
}
var received = 0
var actual: (UInt64, UInt64) = (1, 0)
let download = try await clock.measure {
    for try await chunk in client.getObjectStream(key: uri.key) {
        received += chunk.count
        checksum(chunk, into: &actual)
    }
}
try await client.shutdown()
guard received == size, actual == expected else {
    FileHandle.standardError.write(Data("downloaded \(received) bytes, expected \(size); checksums differ\n".utf8))
    exit(1)
}
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
print("{\"bytes\": \(size), \"upload\": \(seconds(upload)), \"download\": \(seconds(download))}")

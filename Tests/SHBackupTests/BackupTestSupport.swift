import Foundation
import SHS3
import SHTestSupport

/// A new bucket (named `<prefix>-<random>`) on the shared moto_server, with a client of it holding moto's keys.
func makeMotoBucket(_ prefix: String) async throws -> (moto: MotoServer, bucket: String, client: S3Client) {
    let moto = try MotoServer.shared()
    let bucket = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    let client = S3Client(
        uri: try S3URI(parsing: "\(moto.endpoint)/\(bucket)"),
        credentials: S3Credentials(
            accessKeyID: MotoServer.testAccessKeyID, secretAccessKey: MotoServer.testSecretAccessKey))
    try await client.createBucket()
    return (moto, bucket, client)
}

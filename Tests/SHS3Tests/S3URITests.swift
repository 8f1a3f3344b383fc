import SHCore
import Testing

@testable import SHS3

@Suite struct S3URITests {
    @Test func virtualHostedWithRegion() throws {
        let uri = try S3URI(parsing: "https://my-bucket.s3.us-east-1.amazonaws.com/backups/b1")
        #expect(uri.isVirtualHosted)
        #expect(uri.scheme == "https")
        #expect(uri.bucket == "my-bucket")
        #expect(uri.host == "s3.us-east-1.amazonaws.com")
        #expect(uri.requestHost == "my-bucket.s3.us-east-1.amazonaws.com")
        #expect(uri.key == "backups/b1")
        #expect(uri.region == "us-east-1")
        #expect(uri.port == nil)
        #expect(uri.endpointURL == "https://my-bucket.s3.us-east-1.amazonaws.com")
    }

    @Test func virtualHostedDashRegionAndDottedBucket() throws {
        let dash = try S3URI(parsing: "https://bucket.s3-us-west-2.amazonaws.com/key/")
        #expect(dash.isVirtualHosted && dash.bucket == "bucket" && dash.region == "us-west-2" && dash.key == "key/")
        let dotted = try S3URI(parsing: "https://my.dotted.bucket.s3.eu-central-1.amazonaws.com/k")
        #expect(dotted.bucket == "my.dotted.bucket" && dotted.region == "eu-central-1" && dotted.key == "k")
        let global = try S3URI(parsing: "https://bucket.s3.amazonaws.com/k")
        #expect(global.isVirtualHosted && global.region == nil && global.host == "s3.amazonaws.com")
    }

    @Test func otherProvidersVirtualHosted() throws {
        let cos = try S3URI(parsing: "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/data")
        #expect(cos.isVirtualHosted && cos.bucket == "examplebucket-1250000000" && cos.region == nil)
        let oss = try S3URI(parsing: "https://bucket1.oss-cn-hangzhou.aliyuncs.com/x")
        #expect(oss.isVirtualHosted && oss.bucket == "bucket1" && oss.host == "oss-cn-hangzhou.aliyuncs.com")
    }

    @Test func pathStyle() throws {
        let local = try S3URI(parsing: "http://127.0.0.1:9000/bucket/backups/b1")
        #expect(!local.isVirtualHosted)
        #expect(local.scheme == "http" && local.host == "127.0.0.1" && local.port == 9000)
        #expect(local.bucket == "bucket" && local.key == "backups/b1" && local.region == nil)
        #expect(local.endpointURL == "http://127.0.0.1:9000")
        let minio = try S3URI(parsing: "http://minio:9000/data/")
        #expect(minio.bucket == "data" && minio.key == "")
        let aws = try S3URI(parsing: "https://s3.us-east-2.amazonaws.com/bucket/key/with/slashes")
        #expect(!aws.isVirtualHosted && aws.bucket == "bucket" && aws.key == "key/with/slashes")
        #expect(aws.region == "us-east-2")
        let noKey = try S3URI(parsing: "http://127.0.0.1:9000/bucket")
        #expect(noKey.bucket == "bucket" && noKey.key == "")
    }

    @Test func privateLinkIsPathStyle() throws {
        let uri = try S3URI(
            parsing: "https://bucket.vpce-07a1cd78f1bd55c5f-j3a3vg6w.s3.us-east-1.vpce.amazonaws.com/my-bucket/key")
        #expect(!uri.isVirtualHosted && uri.bucket == "my-bucket" && uri.key == "key")
        #expect(uri.region == "us-east-1")
    }

    @Test func schemeMappers() throws {
        let s3 = try S3URI(parsing: "s3://bucket/some/key")
        #expect(s3.isVirtualHosted && s3.scheme == "https" && s3.host == "s3.amazonaws.com")
        #expect(s3.bucket == "bucket" && s3.key == "some/key")
        #expect(s3.requestHost == "bucket.s3.amazonaws.com")
        let gs = try S3URI(parsing: "gs://gbucket/k")
        #expect(gs.host == "storage.googleapis.com" && gs.bucket == "gbucket" && gs.key == "k" && !gs.isVirtualHosted)
        let oss = try S3URI(parsing: "oss://obucket/k")
        #expect(oss.isVirtualHosted && oss.bucket == "obucket" && oss.host == "oss.aliyuncs.com")
    }

    @Test func customEndpointWithoutBucket() throws {
        let uri = try S3URI(parsing: "https://pub-abc.r2.dev/file.bin")
        #expect(uri.bucket == "default" && uri.key == "file.bin" && !uri.isVirtualHosted)
    }

    @Test func versionIdAndEncodedKey() throws {
        let uri = try S3URI(parsing: "http://127.0.0.1:9000/bucket/my%20key?versionId=v1")
        #expect(uri.key == "my key" && uri.versionID == "v1")
    }

    @Test func bucketLengthOutOfBounds() {
        #expect(
            throws: DatabaseError(
                .badArguments, "Bucket name length is out of bounds in virtual hosted style S3 URI: 'x6'")
        ) {
            try S3URI(parsing: "http://127.0.0.1:9107/x6")
        }
        #expect(throws: DatabaseError.self) { try S3URI(parsing: "http://127.0.0.1:9107/ab/key") }
        let long = String(repeating: "b", count: 64)
        #expect(throws: DatabaseError.self) { try S3URI(parsing: "https://\(long).s3.amazonaws.com/k") }
        let ok = String(repeating: "b", count: 63)
        #expect((try? S3URI(parsing: "https://\(ok).s3.amazonaws.com/k"))?.bucket == ok)
    }

    @Test func malformed() {
        #expect(throws: DatabaseError.self) { try S3URI(parsing: "not a url") }
        #expect(throws: DatabaseError.self) { try S3URI(parsing: "ftp://host/bucket/key") }
        let error = #expect(throws: DatabaseError.self) { try S3URI(parsing: "http://127.0.0.1:9107/x6") }
        #expect(
            error?.description
                == "Code: 36. DB::Exception: Bucket name length is out of bounds in virtual hosted style S3 URI: 'x6'. (BAD_ARGUMENTS)"
        )
    }
}

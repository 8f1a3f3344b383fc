import SHXML
import Testing

@testable import SHS3

@Suite struct S3RetryPolicyTests {
    @Test func exponentialBackoffCapped() {
        let policy = S3RetryPolicy(initialBackoff: .milliseconds(50), maxBackoff: .seconds(3), jitter: false)
        #expect(policy.backoff(beforeRetry: 1) == .milliseconds(50))
        #expect(policy.backoff(beforeRetry: 2) == .milliseconds(100))
        #expect(policy.backoff(beforeRetry: 4) == .milliseconds(400))
        #expect(policy.backoff(beforeRetry: 10) == .seconds(3))
        #expect(policy.backoff(beforeRetry: 100) == .seconds(3))
    }

    @Test func fullJitterStaysBelowCeiling() {
        let policy = S3RetryPolicy(initialBackoff: .milliseconds(50), maxBackoff: .seconds(3))
        for retry in 1...12 {
            let pause = policy.backoff(beforeRetry: retry)
            #expect(pause >= .zero && pause <= .seconds(3))
        }
    }

    @Test func retryableStatuses() {
        for status in [500, 502, 503, 504, 408, 429] { #expect(S3RetryPolicy.isRetryable(status: status)) }
        for status in [200, 206, 304, 400, 403, 404, 409, 412, 416] {
            #expect(!S3RetryPolicy.isRetryable(status: status))
        }
    }

    @Test func xmlParsing() {
        let body = Array(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name>
            <Contents><Key>a&amp;b &lt;c&gt; &#233;</Key><Size>5</Size><ETag>&quot;abc&quot;</ETag></Contents>
            <Contents><Key><![CDATA[x<y]]></Key><Size>0</Size></Contents><Empty/>
            <IsTruncated>false</IsTruncated></ListBucketResult>
            """.utf8)
        let root = (try? XMLTreeElement.parse(body))
        #expect(root?.name == "ListBucketResult")
        #expect(root?.children(named: "Contents").count == 2)
        #expect(root?.children(named: "Contents").first?.value("Key") == "a&b <c> é")
        #expect(root?.children(named: "Contents").last?.value("Key") == "x<y")
        #expect(root?.children(named: "Contents").first?.value("ETag").map(S3Response.unquote) == "abc")
        #expect(root?.value("IsTruncated") == "false")
    }
}

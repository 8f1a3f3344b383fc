import Foundation
import SHCore
import SHXML
import Testing

/// XMLTreeElement on hostile input: bounded depth, linear work.
@Suite struct XMLTreeElementLimitTests {
    /// Runs CPU-bound work off the cooperative pool, so the suite's async tests are not starved meanwhile.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    @Test func deepNestingIsRefused() async {
        // Deep enough that destroying such a tree recursively would overflow a thread's stack (the parser before
        // the bound crashed with SIGSEGV here).
        let depth = 100_000
        let limit = XMLTreeElement.maxDepth
        let (deepRefused, unclosedRefused, levels, innermost) = await Self.offPool {
            let deep = Array((String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)).utf8)
            let unclosed = Array(String(repeating: "<a>", count: depth).utf8)
            let ok = Array(
                (String(repeating: "<a>", count: limit) + "x" + String(repeating: "</a>", count: limit)).utf8)
            var element = (try? XMLTreeElement.parse(ok))
            var levels = 0
            var innermost: String?
            while let current = element {
                levels += 1
                innermost = current.text
                element = current.child("a")
            }
            return (
                (try? XMLTreeElement.parse(deep)) == nil, (try? XMLTreeElement.parse(unclosed)) == nil, levels,
                innermost
            )
        }
        #expect(deepRefused)
        #expect(unclosedRefused)
        #expect(levels == limit)
        #expect(innermost == "x")
    }

    @Test func unterminatedConstructsAreLinear() async {
        let (textCount, childCount, elapsed) = await Self.offPool {
            let start = ContinuousClock.now
            for opener in ["<!--", "<?", "<![CDATA[", "<!", "<a b=\""] {
                let bytes = Array(("<r>" + opener + String(repeating: "-", count: 256 << 10)).utf8)
                _ = (try? XMLTreeElement.parse(bytes))
            }
            let text = Array(("<r>" + String(repeating: "&amp;x", count: 64 << 10) + "</r>").utf8)
            let wide = Array(("<r>" + String(repeating: "<k/>", count: 64 << 10) + "</r>").utf8)
            return (
                (try? XMLTreeElement.parse(text))?.text.count, (try? XMLTreeElement.parse(wide))?.children.count,
                ContinuousClock.now - start
            )
        }
        #expect(textCount == 128 << 10)
        #expect(childCount == 64 << 10)
        #expect(elapsed < .seconds(20))
    }
}

/// The one XML reader of the manifest and of S3's answers: what both need of it.
@Suite struct XMLTreeElementTests {
    func parse(_ text: String) throws -> XMLTreeElement { try XMLTreeElement.parse(Array(text.utf8)) }

    @Test func namespacesAttributesAndEntities() throws {
        let root = try parse(
            #"<?xml version="1.0" encoding="UTF-8"?><!-- c --><s3:ListBucketResult xmlns:s3="http://s3" a='x>y'>"#
                + "<s3:Contents><Key>a&amp;b &lt;c&gt; &#233;&#x41;</Key><ETag>&quot;abc&quot;</ETag></s3:Contents>"
                + "<Contents><Key><![CDATA[x<y]]></Key></Contents><Empty/></s3:ListBucketResult>")
        #expect(root.name == "ListBucketResult")
        #expect(root.children(named: "Contents").count == 2)
        #expect(root.children(named: "Contents").first?.value("Key") == "a&b <c> éA")
        #expect(root.children(named: "Contents").first?.value("ETag") == "\"abc\"")
        #expect(root.children(named: "Contents").last?.value("Key") == "x<y")
        #expect(root.child("Empty")?.text == "")
    }

    @Test(arguments: [
        "<a><b></a>", "<a>&unknown;</a>", "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "<a><!ENTITY x \"y\"></a>",
        "<a>", "", "text",
    ])
    func malformedDocumentsAreErrors(_ text: String) {
        let error = #expect(throws: DatabaseError.self) { try parse(text) }
        #expect(error?.code == .cannotParseText)
    }

    @Test func escapingForManifestsAndS3() {
        #expect(XMLText.escape("a<b>&'\"") == "a&lt;b&gt;&amp;'\"")
        #expect(XMLText.escape("a<b>&'\"", quotes: true) == "a&lt;b&gt;&amp;&apos;&quot;")
    }
}

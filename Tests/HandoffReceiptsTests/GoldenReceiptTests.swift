import Foundation
import HandoffCore
import HandoffGateway
import HandoffReceipts
import HandoffStore
import HandoffTime
import Testing

/// Receipts rendered from a fixed history must not change by accident: each format is
/// compared byte for byte with a file in Golden/. Set HANDOFF_UPDATE_GOLDEN=1 to rewrite
/// them after an intended change (and review the diff).
@Suite("Golden receipts in every format")
struct GoldenReceiptTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func check(_ rendered: String, _ name: String) throws {
        let url = Self.folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["HANDOFF_UPDATE_GOLDEN"] == "1" {
            try Data(rendered.utf8).write(to: url)
        }
        let golden = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(rendered == golden, "\(name) differs from the golden file; rerun with HANDOFF_UPDATE_GOLDEN=1 if the change is intended")
    }

    @Test("markdown")
    func markdown() throws { try check(try ReceiptFixture().receipt().markdown, "receipt.md") }

    @Test("html")
    func html() throws { try check(try ReceiptFixture().receipt().html, "receipt.html") }

    @Test("csv")
    func csv() throws { try check(try ReceiptFixture().receipt().csv, "receipt.csv") }

    @Test("signed json")
    func json() throws {
        let fixture = try ReceiptFixture()
        let receipt = try fixture.receipt()
        // The direct writer and the tree agree byte for byte.
        #expect(receipt.canonicalJSON == receipt.json.canonicalBytes)
        let bytes = try fixture.signer.signedDocument(canonicalReceipt: receipt.canonicalJSON)
        #expect(bytes == (try fixture.signer.signedDocument(receipt.json)).canonicalBytes + [0x0A])
        try check(String(decoding: bytes, as: UTF8.self), "receipt.json")
    }

    @Test("a period keeps only the handoffs queued in it, and the totals follow")
    func period() throws {
        let receipt = try ReceiptFixture().receipt(from: "2026-11-10", to: "2026-11-25")
        #expect(receipt.deliveries.map(\.id) == ["H-0000000002"])
        #expect(receipt.totals.entries == 1)
        #expect(receipt.totals.billedSeconds == 3 * 3600 + 900)
        #expect(receipt.periodText == "2026-11-10 – 2026-11-25")
        #expect(receipt.deliveries[0].link == Receipt.Link(expires: "2026-12-04T14:00:00+01:00", downloads: 2))
    }

    @Test("every value is escaped in HTML and Markdown")
    func escaping() throws {
        let receipt = try ReceiptFixture().receipt()
        #expect(receipt.html.contains("Brochure &lt;b&gt;copy&lt;/b&gt; &amp; &quot;pricing&quot; | v2"))
        #expect(!receipt.html.contains("<b>copy"))
        #expect(receipt.markdown.contains("Brochure \\<b\\>copy\\</b\\> & \"pricing\" \\| v2"))
        // Self-contained: nothing is fetched from elsewhere.
        #expect(!receipt.html.contains("src="))
        #expect(!receipt.html.contains("<link"))
        #expect(!receipt.html.contains("@import"))
    }
}

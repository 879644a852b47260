import Foundation
import HandoffCore
import HandoffGateway
import HandoffReceipts
import HandoffStore
import HandoffTime
import Testing

/// The HTML receipt must print: headless Chromium renders it to PDF, and the PDF's text
/// (read back with pdftotext) carries the totals. `scripts/setup` installs both tools.
@Suite("The HTML receipt prints to PDF")
struct PrintTests {
    @Test("chromium --headless --print-to-pdf gives a non-empty PDF with the totals in its text", .timeLimit(.minutes(2)))
    func printToPDF() throws {
        let chromium = ["chromium", "chromium-browser", "google-chrome"].first(where: installed)
        guard let chromium else {
            Issue.record("Chromium is not installed (looked for chromium, chromium-browser, google-chrome): run scripts/setup, which installs it.")
            return
        }
        guard installed("pdftotext") else {
            Issue.record("pdftotext is not installed: run scripts/setup, which installs poppler-utils.")
            return
        }
        let fixture = try ReceiptFixture()
        let receipt = try fixture.receipt()
        let folder = fixture.workspace.root
        let html = folder + "/receipt.html"
        let pdf = folder + "/receipt.pdf"
        try Data(receipt.html.utf8).write(to: URL(fileURLWithPath: html))
        let result = try runProgram(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(folder)/chromium-profile",
            "--print-to-pdf=\(pdf)", "file://\(html)",
        ])
        #expect(result.status == 0, "chromium: \(result.stderr.suffix(500))")
        let size = (try FileManager.default.attributesOfItem(atPath: pdf)[.size] as? NSNumber)?.intValue ?? 0
        #expect(size > 1000, "the PDF is empty or missing")
        let text = try runProgram("pdftotext", ["-layout", pdf, "-"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Delivery receipt — Acme Realty"))
        #expect(text.stdout.contains("Totals per month"))
        #expect(text.stdout.contains(Hours.decimal(receipt.totals.billedSeconds)))
        #expect(text.stdout.contains(receipt.chainHead.prefix(16)))
    }
}

import Foundation
import HandoffTestSupport
import Testing

@testable import HandoffInbound

/// The streaming pre-scan, where lines cross its 1 MiB read chunks.
@Suite("Raw pre-scan")
struct RawPreScanTests {
    @Test("the header end, dash lines and container lines are found wherever the chunks cut", .temporaryFolder, arguments: [-3, -2, -1, 0, 1, 2])
    func chunkEdges(shift: Int) throws {
        // One long header puts the blank line that ends the header section near 1 MiB.
        let head = "From: a@acme.test\nX-Pad: "
        let pad = String(repeating: "p", count: (1 << 20) - head.utf8.count - 1 + shift)
        let headers = head + pad + "\nContent-Type: multipart/mixed; boundary=b\n\n"
        let body = "--b\nContent-Type: message/rfc822\n\nSubject: x\n\n--b--\n"
        let file = try TemporaryFolder.write(headers + body, to: "m.eml")
        let scan = try RawPreScan.scan(file: file)
        #expect(scan.headerEnd == Int64(headers.utf8.count))
        #expect(scan.size == Int64((headers + body).utf8.count))
        #expect(scan.dashLines == 2)
        #expect(scan.containerLines == 2)
        #expect(scan.sha256.count == 64)
    }

    @Test("a file without a blank line has no header end; CRLF blank lines count", .temporaryFolder)
    func blankLines() throws {
        let none = try RawPreScan.scan(file: TemporaryFolder.write("From: a@acme.test\nSubject: x", to: "a.eml"))
        #expect(none.headerEnd == nil)
        #expect(none.size == 28)
        let crlf = try RawPreScan.scan(file: TemporaryFolder.write("From: a@acme.test\r\n\r\nbody\r\n", to: "b.eml"))
        #expect(crlf.headerEnd == 21)
    }
}

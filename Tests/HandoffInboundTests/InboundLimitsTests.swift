import Foundation
import HandoffCore
import HandoffInbound
import HandoffTestSupport
import Testing

/// Hostile and oversized mail: every case gives a result with defects, within bounded
/// time, and never writes outside the attachments folder.
@Suite("Inbound limits and hostile mail")
struct InboundLimitsTests {
    static let head = "From: Dana <dana@acme.test>\nTo: pat@va.example\nSubject: Limits\nMessage-ID: <limits@acme.test>\nMIME-Version: 1.0\n"

    /// Writes `text` as message.eml in the test's folder and parses it into `attachments/`.
    func parse(_ text: String, limits: InboundLimits = InboundLimits()) throws -> InboundMessage {
        let file = try TemporaryFolder.write(text, to: "message.eml")
        return try InboundParser.parse(file: file, attachmentsFolder: TemporaryFolder.path() + "/attachments", limits: limits)
    }

    @Test("an empty file gives an empty result with a defect", .temporaryFolder)
    func emptyFile() throws {
        let message = try parse("")
        #expect(message.text.isEmpty)
        #expect(message.size == 0)
        #expect(message.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(!message.defects.isEmpty)
    }

    @Test("binary garbage gives a result", .temporaryFolder)
    func garbage() throws {
        var generator = SeededGenerator(seed: 10)
        let file = try TemporaryFolder.path() + "/garbage.eml"
        try Data(generator.bytes(count: 256 * 1024)).write(to: URL(fileURLWithPath: file))
        let message = try InboundParser.parse(file: file, attachmentsFolder: TemporaryFolder.path() + "/attachments")
        #expect(message.size == 256 * 1024)
        #expect(message.defects.contains("no From address"))
    }

    @Test("100,000 empty parts are refused before GMime sees them: headers only", .temporaryFolder)
    func manyParts() throws {
        let parts = String(repeating: "--b\n\n", count: 100_000)
        let message = try parse(Self.head + "Content-Type: multipart/mixed; boundary=b\n\n" + parts + "--b--\n")
        #expect(message.headersOnly)
        #expect(message.headers.subject == "Limits")
        #expect(message.defects.contains { $0.contains("MIME parts") })
    }

    @Test("1,000 levels of nesting are refused before GMime sees them: headers only", .temporaryFolder)
    func deepNesting() throws {
        var text = Self.head
        for level in 0..<1000 { text += "Content-Type: multipart/mixed; boundary=\"n\(level)\"\n\n--n\(level)\n" }
        let message = try parse(text + "Content-Type: text/plain\n\ndeep\n")
        #expect(message.headersOnly)
        #expect(message.defects.contains { $0.contains("multipart or message parts") })
    }

    @Test("nesting the pre-scan cannot see (folded Content-Type) is stopped by GMime and the walk", .temporaryFolder)
    func foldedNesting() throws {
        var text = Self.head
        for level in 0..<1900 { text += "Content-Type:\n multipart/mixed; boundary=\"n\(level)\"\n\n--n\(level)\n" }
        let message = try parse(text + "Content-Type: text/plain\n\ndeep\n")
        #expect(!message.headersOnly)
        #expect(message.defects.contains("MIME nesting too deep"))
        #expect(message.defects.contains { $0.contains("deeper than 32 levels") })
    }

    @Test("parses on several threads at once give the same results as one by one", .temporaryFolder)
    func concurrentParses() async throws {
        let folder = try TemporaryFolder.path()
        let files = InboundCorpusTests.names.map { InboundCorpusTests.folder + "/" + $0 + ".eml" }
        let sequential = try files.enumerated().map { index, file in
            try InboundParser.parse(file: file, attachmentsFolder: folder + "/one-\(index)").attachments.map(\.sha256)
        }
        let concurrent = await withTaskGroup(of: (Int, [String]?).self) { group in
            for (index, file) in files.enumerated() {
                group.addTask {
                    (index, try? InboundParser.parse(file: file, attachmentsFolder: folder + "/many-\(index)").attachments.map(\.sha256))
                }
            }
            var results = [[String]?](repeating: nil, count: files.count)
            for await (index, hashes) in group { results[index] = hashes }
            return results
        }
        #expect(concurrent.map { $0 ?? ["failed"] } == sequential)
    }

    @Test("100,000 headers: the header section is cut at the limit and read", .temporaryFolder)
    func manyHeaders() throws {
        let filler = String(repeating: "X-Filler: some value here\n", count: 100_000)
        let message = try parse(Self.head + filler + "Content-Type: text/plain\n\nbody\n")
        #expect(message.headersOnly)
        #expect(message.headers.from.first?.address == "dana@acme.test")
        #expect(message.defects.contains { $0.contains("header section") })
        #expect(message.defects.count <= 101)
    }

    @Test("a 1 MB line is read, and cut at the text limit with a defect", .temporaryFolder)
    func longLine() throws {
        let line = String(repeating: "é", count: 512 * 1024)
        let message = try parse(Self.head + "Content-Type: text/plain; charset=utf-8\n\n" + line + "\n", limits: InboundLimits(maxTextBytes: 64 * 1024))
        #expect(message.text.utf8.count <= 64 * 1024)
        #expect(message.text.utf8.count > 60 * 1024)
        #expect(message.text.allSatisfy { $0 == "é" })
        #expect(message.defects.contains { $0.contains("longer than 65536 bytes") })
    }

    @Test("a message over the size limit is read for its headers only", .temporaryFolder)
    func oversized() throws {
        let body = String(repeating: "0123456789abcdef\n", count: 10_000)
        let message = try parse(Self.head + "Content-Type: text/plain\n\n" + body, limits: InboundLimits(maxMessageBytes: 100_000))
        #expect(message.headersOnly)
        #expect(message.text.isEmpty)
        #expect(message.headers.messageID == "limits@acme.test")
        #expect(message.size > 100_000)
        #expect(message.defects.contains { $0.contains("over the limit of 100000") })
    }

    @Test("parseHeaders reads the headers and hashes the whole file", .temporaryFolder)
    func headersOnly() throws {
        let file = try TemporaryFolder.write(Self.head + "Content-Type: text/plain\n\nthe body\n", to: "m.eml")
        let other = try TemporaryFolder.write(Self.head + "Content-Type: text/plain\n\nanother body\n", to: "n.eml")
        let first = try InboundParser.parseHeaders(file: file)
        let full = try InboundParser.parse(file: file, attachmentsFolder: TemporaryFolder.path() + "/a")
        #expect(first.headersOnly)
        #expect(first.headers.subject == "Limits")
        #expect(first.sha256 == full.sha256)
        #expect(first.size == full.size)
        #expect(try InboundParser.parseHeaders(file: other).sha256 != first.sha256)
    }

    @Test("more parts than maxParts: the rest are not walked", .temporaryFolder)
    func partLimit() throws {
        let parts = (1...6).map { "--b\nContent-Type: application/octet-stream; name=f\($0).bin\n\nx\n" }.joined()
        let message = try parse(Self.head + "Content-Type: multipart/mixed; boundary=b\n\n" + parts + "--b--\n", limits: InboundLimits(maxParts: 4))
        #expect(message.attachments.count == 3)
        #expect(message.defects.contains { $0.contains("more than 4 MIME parts") })
    }

    @Test("past the deadline the walk stops with a defect", .temporaryFolder)
    func deadline() throws {
        let message = try parse(Self.head + "Content-Type: text/plain\n\nhello\n", limits: InboundLimits(maxSeconds: -1))
        #expect(message.text.isEmpty)
        #expect(message.defects.contains { $0.contains("stopped after") })
    }

    @Test("hostile and clashing names stay inside the folder, each saved", .temporaryFolder)
    func names() throws {
        let parts = ["../../evil.sh", "scan.pdf", "scan.pdf", "/etc/passwd", "CON"].map {
            "--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"\($0)\"\n\nx\n"
        }.joined()
        let message = try parse(Self.head + "Content-Type: multipart/mixed; boundary=b\n\n" + parts + "--b--\n")
        #expect(message.attachments.map(\.savedName) == ["_._evil.sh", "scan.pdf", "scan (2).pdf", "_etc_passwd", "_CON"])
        #expect(message.attachments.map(\.originalName) == ["../../evil.sh", "scan.pdf", "scan.pdf", "/etc/passwd", "CON"])
        let folder = try TemporaryFolder.path()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["attachments", "message.eml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/attachments").count == 5)
    }

    @Test("a charset that lies or is unknown: the text is read as UTF-8 or Windows-1252, with a defect", .temporaryFolder, arguments: [
        ("utf-8", [0x63, 0x61, 0x66, 0xE9], "café"),
        ("x-no-such-charset", [0x63, 0x61, 0x66, 0xC3, 0xA9], "café"),
        ("x-no-such-charset", [0x93, 0x68, 0x69, 0x94], "\u{201C}hi\u{201D}"),
    ] as [(String, [UInt8], String)])
    func lyingCharset(charset: String, body: [UInt8], text: String) throws {
        let file = try TemporaryFolder.path() + "/message.eml"
        let head = Self.head + "Content-Type: text/plain; charset=\(charset)\nContent-Transfer-Encoding: 8bit\n\n"
        try Data(Array(head.utf8) + body + [0x0A]).write(to: URL(fileURLWithPath: file))
        let message = try InboundParser.parse(file: file, attachmentsFolder: TemporaryFolder.path() + "/attachments")
        #expect(message.text == text)
        #expect(message.defects.contains { $0.contains("not valid in its declared charset \(charset)") })
    }

    @Test("an unreadable file is a HandoffError that names it", .temporaryFolder)
    func missingFile() throws {
        let file = try TemporaryFolder.path() + "/nothing.eml"
        let error = #expect(throws: HandoffError.self) { try InboundParser.parse(file: file, attachmentsFolder: TemporaryFolder.path()) }
        #expect(error?.message.contains(file) == true)
    }

    @Test("an attachments folder that cannot be made is a HandoffError that names it", .temporaryFolder)
    func unwritableFolder() throws {
        let message = Self.head + "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhello\n"
            + "--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=a.pdf\n\n%PDF\n--b--\n"
        let file = try TemporaryFolder.write(message, to: "message.eml")
        let blocker = try TemporaryFolder.write("a file, not a folder", to: "blocker")
        let error = #expect(throws: HandoffError.self) { try InboundParser.parse(file: file, attachmentsFolder: blocker + "/attachments") }
        #expect(error?.message.contains(blocker) == true)
    }

    @Test("mail without attachments makes no attachments folder", .temporaryFolder)
    func noFolderWithoutAttachments() throws {
        let file = try TemporaryFolder.write(Self.head + "Content-Type: text/plain\n\nhello\n", to: "message.eml")
        let folder = try TemporaryFolder.path() + "/attachments"
        _ = try InboundParser.parse(file: file, attachmentsFolder: folder)
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}

import Foundation
import HandoffCore
import HandoffTestSupport
import Testing

@Suite("Attachment file names")
struct AttachmentFileNameTests {
    @Test("unsafe names become safe ones", arguments: [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "_._etc_passwd"),
        ("..\\..\\boot.ini", "_._boot.ini"),
        ("a\u{0}b\u{7}c\u{1B}[31m.txt", "abc[31m.txt"),
        ("line\r\nbreak.txt", "linebreak.txt"),
        ("CON.txt", "_CON.txt"),
        ("lpt1", "_lpt1"),
        ("Com9.tar.gz", "_Com9.tar.gz"),
        ("console.txt", "console.txt"),
        (".htaccess", "htaccess"),
        ("...hidden", "hidden"),
        ("trailing. . ", "trailing"),
        ("a..b.pdf", "a.b.pdf"),
        ("what?<>|*.doc", "what_____.doc"),
    ] as [(String, String)])
    func sanitises(original: String, expected: String) {
        #expect(AttachmentFileName.sanitize(original, contentType: nil, fallbackIndex: 1) == expected)
    }

    @Test("nothing left gives a numbered name with the content type's extension", arguments: [
        (nil, "image/png", "attachment-3.png"),
        ("", "application/pdf; name=x", "attachment-3.pdf"),
        ("..", nil, "attachment-3"),
        ("\u{1}\u{2}", "application/x-unknown", "attachment-3"),
    ] as [(String?, String?, String)])
    func fallsBack(original: String?, contentType: String?, expected: String) {
        #expect(AttachmentFileName.sanitize(original, contentType: contentType, fallbackIndex: 3) == expected)
    }

    @Test("a 500-byte name is cut to the limit on a character boundary, keeping its extension")
    func capsLength() {
        let long = String(repeating: "é", count: 250) + ".pdf"
        let name = AttachmentFileName.sanitize(long, contentType: nil, fallbackIndex: 1)
        #expect(long.utf8.count == 504)
        #expect(name.utf8.count <= AttachmentFileName.maxBytes)
        #expect(name.hasSuffix("é.pdf"))
    }

    @Test("decomposed and composed spellings give the same NFC name")
    func normalises() {
        let decomposed = "Zoe\u{0308}.txt"
        let name = AttachmentFileName.sanitize(decomposed, contentType: nil, fallbackIndex: 1)
        #expect(Array(name.unicodeScalars) == Array("Zo\u{00EB}.txt".unicodeScalars))
    }

    @Test("a name already in the folder gets (2), then (3), before the extension", .temporaryFolder)
    func uniqueness() throws {
        let folder = try TemporaryFolder.path()
        #expect(AttachmentFileName.unique("scan.pdf", in: folder) == "scan.pdf")
        try TemporaryFolder.write("1", to: "scan.pdf")
        #expect(AttachmentFileName.unique("scan.pdf", in: folder) == "scan (2).pdf")
        try TemporaryFolder.write("2", to: "scan (2).pdf")
        #expect(AttachmentFileName.unique("scan.pdf", in: folder) == "scan (3).pdf")
        try TemporaryFolder.write("3", to: "notes")
        #expect(AttachmentFileName.unique("notes", in: folder) == "notes (2)")
    }

    @Test("a unique name of a maximal name stays within the limit", .temporaryFolder)
    func uniqueStaysShort() throws {
        let folder = try TemporaryFolder.path()
        let name = AttachmentFileName.sanitize(String(repeating: "x", count: 300) + ".zip", contentType: nil, fallbackIndex: 1)
        try TemporaryFolder.write("1", to: name)
        let second = AttachmentFileName.unique(name, in: folder)
        #expect(second != name)
        #expect(second.hasSuffix(" (2).zip"))
        #expect(second.utf8.count <= AttachmentFileName.maxBytes)
    }
}

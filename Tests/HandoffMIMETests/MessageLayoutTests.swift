import HandoffCore
import HandoffTestSupport
import Testing
@testable import HandoffMIME

/// The writer's layout, with attachment sizes given instead of read: no file is touched.
@Suite("Message layout")
struct MessageLayoutTests {
    /// A boundary of the length `makeBoundary` gives, fixed so the bytes can be compared.
    static let boundary = MessageLayout.boundaryPrefix + String(repeating: "B", count: 26)

    /// The headers every message of `Fixture.message()` starts with.
    static let topHeaders = """
        From: Pat Example <pat@va.example>\r
        To: client@demo.example\r
        Subject: Your files\r
        Date: Mon, 30 Nov 2026 06:12:00 +0000\r
        Message-ID: <H-7K2M9QXA4D.TEST@va.example>\r
        MIME-Version: 1.0\r

        """

    static func literalText(_ layout: MessageLayout) -> String {
        layout.segments.map { segment in
            if case .literal(let bytes) = segment { return String(decoding: bytes, as: UTF8.self) }
            return "<attachment>"
        }.joined()
    }

    @Test("A text-only message is literal bytes only, byte for byte")
    func textOnly() throws {
        let layout = try MIMEWriter.layout(Fixture.message(), boundary: Self.boundary) { _ in
            Issue.record("no attachment to measure")
            return 0
        }
        let expected = """
            \(Self.topHeaders)Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 7bit\r
            \r
            Hello,\r
            the files are attached.\r

            """
        #expect(layout.segments.allSatisfy { if case .literal = $0 { true } else { false } })
        #expect(Self.literalText(layout) == expected)
        #expect(layout.size == Int64(expected.utf8.count))
    }

    @Test("An attachment is a reference to its file between literal segments; the size counts its base64",
          arguments: [0, 1, 56, 57, 58, 1000])
    func attachmentReference(fileSize: Int64) throws {
        let attachment = MailAttachment(path: "/outbox/demo/files.zip", fileName: "files.zip", mediaType: "application/zip")
        var asked: [String] = []
        let layout = try MIMEWriter.layout(Fixture.message(attachments: [attachment]), boundary: Self.boundary) { attachment in
            asked.append(attachment.path)
            return fileSize
        }
        #expect(asked == ["/outbox/demo/files.zip"])
        let files = layout.segments.filter { if case .base64File = $0 { true } else { false } }
        #expect(files == [.base64File(path: "/outbox/demo/files.zip", size: fileSize)])
        let literalSize = layout.segments.reduce(Int64(0)) { total, segment in
            if case .literal(let bytes) = segment { return total + Int64(bytes.count) }
            return total
        }
        #expect(layout.size == literalSize + Base64.encodedSize(ofByteCount: fileSize))
        #expect(Int64(MIMEFuzz.wire(of: layout).count) == layout.size)

        #expect(Self.literalText(layout) == """
            \(Self.topHeaders)Content-Type: multipart/mixed;\r
             boundary="\(Self.boundary)"\r
            \r
            --\(Self.boundary)\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 7bit\r
            \r
            Hello,\r
            the files are attached.\r
            \r
            --\(Self.boundary)\r
            Content-Type: application/zip; name="files.zip"\r
            Content-Disposition: attachment; filename="files.zip"\r
            Content-Transfer-Encoding: base64\r
            \r
            <attachment>\r
            --\(Self.boundary)--\r

            """)
    }

    @Test("A bad name or media type is refused before the attachment is measured", arguments: [
        MailAttachment(path: "/a.zip", fileName: "", mediaType: "application/zip"),
        MailAttachment(path: "/a.zip", fileName: "a\r\nb.zip", mediaType: "application/zip"),
        MailAttachment(path: "/a.zip", fileName: "a.zip", mediaType: "zip"),
    ])
    func refusedBeforeMeasuring(attachment: MailAttachment) {
        var measured = false
        let error = #expect(throws: HandoffError.self) {
            try MIMEWriter.layout(Fixture.message(attachments: [attachment])) { _ in
                measured = true
                return 1
            }
        }
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains("/a.zip") == true)
        #expect(!measured)
    }

    @Test("An error from measuring comes back as it was thrown")
    func measuringError() {
        let attachment = MailAttachment(path: "/gone.zip", fileName: "gone.zip", mediaType: "application/zip")
        let error = #expect(throws: HandoffError.self) {
            try MIMEWriter.layout(Fixture.message(attachments: [attachment])) { attachment throws(HandoffError) in
                throw .badInput("The attachment \(attachment.path) does not exist.")
            }
        }
        #expect(error?.message == "The attachment /gone.zip does not exist.")
    }
}

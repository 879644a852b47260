import Foundation
import HandoffTestSupport
import HandoffCore
import HandoffMIME
import Testing
@testable import HandoffMail

/// One way to make a message unwritable, and the words the error must use.
struct RefusalCase: Sendable, CustomTestStringConvertible {
    let name: String
    let expected: [String]
    let change: @Sendable (inout OutgoingMessage, String) throws -> Void

    var testDescription: String { name }

    init(_ name: String, expecting expected: String..., change: @escaping @Sendable (inout OutgoingMessage, String) throws -> Void) {
        self.name = name
        self.expected = expected
        self.change = change
    }
}

@Suite("Refused headers and inputs")
struct HeaderRefusalTests {
    static let cases: [RefusalCase] = [
        RefusalCase("CRLF in subject", expecting: "Subject header", "line break") { message, _ in
            message.subject = "Invoice\r\nBcc: thief@evil.example"
        },
        RefusalCase("LF in subject", expecting: "Subject header") { message, _ in message.subject = "a\nb" },
        RefusalCase("CR in subject", expecting: "Subject header") { message, _ in message.subject = "a\rb" },
        // "\r\n" is one Swift Character equal to neither "\r" nor "\n": EmailAddress refuses it
        // by byte already, so the message names the address rather than the header.
        RefusalCase("CRLF in a To display name", expecting: "x@demo.example", "line break") { message, _ in
            message.to = [try EmailAddress(displayName: "Eve\r\nBcc: thief@evil.example", address: "x@demo.example")]
        },
        RefusalCase("CRLF in the From display name", expecting: "pat@va.example", "line break") { message, _ in
            message.from = try EmailAddress(displayName: "Pat\r\nX-Evil: 1", address: "pat@va.example")
        },
        RefusalCase("CRLF in a Cc display name", expecting: "line break", "c@demo.example") { message, _ in
            message.cc = [try EmailAddress(displayName: "C\r\nD", address: "c@demo.example")]
        },
        RefusalCase("CRLF in the Reply-To display name", expecting: "line break", "r@va.example") { message, _ in
            message.replyTo = try EmailAddress(displayName: "R\r\nS", address: "r@va.example")
        },
        RefusalCase("CRLF in an extra header", expecting: "X-Note header", "line break") { message, _ in
            message.extraHeaders = [try HeaderField("X-Note", "ok\r\nBcc: thief@evil.example")]
        },
        RefusalCase("LF in an extra header", expecting: "X-Note header") { message, _ in
            message.extraHeaders = [try HeaderField("X-Note", "ok\nmore")]
        },
        RefusalCase("NUL in an extra header", expecting: "X-Note header", "NUL") { message, _ in
            message.extraHeaders = [try HeaderField("X-Note", "a\u{0}b")]
        },
        RefusalCase("space in a header name", expecting: "not a valid header name") { message, _ in
            message.extraHeaders = [try HeaderField("X Note", "v")]
        },
        RefusalCase("colon in a header name", expecting: "not a valid header name") { message, _ in
            message.extraHeaders = [try HeaderField("X-Note:", "v")]
        },
        RefusalCase("empty header name", expecting: "not a valid header name") { message, _ in
            message.extraHeaders = [try HeaderField("", "v")]
        },
        RefusalCase("non-ASCII header name", expecting: "not a valid header name") { message, _ in
            message.extraHeaders = [try HeaderField("X-Nöte", "v")]
        },
        RefusalCase("Bcc as an extra header", expecting: "header bcc", "set by the message") { message, _ in
            message.extraHeaders = [try HeaderField("bcc", "thief@evil.example")]
        },
        RefusalCase("Content-Type as an extra header", expecting: "Content-Type") { message, _ in
            message.extraHeaders = [try HeaderField("Content-Type", "text/html")]
        },
        RefusalCase("CRLF in an attachment name", expecting: "Content-Disposition", "a.bin", "line break") { message, folder in
            let path = try Fixture.file("a.bin", in: folder, bytes: [1, 2, 3])
            message.attachments = [MailAttachment(path: path, fileName: "a\r\nContent-Type: text/html", mediaType: "application/zip")]
        },
        RefusalCase("missing attachment", expecting: "/no/such/file.zip", "does not exist") { message, _ in
            message.attachments = [MailAttachment(path: "/no/such/file.zip", fileName: "file.zip", mediaType: "application/zip")]
        },
        RefusalCase("folder as attachment", expecting: "not a regular file") { message, folder in
            message.attachments = [MailAttachment(path: folder, fileName: "f.zip", mediaType: "application/zip")]
        },
        RefusalCase("empty attachment name", expecting: "empty file name") { message, folder in
            let path = try Fixture.file("a.bin", in: folder, bytes: [1])
            message.attachments = [MailAttachment(path: path, fileName: "", mediaType: "application/zip")]
        },
        RefusalCase("media type with a space", expecting: "not a media type", "a.bin") { message, folder in
            let path = try Fixture.file("a.bin", in: folder, bytes: [1])
            message.attachments = [MailAttachment(path: path, fileName: "a.bin", mediaType: "application zip")]
        },
        RefusalCase("media type with a line break", expecting: "not a media type") { message, folder in
            let path = try Fixture.file("a.bin", in: folder, bytes: [1])
            message.attachments = [MailAttachment(path: path, fileName: "a.bin", mediaType: "text/plain\r\nX-Evil: 1")]
        },
        RefusalCase("media type without subtype", expecting: "not a media type") { message, folder in
            let path = try Fixture.file("a.bin", in: folder, bytes: [1])
            message.attachments = [MailAttachment(path: path, fileName: "a.bin", mediaType: "zip")]
        },
        RefusalCase("no recipient", expecting: "no recipient") { message, _ in
            message.to = []
        },
    ]

    /// Each bad input is refused as bad input, with words that name the header or file, by
    /// both `encodedSize` and `write`, and nothing (not even a temporary file) is left behind.
    @Test("Refused with a message naming the thing", .temporaryFolder, arguments: cases)
    func refused(_ refusal: RefusalCase) throws {
        let folder = try TemporaryFolder.path()
        var message = Fixture.message()
        let error: HandoffError
        do {
            try refusal.change(&message, folder)
            let sizeError = #expect(throws: HandoffError.self) { try MIMEWriter.encodedSize(of: message) }
            error = try #require(#expect(throws: HandoffError.self) { try MIMEWriter.write(message, to: folder + "/out.eml") })
            #expect(sizeError == error)
        } catch let thrown as HandoffError {
            // Refused already while building the value (HeaderField, EmailAddress).
            error = thrown
        }
        #expect(error.kind == .badInput)
        for words in refusal.expected {
            #expect(error.message.contains(words), "\(error.message)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "a.bin" }
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test("A failed write leaves an existing file at the path untouched", .temporaryFolder)
    func failureKeepsExistingFile() throws {
        let folder = try TemporaryFolder.path()
        let path = try Fixture.file("out.eml", in: folder, bytes: Array("old".utf8))
        var message = Fixture.message()
        message.attachments = [MailAttachment(path: folder + "/missing.zip", fileName: "m.zip", mediaType: "application/zip")]
        #expect(throws: HandoffError.self) { try MIMEWriter.write(message, to: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("old".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.eml"])
    }

    @Test("Writing into a missing folder names the folder", .temporaryFolder)
    func missingFolder() throws {
        let folder = try TemporaryFolder.path() + "/nope"
        let error = #expect(throws: HandoffError.self) { try MIMEWriter.write(Fixture.message(), to: folder + "/out.eml") }
        #expect(error?.message.contains(folder) == true)
    }
}

import Foundation
import HandoffTestSupport
import HandoffCore
import HandoffMIME
import Testing
@testable import HandoffMail

extension LargeMessageTests {
    @Suite("MIME writer")
    struct MIMEWriterTests {
        /// A message with everything that needs care: non-ASCII names, subject and file names,
        /// specials in names, threading headers, extra headers, a blind copy, a text that needs
        /// quoted-printable, and binary attachments whose sizes are not multiples of 3.
        static func richMessage(in folder: String) throws -> (OutgoingMessage, [String: [UInt8]]) {
            let allBytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0) } // every byte value; 1000 % 3 == 1
            let random = Fixture.randomBytes(count: 5 * 1024 * 1024 + 2, seed: 42)  // ~5 MiB; size % 3 == 1
            let small = try Fixture.file("all-bytes.bin", in: folder, bytes: allBytes)
            let large = try Fixture.file("random.bin", in: folder, bytes: random)
            let empty = try Fixture.file("empty.txt", in: folder, bytes: [])
            let longName = "Übergabe Bericht 2026 – endgültige Fassung mit allen Anhängen und Änderungen.bin"
            let message = OutgoingMessage(
                from: Fixture.address("Zoë Example <pat@va.example>"),
                to: [
                    Fixture.address("\"Doe, Jane\" <jane@demo.example>"),
                    Fixture.address("Jörg Müller <j@demo.example>"),
                    Fixture.address("plain@demo.example"),
                ],
                cc: [
                    Fixture.address("Chris (Ops) <ops@demo.example>"),
                    Fixture.address("José María Fernández de la Cruz y Rodríguez-Sánchez García <jm@demo.example>"),
                ],
                bcc: [Fixture.address("Hidden Person <blind-copy@demo.example>")],
                replyTo: Fixture.address("Support Team <help@va.example>"),
                subject: "Ihre Dateien für «Übergabe» — bitte prüfen, danke schön! Viele Grüße aus Köln 🎉",
                date: Date(timeIntervalSince1970: 1_796_019_120),
                messageID: Fixture.messageID(),
                inReplyTo: Fixture.messageID("<request-1@demo.example>"),
                references: [Fixture.messageID("<thread-0@demo.example>"), Fixture.messageID("<request-1@demo.example>")],
                textBody: "Grüße,\nhere are the files.  \n" + String(repeating: "long line ", count: 120)
                    + "\n--=_Handoff_not-a-boundary\nFrom the desk of Pat\n.\nend without newline",
                attachments: [
                    MailAttachment(path: small, fileName: longName, mediaType: "application/octet-stream"),
                    MailAttachment(path: large, fileName: "Übergabe – final.zip", mediaType: "application/zip"),
                    MailAttachment(path: empty, fileName: "empty.txt", mediaType: "text/plain"),
                ],
                extraHeaders: [try HeaderField("X-Handoff-ID", "H-7K2M9QXA4D"), try HeaderField("X-Note", "Prüfung bestanden")]
            )
            return (message, [longName: allBytes, "Übergabe – final.zip": random, "empty.txt": []])
        }

        @Test("Python's email package reads back every header, the text and each attachment's bytes", .temporaryFolder)
        func pythonRoundTrip() throws {
            let folder = try TemporaryFolder.path()
            let (message, contents) = try Self.richMessage(in: folder)
            let path = folder + "/message.eml"
            let written = try MIMEWriter.write(message, to: path)
            let parsed = try PythonEmail.parse(path, outputFolder: folder, extraHeaders: ["X-Handoff-ID", "X-Note"])

            #expect(parsed.defects.isEmpty)
            #expect(parsed.subject == message.subject)
            #expect(parsed.from == [["Zoë Example", "pat@va.example"]])
            #expect(parsed.to == [["Doe, Jane", "jane@demo.example"], ["Jörg Müller", "j@demo.example"], ["", "plain@demo.example"]])
            #expect(parsed.cc.first == ["Chris (Ops)", "ops@demo.example"])
            #expect(parsed.compatCc == message.cc.map { [$0.displayName ?? "", $0.address] })
            #expect(parsed.compatTo == message.to.map { [$0.displayName ?? "", $0.address] })
            #expect(parsed.replyTo == [["Support Team", "help@va.example"]])
            #expect(!parsed.hasBcc)
            #expect(parsed.date == "Mon, 30 Nov 2026 06:12:00 +0000")
            #expect(parsed.messageID == "<H-7K2M9QXA4D.TEST@va.example>")
            #expect(parsed.inReplyTo == "<request-1@demo.example>")
            #expect(parsed.references == "<thread-0@demo.example> <request-1@demo.example>")
            #expect(parsed.extra == ["X-Handoff-ID": "H-7K2M9QXA4D", "X-Note": "Prüfung bestanden"])
            #expect(parsed.mimeVersion == "1.0")
            #expect(parsed.contentType == "multipart/mixed")
            #expect(parsed.textTransferEncoding == "quoted-printable")
            // Python hands text back with LF or CRLF depending on the transfer encoding; the
            // raw bytes are checked for CRLF separately.
            #expect(parsed.text.replacingOccurrences(of: "\r\n", with: "\n") == message.textBody)

            #expect(parsed.attachments.map(\.fileName) == message.attachments.map(\.fileName))
            #expect(parsed.attachments.map(\.contentType) == message.attachments.map(\.mediaType))
            #expect(parsed.attachments.allSatisfy { $0.disposition == "attachment" })
            for attachment in parsed.attachments {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: attachment.output))
                #expect(bytes == Data(contents[attachment.fileName] ?? [1]), "bytes of \(attachment.fileName)")
            }

            let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(Int64(raw.count) == written)
            #expect(try MIMEWriter.encodedSize(of: message) == written)
            Self.checkWireFormat(raw)
            // Only the headers are searched for "bcc": 5 MiB of base64 spells it somewhere.
            #expect(!Fixture.headerFields(raw).contains { $0.lowercased().hasPrefix("bcc") })
            #expect(!String(decoding: raw, as: UTF8.self).contains("blind-copy"))
            #expect(!String(decoding: raw, as: UTF8.self).contains("Hidden"))
        }

        @Test("A message without attachments is one 7bit text/plain part", .temporaryFolder)
        func singlePart() throws {
            let folder = try TemporaryFolder.path()
            let message = Fixture.message(subject: "Your files", text: "Hello,\nthe files are attached.\n")
            let path = folder + "/message.eml"
            let written = try MIMEWriter.write(message, to: path)
            let parsed = try PythonEmail.parse(path, outputFolder: folder)
            #expect(parsed.defects.isEmpty)
            #expect(parsed.contentType == "text/plain")
            #expect(parsed.textTransferEncoding == "7bit")
            #expect(parsed.text.replacingOccurrences(of: "\r\n", with: "\n") == message.textBody)
            #expect(parsed.attachments.isEmpty)
            let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(Int64(raw.count) == written)
            #expect(try MIMEWriter.encodedSize(of: message) == written)
            #expect(String(decoding: raw, as: UTF8.self).hasSuffix("\r\n\r\nHello,\r\nthe files are attached.\r\n"))
            #expect(!String(decoding: raw, as: UTF8.self).contains("multipart"))
            Self.checkWireFormat(raw)
        }

        @Test("Headers appear once each, in order, and the boundary only where it belongs", .temporaryFolder)
        func headerLayout() throws {
            let folder = try TemporaryFolder.path()
            let (message, _) = try Self.richMessage(in: folder)
            let path = folder + "/message.eml"
            try MIMEWriter.write(message, to: path)
            let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let names = Fixture.headerFields(raw).map { String($0.prefix(while: { $0 != ":" })) }
            #expect(names == ["From", "Reply-To", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
                              "X-Handoff-ID", "X-Note", "MIME-Version", "Content-Type"])

            let text = String(decoding: raw, as: UTF8.self)
            let boundaryField = try #require(Fixture.headerFields(raw).last)
            let boundary = try #require(boundaryField.components(separatedBy: "boundary=\"").last?.dropLast())
            #expect(boundary.hasPrefix("=_Handoff_"))
            // One delimiter per part (text and three attachments), the closing one, and the
            // mention in the header: nowhere else.
            #expect(text.components(separatedBy: String(boundary)).count - 1 == 4 + 1 + 1)
            #expect(text.hasSuffix("\r\n--\(boundary)--\r\n"))
        }

        @Test("Each write picks a new boundary; the size does not depend on it", .temporaryFolder)
        func boundariesDiffer() throws {
            let folder = try TemporaryFolder.path()
            let attachment = try Fixture.file("a.bin", in: folder, bytes: [1, 2, 3, 4])
            let message = Fixture.message(attachments: [MailAttachment(path: attachment, fileName: "a.bin", mediaType: "application/octet-stream")])
            let first = try MIMEWriter.write(message, to: folder + "/1.eml")
            let second = try MIMEWriter.write(message, to: folder + "/2.eml")
            #expect(first == second)
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/1.eml")) != Data(contentsOf: URL(fileURLWithPath: folder + "/2.eml")))
        }

        @Test("Writing replaces the file at the path and leaves no temporary file", .temporaryFolder)
        func replacesAtomically() throws {
            let folder = try TemporaryFolder.path()
            let path = try Fixture.file("message.eml", in: folder, bytes: Array("old".utf8))
            let written = try MIMEWriter.write(Fixture.message(), to: path)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["message.eml"])
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.size] as? NSNumber)?.int64Value == written)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }

        @Test("The envelope holds To, Cc and Bcc once each, and the bare sender")
        func envelope() throws {
            var message = Fixture.message()
            message.to = [Fixture.address("A <a@demo.example>"), Fixture.address("b@demo.example")]
            message.cc = [Fixture.address("B@demo.example"), Fixture.address("c@demo.example")]
            message.bcc = [Fixture.address("Secret <s@demo.example>"), Fixture.address("a@demo.example")]
            #expect(message.envelope == Envelope(sender: "pat@va.example", recipients: ["a@demo.example", "b@demo.example", "c@demo.example", "s@demo.example"]))
        }

        /// The rules every rendered message keeps (see `WireFormat`).
        static func checkWireFormat(_ raw: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(WireFormat.violations(raw) == [], sourceLocation: sourceLocation)
        }
    }
}

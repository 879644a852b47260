import Foundation
import HandoffCore
import HandoffMIME
@testable import HandoffMail
import Testing

@Suite("multipart/alternative: an HTML body with its plain-text twin")
struct AlternativeBodyTests {
    func message(attachment: String? = nil) throws -> OutgoingMessage {
        var message = OutgoingMessage(
            from: try EmailAddress(parsing: "Pat <pat@va.test>"), to: [try EmailAddress(parsing: "dana@acme.test")],
            subject: "Receipt", date: Date(timeIntervalSince1970: 1_796_061_600), messageID: try MessageID(parsing: "r1@va.test"),
            textBody: "Totals: 3.75 h\n")
        message.htmlBody = "<!DOCTYPE html><html><body><h1>Receipt</h1><p>Totals: 3.75 h — ✓ " + String(repeating: "long line ", count: 20) + "</p></body></html>\n"
        if let attachment {
            message.attachments = [MailAttachment(path: attachment, fileName: "receipt.json", mediaType: "application/json")]
        }
        return message
    }

    func parse(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import email, email.policy, sys
            msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
            print(msg.get_content_type())
            print(msg.get_body(('plain',)).get_content().strip())
            print('✓' in msg.get_body(('html',)).get_content())
            print([p.get_filename() for p in msg.iter_attachments()])
            """, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("alone: the message is multipart/alternative, text first, and its size is exact")
    func alternativeOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alt-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let message = try message()
        let written = try MIMEWriter.write(message, to: folder + "/m.eml")
        #expect(written == (try MIMEWriter.encodedSize(of: message)))
        #expect(try parse(folder + "/m.eml") == "multipart/alternative\nTotals: 3.75 h\nTrue\n[]\n")
        let raw = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/m.eml")), as: UTF8.self)
        #expect(raw.range(of: "text/plain")!.lowerBound < raw.range(of: "text/html")!.lowerBound)
        #expect(!raw.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare LF")
    }

    @Test("with an attachment: multipart/mixed holding the alternative part and the file")
    func withAttachment() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alt-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("{\"receipt\":{}}\n".utf8).write(to: URL(fileURLWithPath: folder + "/receipt.json"))
        let message = try message(attachment: folder + "/receipt.json")
        let written = try MIMEWriter.write(message, to: folder + "/m.eml")
        #expect(written == (try MIMEWriter.encodedSize(of: message)))
        #expect(try parse(folder + "/m.eml") == "multipart/mixed\nTotals: 3.75 h\nTrue\n['receipt.json']\n")
    }
}

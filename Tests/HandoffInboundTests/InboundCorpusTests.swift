import Foundation
import HandoffCore
import HandoffInbound
import HandoffTestSupport
import Testing

/// The corpus: each `Corpus/NAME.eml` parsed and compared with `NAME.expected.json`
/// (written by `Corpus/make-corpus.py` from the values put into the message).
@Suite("Inbound corpus")
struct InboundCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus").path

    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted()
    }()

    @Test("the corpus holds every shape the parser must read")
    func coverage() {
        let required = [
            "plain", "html-only", "alternative-inline-images", "forwarded", "encoded-words", "outlook", "apple-mail",
            "gmail-reply", "dsn", "mdn", "auto-reply", "malformed-missing-boundary", "malformed-bad-base64",
            "malformed-8bit-headers", "malformed-deep-nesting", "malformed-long-line",
            "charset-utf-8", "charset-iso-8859-1", "charset-iso-8859-2", "charset-iso-8859-15", "charset-windows-1251",
            "charset-windows-1252", "charset-koi8-r", "charset-shift_jis", "charset-iso-2022-jp", "charset-gb2312",
            "charset-gbk", "charset-big5",
        ]
        #expect(Set(required).subtracting(Self.names).isEmpty)
    }

    @Test("each message gives the expected fields", .temporaryFolder, arguments: names)
    func parses(name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name + ".expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let attachments = try TemporaryFolder.path() + "/attachments"
        let message = try InboundParser.parse(file: Self.folder + "/" + name + ".eml", attachmentsFolder: attachments)
        Expected(fields: expected).check(message, folder: attachments)
    }

    /// Mail arrives over IMAP and SMTP with CRLF line ends; the corpus files keep LF, which
    /// is how a Maildir often stores them. Both must read the same.
    @Test("each message reads the same with CRLF line ends", .temporaryFolder, arguments: names)
    func parsesCRLF(name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name + ".expected.json"))
        var expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // A text attachment's bytes carry the line ends they came with, and so its hash.
        expected["attachments"] = nil
        var crlf: [UInt8] = []
        var previous: UInt8 = 0
        for byte in try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name + ".eml")) {
            if byte == 0x0A && previous != 0x0D { crlf.append(0x0D) }
            crlf.append(byte)
            previous = byte
        }
        let folder = try TemporaryFolder.path()
        try Data(crlf).write(to: URL(fileURLWithPath: folder + "/message.eml"))
        let message = try InboundParser.parse(file: folder + "/message.eml", attachmentsFolder: folder + "/attachments")
        Expected(fields: expected).check(message, folder: folder + "/attachments")
    }
}

/// One expected.json, compared field by field with a parse.
struct Expected {
    let fields: [String: Any]

    func check(_ message: InboundMessage, folder: String) {
        let headers = message.headers
        if let from = fields["from"] { #expect(Self.pairs(headers.from) == Self.pairs(from)) }
        if let to = fields["to"] { #expect(Self.pairs(headers.to) == Self.pairs(to)) }
        compare("subject", headers.subject)
        compare("message_id", headers.messageID)
        compare("auto_submitted", headers.autoSubmitted)
        compare("precedence", headers.precedence)
        compare("return_path", headers.returnPath)
        if let ids = fields["in_reply_to"] as? [String] { #expect(headers.inReplyTo == ids) }
        if let ids = fields["references"] as? [String] { #expect(headers.references == ids) }
        if let text = fields["text"] as? String { #expect(message.text == text) }
        for piece in fields["text_contains"] as? [String] ?? [] { #expect(message.text.contains(piece)) }
        if let length = fields["text_length"] as? Int { #expect(message.text.unicodeScalars.count == length) }
        if let html = fields["text_from_html"] as? Bool { #expect(message.textFromHTML == html) }
        if let list = fields["attachments"] as? [[String: Any]] { checkAttachments(message.attachments, list, folder: folder) }
        if let list = fields["forwarded"] as? [[String: Any]] { checkForwarded(message.forwarded, list) }
        if let report = fields["report"] as? [String: Any] { checkReport(message.report, report) }
        for piece in fields["defects_contain"] as? [String] ?? [] {
            #expect(message.defects.contains { $0.contains(piece) }, "no defect mentions \(piece): \(message.defects)")
        }
        if fields["no_defects"] as? Bool == true { #expect(message.defects.isEmpty) }
        #expect(message.headersOnly == (fields["headers_only"] as? Bool ?? false))
    }

    func compare(_ key: String, _ actual: String?) {
        guard let value = fields[key] else { return }
        #expect(actual == value as? String, "\(key)")
    }

    func checkAttachments(_ actual: [InboundAttachment], _ expected: [[String: Any]], folder: String) {
        #expect(actual.count == expected.count)
        for (attachment, want) in zip(actual, expected) {
            if let name = want["saved_name"] as? String { #expect(attachment.savedName == name) }
            if want.keys.contains("original_name") { #expect(attachment.originalName == want["original_name"] as? String) }
            if let type = want["content_type"] as? String { #expect(attachment.contentType == type) }
            if let size = want["size"] as? Int { #expect(attachment.size == Int64(size)) }
            if let hash = want["sha256"] as? String { #expect(attachment.sha256 == hash) }
            if let inline = want["inline"] as? Bool { #expect(attachment.inline == inline) }
            if let id = want["content_id"] as? String { #expect(attachment.contentID == id) }
            let onDisk = (try? FileManager.default.attributesOfItem(atPath: folder + "/" + attachment.savedName))?[.size] as? Int64
            #expect(onDisk == attachment.size, "\(attachment.savedName) on disk")
        }
    }

    func checkForwarded(_ actual: [InboundMessage], _ expected: [[String: Any]]) {
        #expect(actual.count == expected.count)
        for (message, want) in zip(actual, expected) {
            if let subject = want["subject"] as? String { #expect(message.headers.subject == subject) }
            for piece in want["text_contains"] as? [String] ?? [] { #expect(message.text.contains(piece)) }
            if let count = want["attachment_count"] as? Int { #expect(message.attachments.count == count) }
        }
    }

    func checkReport(_ actual: InboundReport?, _ expected: [String: Any]) {
        switch (actual, expected["kind"] as? String) {
        case (.deliveryStatus(let report), "delivery-status"):
            #expect(report.originalMessageID == expected["original_message_id"] as? String)
            let recipients = (expected["recipients"] as? [[String: Any]] ?? []).map {
                DeliveryStatusRecipient(
                    recipient: $0["recipient"] as? String ?? "", action: $0["action"] as? String ?? "",
                    status: $0["status"] as? String, diagnostic: $0["diagnostic"] as? String
                )
            }
            #expect(report.recipients == recipients)
        case (.disposition(let report), "disposition"):
            #expect(report.originalMessageID == expected["original_message_id"] as? String)
            #expect(report.finalRecipient == expected["final_recipient"] as? String)
            #expect(report.disposition == expected["disposition"] as? String)
        default:
            Issue.record("report \(String(describing: actual)) is not the expected \(expected["kind"] ?? "")")
        }
    }

    /// Addresses as "name|address" strings, from a parse or from `[[name or null, address]]`.
    static func pairs(_ addresses: [InboundAddress]) -> [String] {
        addresses.map { ($0.name ?? "") + "|" + $0.address }
    }

    static func pairs(_ json: Any) -> [String] {
        (json as? [[Any]] ?? []).map { (($0.first as? String) ?? "") + "|" + (($0.last as? String) ?? "") }
    }
}

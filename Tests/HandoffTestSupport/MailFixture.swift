import Foundation
import HandoffCore
import HandoffMIME

/// Messages and parts shared by the mail grammar's tests and the transports' tests.
public enum MailFixture {
    public static func address(_ text: String) -> EmailAddress {
        try! EmailAddress(parsing: text)
    }

    public static func messageID(_ text: String = "<H-7K2M9QXA4D.TEST@va.example>") -> MessageID {
        try! MessageID(parsing: text)
    }

    public static func message(
        subject: String = "Your files",
        text: String = "Hello,\nthe files are attached.\n",
        attachments: [MailAttachment] = []
    ) -> OutgoingMessage {
        OutgoingMessage(
            from: address("Pat Example <pat@va.example>"),
            to: [address("client@demo.example")],
            subject: subject,
            date: Date(timeIntervalSince1970: 1_796_019_120), // Mon, 30 Nov 2026 06:12:00 +0000
            messageID: messageID(),
            textBody: text,
            attachments: attachments
        )
    }

    /// Random bytes from a seeded generator, so a failure can be reproduced.
    public static func randomBytes(count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        return generator.bytes(count: count)
    }

    /// The header section of a rendered message (up to the first empty line), unfolded
    /// into one string per field.
    public static func headerFields(_ raw: [UInt8]) -> [String] {
        let text = String(decoding: raw, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
        var fields: [String] = []
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !fields.isEmpty {
                fields[fields.count - 1] += line
            } else {
                fields.append(line)
            }
        }
        return fields
    }
}

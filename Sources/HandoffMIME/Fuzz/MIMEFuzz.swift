import Foundation
import HandoffCore

/// Entry points for fuzzing the grammar: each takes any bytes at all and must return,
/// never trap. A fuzzing engine can call them directly; the seeded test in HandoffMIMETests
/// feeds them random and mutated inputs on every run.
///
/// Inputs arrive as bytes, not strings, because that is what comes off a socket or out of a
/// mailbox: invalid UTF-8 is decoded with replacement characters, as the transports do.
/// The parsers for inbound mail and the rest of the IMAP responses get entry points here
/// when they arrive.
public enum MIMEFuzz {
    /// Splits `bytes` into lines (LF, with or without a CR before it) and gathers them into
    /// SMTP replies.
    public static func parseSMTPReplies(_ bytes: [UInt8]) -> [SMTPReply] {
        var parser = SMTPReplyParser()
        return bytes.split(separator: 0x0A, omittingEmptySubsequences: false).compactMap { line in
            let text = line.last == 0x0D ? line.dropLast() : line
            return parser.feed(String(decoding: text, as: UTF8.self))
        }
    }

    /// Splits `bytes` into lines and reads the UIDs of their `* SEARCH` responses.
    public static func parseIMAPSearch(_ bytes: [UInt8]) -> [Int] {
        IMAPSearchResult.uids(in: String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init))
    }

    /// Reads `bytes` as a Message-ID; nil when it is refused.
    public static func parseMessageID(_ bytes: [UInt8]) -> MessageID? {
        try? MessageID(parsing: String(decoding: bytes, as: UTF8.self))
    }

    /// Writes a message whose free-text parts come from `bytes`, split at each 0xFF (a byte
    /// UTF-8 never uses): subject, From display name, extra header name and value,
    /// attachment file name and media type, text body, HTML body. Missing parts keep a
    /// plain default.
    ///
    /// - Returns: the message's bytes, the attachment encoded from zero bytes in memory,
    ///   and the size the layout planned (the two must agree); nil when the message is
    ///   refused with a `HandoffError`, which is the right answer to bad input.
    public static func renderMessage(_ bytes: [UInt8]) -> (wire: [UInt8], plannedSize: Int64)? {
        let parts = bytes.split(separator: 0xFF, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        func part(_ index: Int, or fallback: String) -> String { index < parts.count ? parts[index] : fallback }
        do throws(HandoffError) {
            var message = OutgoingMessage(
                from: try EmailAddress(displayName: part(1, or: "Pat Example"), address: "pat@va.example"),
                to: [try EmailAddress(address: "client@demo.example")],
                subject: part(0, or: "Your files"),
                date: Date(timeIntervalSince1970: 1_796_019_120),
                messageID: try MessageID(parsing: "<fuzz@va.example>"),
                textBody: part(6, or: "Hello"),
                attachments: [MailAttachment(path: "fuzz.bin", fileName: part(4, or: "files.zip"), mediaType: part(5, or: "application/zip"))],
                extraHeaders: [try HeaderField(part(2, or: "X-Handoff-ID"), part(3, or: "H-1"))]
            )
            message.htmlBody = parts.count > 7 ? parts[7] : nil
            let layout = try MIMEWriter.layout(message) { _ in Int64(bytes.count % 200) }
            return (wire(of: layout), layout.size)
        } catch {
            return nil
        }
    }

    /// The bytes of a layout with every attachment made of zero bytes, encoded in memory.
    static func wire(of layout: MessageLayout) -> [UInt8] {
        var out: [UInt8] = []
        for segment in layout.segments {
            switch segment {
            case .literal(let bytes):
                out += bytes
            case .base64File(_, let size):
                let input = [UInt8](repeating: 0, count: Int(size))
                var encoded = [UInt8](repeating: 0, count: Base64LineEncoder.outputCapacity(forInputCount: input.count))
                var encoder = Base64LineEncoder()
                let count = input.withUnsafeBytes { source in
                    encoded.withUnsafeMutableBytes { encoder.encode(source, into: $0) }
                }
                out += encoded[0..<count]
            }
        }
        return out
    }
}

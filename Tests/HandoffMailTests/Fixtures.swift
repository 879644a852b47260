import Foundation
import HandoffCore
@testable import HandoffMail

/// Builders shared by the tests.
enum Fixture {
    static func address(_ text: String) -> EmailAddress {
        try! EmailAddress(parsing: text)
    }

    static func messageID(_ text: String = "<H-7K2M9QXA4D.TEST@va.example>") -> MessageID {
        try! MessageID(parsing: text)
    }

    static func message(
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

    /// Writes `bytes` to `name` under `folder` and returns the path.
    static func file(_ name: String, in folder: String, bytes: [UInt8]) throws -> String {
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Random bytes from a seeded generator, so a failure can be reproduced.
    static func randomBytes(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        var out = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            // SplitMix64.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            for shift in stride(from: 0, to: 64, by: 8) where index < count {
                out[index] = UInt8(truncatingIfNeeded: z >> UInt64(shift))
                index += 1
            }
        }
        return out
    }

    /// The header section of a rendered message (up to the first empty line), unfolded
    /// into one string per field.
    static func headerFields(_ raw: [UInt8]) -> [String] {
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

    /// Decodes RFC 2047 encoded words (only UTF-8, as the writer makes them), joined the way
    /// a reader joins adjacent encoded words. Test-only: the round trip through Python's
    /// email package checks the same from outside.
    static func decodeEncodedWords(_ words: [String]) -> String? {
        var bytes: [UInt8] = []
        for word in words {
            guard word.hasPrefix("=?UTF-8?"), word.hasSuffix("?="), word.count > 12 else { return nil }
            let kind = word[word.index(word.startIndex, offsetBy: 8)]
            let payload = String(word.dropFirst(10).dropLast(2))
            switch kind {
            case "B":
                guard let data = Data(base64Encoded: payload) else { return nil }
                bytes += data
            case "Q":
                var iterator = Array(payload.utf8).makeIterator()
                while let byte = iterator.next() {
                    if byte == UInt8(ascii: "_") {
                        bytes.append(0x20)
                    } else if byte == UInt8(ascii: "=") {
                        guard let high = iterator.next(), let low = iterator.next(),
                              let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                        bytes.append(value)
                    } else {
                        bytes.append(byte)
                    }
                }
            default:
                return nil
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

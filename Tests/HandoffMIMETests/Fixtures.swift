import Foundation
import HandoffTestSupport

typealias Fixture = MailFixture

extension MailFixture {
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

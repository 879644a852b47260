import HandoffCore

/// A Message-ID (RFC 5322 `msg-id`), kept without its angle brackets.
///
/// It ends up in headers and, for the file transport, in a file name, so it is validated
/// once here: printable ASCII only (no space, CR, LF or angle bracket), with an `@` that has
/// something on both sides. That is looser than the RFC grammar on purpose, because the same
/// type carries the ids of inbound mail (for `In-Reply-To`), and real mailers bend the rules.
public struct MessageID: Sendable, Hashable, TextCodable, CustomStringConvertible {
    /// `id-left@id-right`, without angle brackets.
    public let value: String

    /// The longest id accepted: it must fit on one header line (998 octets) with a header name.
    public static let maxLength = 900

    /// Accepts `<local@domain>` or `local@domain`; surrounding spaces are ignored.
    public init(parsing text: String) throws(HandoffError) {
        // Checked before trimming: a line break anywhere is an injection attempt, not padding.
        if text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) {
            throw .badInput("The message id '\(text.debugDescription.dropFirst().dropLast())' contains a line break, which is not allowed.")
        }
        var inner = Substring(text.trimmingWhitespace())
        if inner.hasPrefix("<"), inner.hasSuffix(">"), inner.count >= 2 {
            inner = inner.dropFirst().dropLast()
        }
        guard !inner.isEmpty, inner.utf8.count <= Self.maxLength else {
            throw .badInput("'\(text)' is not a message id: it must be 1 to \(Self.maxLength) characters between < and >.")
        }
        guard inner.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }) else {
            throw .badInput("'\(text)' is not a message id: it may only hold printable ASCII, without spaces or angle brackets.")
        }
        guard let at = inner.lastIndex(of: "@"), at != inner.startIndex, inner.index(after: at) != inner.endIndex else {
            throw .badInput("'\(text)' is not a message id: it looks like <something@domain>.")
        }
        self.value = String(inner)
    }

    /// `<value>`, the form written into headers.
    public var bracketed: String { "<\(value)>" }

    public var description: String { bracketed }

    /// A fresh id for a message about `handoff`, e.g. `<H-7K2M9QXA4D.3MZ8Q1VTR2KD@va.example>`.
    ///
    /// The handoff id makes the message traceable from a mail client; the random part keeps
    /// two messages about one handoff (the delivery and its passphrase) apart. The caller must
    /// store the id before sending: transports use it as the idempotency key.
    ///
    /// `domain` is normally the sender's domain. One that cannot be written as ASCII
    /// (an internationalised domain) is replaced by `handoff.invalid`: only the left side
    /// has to be unique.
    public static func generate(for handoff: HandoffID, domain: String) -> MessageID {
        var generator = SystemRandomNumberGenerator()
        return generate(for: handoff, domain: domain, using: &generator)
    }

    public static func generate(
        for handoff: HandoffID, domain: String, using generator: inout some RandomNumberGenerator
    ) -> MessageID {
        let lowered = domain.lowercased()
        let right = isASCIIHostName(lowered) ? lowered : "handoff.invalid"
        let left = handoff.rawValue + "." + RandomToken.crockford(length: 12, using: &generator)
        return MessageID(validated: left + "@" + right)
    }

    private init(validated value: String) {
        self.value = value
    }

    static func isASCIIHostName(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
                && label.utf8.allSatisfy { isASCIILetterOrDigit($0) || $0 == UInt8(ascii: "-") }
        }
    }

    // Stored as the bracketed text, so stored and JSON values read like the header.
    public var codableText: String { bracketed }
}

/// `package` because the file transport keeps the same bytes literal in file names.
@inline(__always)
package func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
}

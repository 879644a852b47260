import HandoffCore
import HandoffMIME

/// The SMTP envelope: who the message is from (`MAIL FROM`) and who gets it (`RCPT TO`).
public struct Envelope: Sendable, Equatable, Codable {
    /// The bare sender address.
    public var sender: String
    /// The bare recipient addresses.
    public var recipients: [String]

    public init(sender: String, recipients: [String]) {
        self.sender = sender
        self.recipients = recipients
    }

    /// The sender is `from`; the recipients are `to`, `cc` and `bcc` in that order, each
    /// address once (compared case-insensitively), so nobody listed twice gets two copies.
    public init(for message: OutgoingMessage) {
        var seen = Set<String>()
        var recipients: [String] = []
        for address in message.to + message.cc + message.bcc {
            let mailbox = address.address
            if seen.insert(mailbox.lowercased()).inserted { recipients.append(mailbox) }
        }
        self.init(sender: message.from.address, recipients: recipients)
    }
}

extension OutgoingMessage {
    /// The SMTP envelope of this message (see `Envelope.init(for:)`).
    public var envelope: Envelope { Envelope(for: self) }
}

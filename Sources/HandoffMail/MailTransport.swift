import HandoffCore
import HandoffMIME

/// Hands a rendered message to whatever delivers it (a folder, an SMTP server).
///
/// The seam between the gateway and mail delivery: the gateway renders with `MIMEWriter`,
/// records the message id, then sends. The transport streams the rendered message where it
/// goes (no copy of it is written first). Implementations are idempotent per message id
/// where the transport makes that possible, so a resumed job cannot send twice.
public protocol MailTransport: Sendable {
    /// Sends the rendered message to the envelope's recipients.
    /// Must be idempotent per message id where the transport can be.
    func send(_ message: RenderedMessage, envelope: Envelope) async throws(HandoffError) -> SendResult

    /// Whether a message with this id was already handed over (nil if the transport cannot know).
    ///
    /// Also asked right after a failed `send`: false means that attempt surely delivered
    /// nothing (send again later), nil that it may have (the send is not repeated).
    func wasSent(messageID: MessageID) async -> Bool?

    /// The largest message the transport takes, in encoded bytes, if it has a limit of its
    /// own (an SMTP server's EHLO SIZE). May talk to the server once.
    func messageSizeLimit() async throws(HandoffError) -> Int64?
}

extension MailTransport {
    public func messageSizeLimit() async throws(HandoffError) -> Int64? { nil }
}

/// What a transport reports after handing a message over; recorded in the ledger.
public struct SendResult: Sendable, Equatable, Codable {
    /// The transport's own words: the SMTP server's final reply (`250 2.0.0 Ok: queued as …`)
    /// or, for the file transport, where the file went.
    public var serverReply: String
    /// Recipients the transport took.
    public var accepted: [String]
    /// Recipients it refused, with its reason; the message went to the others.
    public var refused: [RecipientRefusal]
    /// Where the message can be found, when the transport keeps it (a file path).
    public var location: String?
    /// True when the transport already had this message id and did nothing this time.
    public var alreadySent: Bool
    /// What became of the copy for the sender's own Sent folder, when one is kept
    /// ("saved in Sent", or why not); the send stands either way.
    public var sentCopy: String?

    public init(serverReply: String, accepted: [String], refused: [RecipientRefusal] = [], location: String? = nil, alreadySent: Bool = false) {
        self.serverReply = serverReply
        self.accepted = accepted
        self.refused = refused
        self.location = location
        self.alreadySent = alreadySent
    }
}

/// One recipient a transport would not take, and why (e.g. the SMTP server's `550 …` reply).
public struct RecipientRefusal: Sendable, Equatable, Codable {
    public var address: String
    public var reply: String

    public init(address: String, reply: String) {
        self.address = address
        self.reply = reply
    }
}

import Foundation

/// The bounds on the work one message may cost, so that memory and time stay flat whatever
/// arrives: past a bound the parse stops, keeps what it has and says so in `defects`.
public struct InboundLimits: Sendable {
    /// A larger file is read for its headers only.
    public var maxMessageBytes: Int64
    /// More MIME parts than this: the rest is not walked (and a file that looks like it has
    /// many more is read for its headers only, before GMime sees it).
    public var maxParts: Int
    /// Deeper nesting of multiparts and forwarded messages is not walked.
    public var maxDepth: Int
    /// The walk stops after this many seconds.
    public var maxSeconds: Double
    /// The text kept for a message, in UTF-8 bytes.
    public var maxTextBytes: Int
    /// A header section larger than this is cut before it is parsed.
    public var maxHeaderBytes: Int

    public init(
        maxMessageBytes: Int64 = 50 * 1024 * 1024,
        maxParts: Int = 1000,
        maxDepth: Int = 32,
        maxSeconds: Double = 20,
        maxTextBytes: Int = 2 * 1024 * 1024,
        maxHeaderBytes: Int = 1024 * 1024
    ) {
        self.maxMessageBytes = maxMessageBytes
        self.maxParts = maxParts
        self.maxDepth = maxDepth
        self.maxSeconds = maxSeconds
        self.maxTextBytes = maxTextBytes
        self.maxHeaderBytes = maxHeaderBytes
    }
}

/// One mailbox of an address header, decoded.
public struct InboundAddress: Sendable, Codable, Hashable {
    /// The display name, decoded from RFC 2047; nil when there is none.
    public var name: String?
    /// The address as written, trimmed; lowercasing is the caller's business.
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }
}

/// The headers that decide what a message is and where it goes, decoded.
public struct InboundHeaders: Sendable, Codable {
    public var from: [InboundAddress] = []
    public var sender: InboundAddress?
    public var replyTo: [InboundAddress] = []
    public var to: [InboundAddress] = []
    public var cc: [InboundAddress] = []
    /// Every Delivered-To, top first (the last hop's first).
    public var deliveredTo: [String] = []
    /// Decoded from RFC 2047 (or from raw 8-bit bytes as UTF-8, else Windows-1252).
    public var subject: String?
    /// Without the angle brackets.
    public var messageID: String?
    /// Message-IDs without angle brackets.
    public var inReplyTo: [String] = []
    /// Message-IDs without angle brackets, oldest first as written.
    public var references: [String] = []
    public var date: Date?
    public var autoSubmitted: String?
    public var precedence: String?
    public var listID: String?
    /// As written: `<>` for a bounce.
    public var returnPath: String?

    public init() {}
}

/// One part saved to the attachments folder, decoded from its transfer encoding.
public struct InboundAttachment: Sendable, Codable {
    /// The file name in the attachments folder (sanitised, unique there).
    public var savedName: String
    /// The name the mail gave it, decoded (RFC 2231 or RFC 2047); nil when none.
    public var originalName: String?
    /// `type/subtype`, lowercase.
    public var contentType: String
    /// Decoded bytes.
    public var size: Int64
    /// SHA-256 of the decoded bytes, lowercase hex.
    public var sha256: String
    /// Shown in the body (an image with a Content-ID, or disposition inline).
    public var inline: Bool
    /// Without angle brackets.
    public var contentID: String?

    public init(savedName: String, originalName: String?, contentType: String, size: Int64, sha256: String, inline: Bool, contentID: String?) {
        self.savedName = savedName
        self.originalName = originalName
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.inline = inline
        self.contentID = contentID
    }
}

/// One recipient of a delivery status notification (RFC 3464).
public struct DeliveryStatusRecipient: Sendable, Codable, Equatable {
    /// The address from Final-Recipient (else Original-Recipient), without its type.
    public var recipient: String
    /// `failed`, `delayed`, `delivered`, `relayed` or `expanded`, lowercase.
    public var action: String
    /// The enhanced status code, `5.1.1`.
    public var status: String?
    /// The remote server's words, without the `smtp;` type.
    public var diagnostic: String?

    public init(recipient: String, action: String, status: String?, diagnostic: String?) {
        self.recipient = recipient
        self.action = action
        self.status = status
        self.diagnostic = diagnostic
    }
}

/// A bounce or delay report about a message we sent.
public struct DeliveryStatusReport: Sendable, Codable, Equatable {
    /// The Message-ID of the message the report is about, without angle brackets.
    public var originalMessageID: String?
    public var recipients: [DeliveryStatusRecipient]

    public init(originalMessageID: String?, recipients: [DeliveryStatusRecipient]) {
        self.originalMessageID = originalMessageID
        self.recipients = recipients
    }
}

/// A read receipt (message disposition notification, RFC 8098).
public struct DispositionReport: Sendable, Codable, Equatable {
    /// Without angle brackets.
    public var originalMessageID: String?
    /// The address from Final-Recipient, without its type.
    public var finalRecipient: String?
    /// The disposition type, lowercase: `displayed`, `deleted`, `dispatched`, `processed`.
    public var disposition: String

    public init(originalMessageID: String?, finalRecipient: String?, disposition: String) {
        self.originalMessageID = originalMessageID
        self.finalRecipient = finalRecipient
        self.disposition = disposition
    }
}

/// What a multipart/report message reports.
public enum InboundReport: Sendable, Codable, Equatable {
    case deliveryStatus(DeliveryStatusReport)
    case disposition(DispositionReport)
}

/// One parsed mail: what the inbox needs to file it, with its attachments already on disk.
public struct InboundMessage: Sendable, Codable {
    public var headers: InboundHeaders
    /// UTF-8; text/plain preferred, else the HTML turned into readable text.
    public var text: String
    /// Whether `text` came from HTML.
    public var textFromHTML: Bool
    /// Every saved part, including those of forwarded messages.
    public var attachments: [InboundAttachment]
    /// message/rfc822 parts: their headers, text and own attachments.
    public var forwarded: [InboundMessage]
    /// Set for delivery status and disposition notifications.
    public var report: InboundReport?
    /// What was wrong with the mail or cut by a limit, in words a person can read.
    public var defects: [String]
    /// Bytes of the raw file (for a forwarded message: 0).
    public var size: Int64
    /// SHA-256 of the raw file, lowercase hex (for a forwarded message: "").
    public var sha256: String
    /// Only the headers were read (the message was over a limit); `text` is empty.
    public var headersOnly: Bool

    public init(
        headers: InboundHeaders = InboundHeaders(), text: String = "", textFromHTML: Bool = false,
        attachments: [InboundAttachment] = [], forwarded: [InboundMessage] = [], report: InboundReport? = nil,
        defects: [String] = [], size: Int64 = 0, sha256: String = "", headersOnly: Bool = false
    ) {
        self.headers = headers
        self.text = text
        self.textFromHTML = textFromHTML
        self.attachments = attachments
        self.forwarded = forwarded
        self.report = report
        self.defects = defects
        self.size = size
        self.sha256 = sha256
        self.headersOnly = headersOnly
    }
}

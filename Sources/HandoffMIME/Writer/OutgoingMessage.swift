import Foundation
import HandoffCore

/// A file attached to a message, streamed from disk when the message is written.
public struct MailAttachment: Sendable, Equatable {
    /// Where the bytes are read from.
    public var path: String
    /// The name the recipient sees; any Unicode, no line breaks.
    public var fileName: String
    /// `type/subtype`, e.g. `application/zip`.
    public var mediaType: String

    public init(path: String, fileName: String, mediaType: String) {
        self.path = path
        self.fileName = fileName
        self.mediaType = mediaType
    }

    /// The attachment for a finished package: its archive under the name the client sees.
    public init(package: PackageInfo) {
        self.init(path: package.archivePath, fileName: package.fileName, mediaType: package.format.mediaType)
    }
}

/// A message to render with `MIMEWriter`.
///
/// Plain values: nothing is checked until the message is written, and then everything is
/// (line breaks in header values, addresses, attachment files), so one place refuses bad
/// input with a message that names the header or the file.
public struct OutgoingMessage: Sendable, Equatable {
    public var from: EmailAddress
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    /// Blind copies: envelope recipients only, never written into the headers.
    public var bcc: [EmailAddress]
    public var replyTo: EmailAddress?
    public var subject: String
    public var date: Date
    /// The zone the `Date` header is shown in (UTC unless set).
    public var timeZone: TimeZone
    public var messageID: MessageID
    public var inReplyTo: MessageID?
    public var references: [MessageID]
    /// The text; line breaks may be LF, CR or CRLF (all are written as CRLF).
    public var textBody: String
    /// An HTML version of the text: when set, the two go out as multipart/alternative
    /// (plain text first, so clients that prefer it, and filters, still get words).
    public var htmlBody: String?
    public var attachments: [MailAttachment]
    /// Added after the standard headers, in order (e.g. `X-Handoff-ID`).
    public var extraHeaders: [HeaderField]

    public init(
        from: EmailAddress,
        to: [EmailAddress],
        cc: [EmailAddress] = [],
        bcc: [EmailAddress] = [],
        replyTo: EmailAddress? = nil,
        subject: String,
        date: Date,
        timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!,
        messageID: MessageID,
        inReplyTo: MessageID? = nil,
        references: [MessageID] = [],
        textBody: String,
        attachments: [MailAttachment] = [],
        extraHeaders: [HeaderField] = []
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.timeZone = timeZone
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.textBody = textBody
        self.htmlBody = nil
        self.attachments = attachments
        self.extraHeaders = extraHeaders
    }
}

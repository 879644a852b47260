import Foundation
import GRDB
import HandoffCore

/// How far a mailbox has been read: the last UID stored under one UIDVALIDITY. Written in
/// the transaction that stores the message, so a poll stopped at any moment resumes
/// without losing or doubling one.
public struct MailboxCheckpoint: Sendable, Equatable {
    public var mailbox: String
    public var uidValidity: UInt64
    public var lastUID: UInt32

    public init(mailbox: String, uidValidity: UInt64, lastUID: UInt32) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }
}

/// What the inbox decided to do with a message before storing it.
public enum InboundPlacement: Sendable {
    case newRequest(RequestID, project: ProjectID?)
    case join(RequestID)
    /// A DSN or MDN: stored only so that it is never processed twice.
    case report
    case ignored(reason: String)
}

/// What became of a stored message.
public enum InboundDisposition: Sendable, Equatable {
    case request(RequestID, newRequest: Bool)
    case report
    case ignored
}

/// The `disposition` column of `inboundMessage`.
enum StoredDisposition: String, Sendable, DatabaseValueConvertible {
    case request, report, ignored
}

/// One parsed inbound email, as the store keeps it.
public struct IncomingMessage: Sendable {
    public var mailbox: String
    public var uidValidity: UInt64
    /// IMAP: the decimal UID; Maildir: the unique part of the file name.
    public var key: String
    public var uid: UInt32
    /// Without angle brackets.
    public var messageID: String?
    /// Of the raw message.
    public var sha256: String
    public var size: Int64
    public var from: String
    public var fromName: String?
    public var subject: String?
    public var date: Date?
    public var receivedAt: Date
    public var inReplyTo: [String]
    public var references: [String]
    public var text: String
    public var attachments: [IncomingAttachment]
    public var defects: [String]
    public var headersOnly: Bool

    public init(
        mailbox: String, uidValidity: UInt64, key: String, uid: UInt32, messageID: String?, sha256: String, size: Int64,
        from: String, fromName: String? = nil, subject: String?, date: Date? = nil, receivedAt: Date,
        inReplyTo: [String] = [], references: [String] = [], text: String, attachments: [IncomingAttachment] = [],
        defects: [String] = [], headersOnly: Bool = false
    ) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.key = key
        self.uid = uid
        self.messageID = messageID
        self.sha256 = sha256
        self.size = size
        self.from = from
        self.fromName = fromName
        self.subject = subject
        self.date = date
        self.receivedAt = receivedAt
        self.inReplyTo = inReplyTo
        self.references = references
        self.text = text
        self.attachments = attachments
        self.defects = defects
        self.headersOnly = headersOnly
    }
}

/// Message-IDs are stored without angle brackets by the inbox, and with them by deliveries
/// (the form written into headers): lookups try both.
enum MessageIDForms {
    static func bare(_ id: String) -> String {
        let trimmed = id.trimmingWhitespace()
        guard trimmed.hasPrefix("<"), trimmed.hasSuffix(">"), trimmed.count >= 2 else { return trimmed }
        return String(trimmed.dropFirst().dropLast())
    }

    static func both(_ ids: [String]) -> [String] {
        ids.map(bare).filter { !$0.isEmpty }.flatMap { [$0, "<\($0)>"] }
    }
}

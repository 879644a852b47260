/// The payloads of what the client did with a delivery. The link server and the inbox
/// write them; until they do, only imported or test events carry them.

/// The client fetched the package through its link.
public struct DownloadedPayload: LedgerPayload {
    public static let kind = LedgerEventKind.downloaded
    /// The address the download came from.
    public var from: String?

    public init(from: String?) {
        self.from = from
    }
}

/// A read receipt (MDN) came back, in ledgers written before `displayed` existed.
public struct ReadPayload: LedgerPayload {
    public static let kind = LedgerEventKind.read
    /// Who read it, as the read receipt names them.
    public var by: String?

    public init(by: String?) {
        self.by = by
    }
}

/// A read receipt (MDN, RFC 8098) with the disposition `displayed`: the message was shown
/// to the recipient (which says nothing about whether it was read closely).
public struct DisplayedPayload: LedgerPayload {
    public static let kind = LedgerEventKind.displayed
    /// The receipt's Final-Recipient, the address it was displayed to.
    public var by: String?
    /// The Disposition field as written (`manual-action/MDN-sent-manually; displayed`).
    public var disposition: String?
    /// The Message-ID of the delivery the receipt is about, as the receipt names it.
    public var originalMessageID: String?

    public init(by: String?, disposition: String? = nil, originalMessageID: String? = nil) {
        self.by = by
        self.disposition = disposition
        self.originalMessageID = originalMessageID
    }

    enum CodingKeys: String, CodingKey {
        case by, disposition
        case originalMessageID = "original_message_id"
    }
}

/// A delivery status notification (DSN, RFC 3464) said a recipient did not get it. One
/// event per recipient the report names.
public struct BouncedPayload: LedgerPayload {
    public static let kind = LedgerEventKind.bounced
    public var recipient: String?
    /// The DSN's status code (`5.1.1`), as the remote server gave it.
    public var status: String?
    /// The DSN's Action (`failed`, `delayed`); absent in events written before it was kept.
    public var action: String?
    /// The remote server's Diagnostic-Code (`smtp; 550 5.1.1 no such mailbox`).
    public var diagnostic: String?
    /// The Message-ID of the delivery the report is about.
    public var originalMessageID: String?

    /// Every added field defaults to nil, and a nil field is left out of the event: a
    /// bounce recorded before they existed keeps its exact fields, and so its hash.
    public init(recipient: String?, status: String?, action: String? = nil, diagnostic: String? = nil, originalMessageID: String? = nil) {
        self.recipient = recipient
        self.status = status
        self.action = action
        self.diagnostic = diagnostic
        self.originalMessageID = originalMessageID
    }

    enum CodingKeys: String, CodingKey {
        case recipient, status, action, diagnostic
        case originalMessageID = "original_message_id"
    }
}

/// The payloads of a delivery's own steps, from `queued` to `sent`.

/// A delivery was stored (or queued again by `handoff queue retry`).
public struct QueuedPayload: LedgerPayload {
    public static let kind = LedgerEventKind.queued
    /// The folder or file delivered, on the VA's machine.
    public var source: String?
    /// Recipients, comma-separated; absent when there were none.
    public var to: String?
    public var cc: String?
    /// Blind copies are counted here and never named.
    public var bccCount: Int?
    /// The route asked for (`email`, `link`, `auto`).
    public var route: String?
    /// Why it was queued again, for a retry.
    public var reason: String?

    public init(source: String? = nil, to: String? = nil, cc: String? = nil, bccCount: Int? = nil, route: String? = nil, reason: String? = nil) {
        self.source = source
        self.to = to
        self.cc = cc
        self.bccCount = bccCount
        self.route = route
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case source, to, cc, route, reason
        case bccCount = "bcc_count"
    }
}

/// The package was built.
public struct PackagedPayload: LedgerPayload {
    public static let kind = LedgerEventKind.packaged
    public var file: String?
    public var format: String?
    public var size: Int64?
    public var sha256: String?
    public var files: Int?
    public var encrypted: Bool?

    public init(file: String?, format: String?, size: Int64?, sha256: String?, files: Int?, encrypted: Bool?) {
        self.file = file
        self.format = format
        self.size = size
        self.sha256 = sha256
        self.files = files
        self.encrypted = encrypted
    }
}

/// The package was uploaded to a link store and a signed link made.
public struct PublishedPayload: LedgerPayload {
    public static let kind = LedgerEventKind.published
    /// When the link stops working, ISO 8601 in UTC.
    public var expires: String?

    public init(expires: String?) {
        self.expires = expires
    }
}

/// The transport took a message: the delivery itself, or its passphrase (`part`).
public struct SentPayload: LocksBilledEntries {
    public static let kind = LedgerEventKind.sent
    public var messageID: String?
    /// `email` or `link`.
    public var route: String?
    /// The recipients the transport took, comma-separated (Bcc included: this is the VA's record).
    public var accepted: String?
    /// `address: reply` for each recipient refused, separated by `; `.
    public var refused: String?
    /// True when only some recipients got it.
    public var partial: Bool?
    /// True when a resumed job found the message already handed over.
    public var resumed: Bool?
    /// `passphrase` for the message that carries an encrypted package's passphrase.
    public var part: String?
    /// The transport's final word: the SMTP server's reply, or the file transport's note.
    public var reply: String?
    /// Where the transport keeps the message on the VA's machine (the file transport's path).
    public var location: String?
    /// What became of the copy for the sender's Sent folder.
    public var sentCopy: String?
    public var entriesSHA256: String?

    public init(
        messageID: String? = nil, route: String? = nil, accepted: String? = nil, refused: String? = nil, partial: Bool? = nil,
        resumed: Bool? = nil, part: String? = nil, reply: String? = nil, location: String? = nil, sentCopy: String? = nil
    ) {
        self.messageID = messageID
        self.route = route
        self.accepted = accepted
        self.refused = refused
        self.partial = partial
        self.resumed = resumed
        self.part = part
        self.reply = reply
        self.location = location
        self.sentCopy = sentCopy
    }

    enum CodingKeys: String, CodingKey {
        case route, accepted, refused, partial, resumed, part, reply, location
        case messageID = "message_id"
        case sentCopy = "sent_copy"
        case entriesSHA256 = "entries_sha256"
    }
}

/// A send started but nobody can say whether it finished.
public struct PossiblySentPayload: LocksBilledEntries {
    public static let kind = LedgerEventKind.possiblySent
    public var messageID: String?
    public var why: String?
    public var entriesSHA256: String?

    public init(messageID: String?, why: String?) {
        self.messageID = messageID
        self.why = why
    }

    enum CodingKeys: String, CodingKey {
        case why
        case messageID = "message_id"
        case entriesSHA256 = "entries_sha256"
    }
}

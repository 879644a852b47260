/// The payloads about the records around deliveries: billed time, amendments, receipts
/// and notices.

/// The time entries a handoff bills.
public struct BilledPayload: LedgerPayload {
    public static let kind = LedgerEventKind.billed
    /// Entry ids, comma-separated.
    public var entries: String?
    public var seconds: Int64?
    /// The entries still running when it was queued, comma-separated.
    public var running: String?

    public init(entries: [Int64], seconds: Int64, running: [Int64]) {
        self.entries = entries.map(String.init).joined(separator: ",")
        self.seconds = seconds
        self.running = running.isEmpty ? nil : running.map(String.init).joined(separator: ",")
    }

    public var entryIDs: [Int64] { Self.ids(entries) }
    public var runningIDs: [Int64] { Self.ids(running) }

    static func ids(_ list: String?) -> [Int64] {
        (list ?? "").split(separator: ",").compactMap { Int64($0) }
    }
}

/// One field of a locked (billed and sent) time entry changed.
public struct AmendedPayload: LedgerPayload {
    public static let kind = LedgerEventKind.amended
    public var entry: Int64?
    /// `start`, `end` or `memo`.
    public var field: String?
    public var old: String?
    public var new: String?
    public var reason: String?
    /// The entry's content hash after the change.
    public var entrySHA256: String?

    public init(entry: Int64, field: String, old: String, new: String, reason: String, entrySHA256: String) {
        self.entry = entry
        self.field = field
        self.old = old
        self.new = new
        self.reason = reason
        self.entrySHA256 = entrySHA256
    }

    enum CodingKeys: String, CodingKey {
        case entry, field, old, new, reason
        case entrySHA256 = "entry_sha256"
    }
}

/// A signed receipt was mailed to the project's contacts.
public struct ReceiptSentPayload: LedgerPayload {
    public static let kind = LedgerEventKind.receiptSent
    public var receipt: String?
    public var jsonSHA256: String?
    public var chainHead: String?
    public var messageID: String?
    public var to: String?
    public var reply: String?
    public var resumed: Bool?

    public init(messageID: String?, to: String? = nil, resumed: Bool? = nil) {
        self.messageID = messageID
        self.to = to
        self.resumed = resumed
    }

    enum CodingKeys: String, CodingKey {
        case receipt, to, reply, resumed
        case jsonSHA256 = "json_sha256"
        case chainHead = "chain_head"
        case messageID = "message_id"
    }
}

/// The VA was mailed about a failed delivery.
public struct NoticeSentPayload: LedgerPayload {
    public static let kind = LedgerEventKind.noticeSent
    public var to: String?
    public var messageID: String?
    /// The seq of the `failed` event the notice reports.
    public var failureSeq: Int64?
    public var reply: String?

    public init(to: String, messageID: String, failureSeq: Int64, reply: String) {
        self.to = to
        self.messageID = messageID
        self.failureSeq = failureSeq
        self.reply = reply
    }

    enum CodingKeys: String, CodingKey {
        case to, reply
        case messageID = "message_id"
        case failureSeq = "failure_seq"
    }
}

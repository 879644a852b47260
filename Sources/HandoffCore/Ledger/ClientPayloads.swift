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

/// A read receipt (MDN) came back.
public struct ReadPayload: LedgerPayload {
    public static let kind = LedgerEventKind.read
    /// Who read it, as the read receipt names them.
    public var by: String?

    public init(by: String?) {
        self.by = by
    }
}

/// A delivery status notification (DSN) said a recipient did not get it.
public struct BouncedPayload: LedgerPayload {
    public static let kind = LedgerEventKind.bounced
    public var recipient: String?
    /// The DSN's status and diagnostic, as the remote server gave them.
    public var status: String?

    public init(recipient: String?, status: String?) {
        self.recipient = recipient
        self.status = status
    }
}

/// An event's payload, decoded by its kind. A kind this version does not know, or a detail
/// its type cannot read (a number that is not one), is kept as written rather than lost
/// or trusted: readers show it as it is.
public enum LedgerEventPayload: Sendable, Equatable {
    case queued(QueuedPayload)
    case packaged(PackagedPayload)
    case sent(SentPayload)
    case published(PublishedPayload)
    case possiblySent(PossiblySentPayload)
    case retrying(RetryingPayload)
    case failed(FailedPayload)
    case cancelled(CancelledPayload)
    case downloaded(DownloadedPayload)
    case read(ReadPayload)
    case displayed(DisplayedPayload)
    case bounced(BouncedPayload)
    case billed(BilledPayload)
    case amended(AmendedPayload)
    case receiptSent(ReceiptSentPayload)
    case noticeSent(NoticeSentPayload)
    case unreadable(kind: String, fields: [String: String])

    public init(kind: String, fields: [String: String]) {
        func decoded<Payload: LedgerPayload>(_ wrap: (Payload) -> Self) -> Self {
            guard let payload = try? LedgerFields.decode(Payload.self, from: fields) else {
                return .unreadable(kind: kind, fields: fields)
            }
            return wrap(payload)
        }
        switch LedgerEventKind(rawValue: kind) {
        case .queued: self = decoded(Self.queued)
        case .packaged: self = decoded(Self.packaged)
        case .sent: self = decoded(Self.sent)
        case .published: self = decoded(Self.published)
        case .possiblySent: self = decoded(Self.possiblySent)
        case .retrying: self = decoded(Self.retrying)
        case .failed: self = decoded(Self.failed)
        case .cancelled: self = decoded(Self.cancelled)
        case .downloaded: self = decoded(Self.downloaded)
        case .read: self = decoded(Self.read)
        case .displayed: self = decoded(Self.displayed)
        case .bounced: self = decoded(Self.bounced)
        case .billed: self = decoded(Self.billed)
        case .amended: self = decoded(Self.amended)
        case .receiptSent: self = decoded(Self.receiptSent)
        case .noticeSent: self = decoded(Self.noticeSent)
        case nil: self = .unreadable(kind: kind, fields: fields)
        }
    }
}

/// The detail of one kind of ledger event, as a type: its writer fills it in, every reader
/// (the store's checks, notices, receipts) decodes it, so the keys are written down once.
///
/// Events outlive the code that wrote them, so every property a writer added after the
/// kind existed is optional, and keys a payload does not know are ignored.
public protocol LedgerPayload: Codable, Sendable, Equatable {
    static var kind: LedgerEventKind { get }
}

/// A payload that locks the time entries its handoff bills (the handoff reached, or may
/// have reached, the client): the store adds the entries' content hashes when it writes it.
public protocol LocksBilledEntries: LedgerPayload {
    /// `12=<hex>,13=r:<hex>`: each billed entry's content hash when the event was written.
    var entriesSHA256: String? { get set }
}

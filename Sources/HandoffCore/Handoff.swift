import Foundation

/// Where a handoff stands. Each step moves it forward; a resumed job reads this (and the
/// ledger) before acting, so no step is done twice.
public enum HandoffStatus: String, Sendable, Codable, CaseIterable {
    case queued
    /// The package is built and recorded.
    case packaged
    /// The message is rendered and a send has started: if we find a handoff here after a
    /// crash, the transport is asked whether the message got through.
    case sending
    case sent
    /// The transport cannot tell whether the send finished; not re-sent blindly.
    case possiblySent = "possibly_sent"
    /// The server took the message for some recipients and refused others: not a success,
    /// and not sent again (the accepted ones have it). Each recipient's answer is recorded.
    case partiallySent = "partially_sent"
    case failed
    case cancelled
    /// Sent, then a delivery status notification came back: a recipient's server refused
    /// it after accepting it for relay. The ledger's `bounced` events say who and why.
    case bounced

    public var isFinal: Bool {
        self == .sent || self == .failed || self == .cancelled || self == .possiblySent || self == .partiallySent || self == .bounced
    }

    /// The message may be in a client's mailbox: such a handoff is never sent again by a
    /// retry or cancelled after the fact.
    public var mayHaveReachedClient: Bool {
        self == .sent || self == .possiblySent || self == .partiallySent || self == .bounced
    }
}

/// Where a delivery's files came from.
public enum HandoffSource: Sendable, Equatable, Codable {
    /// `outbox/<project>/<name>/` with a READY marker: moved to `.delivered/` or `.failed/` after.
    case outbox(folder: String)
    /// A path given to `handoff deliver`: left where it is.
    case path(String)

    public var path: String {
        switch self {
        case .outbox(let folder): folder
        case .path(let path): path
        }
    }

    /// Which of the two a source is: what the store keeps beside the path.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case outbox
        case path
    }

    public var kind: Kind {
        switch self {
        case .outbox: .outbox
        case .path: .path
        }
    }

    public init(kind: Kind, path: String) {
        switch kind {
        case .outbox: self = .outbox(folder: path)
        case .path: self = .path(path)
        }
    }
}

/// A request to deliver one deliverable to a project's client, as the VA made it.
public struct DeliveryRequest: Sendable, Equatable {
    public var project: ProjectID
    public var source: HandoffSource
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    public var bcc: [EmailAddress]
    public var route: DeliveryRoute
    public var message: String?
    public var requestID: String?
    public var encrypt: Bool
    /// Makes queuing idempotent: the same key never queues a second handoff.
    public var idempotencyKey: String?
    /// The time entries this delivery bills; nil for the default: the project's (or the
    /// request's) entries since its previous handoff, the running one included.
    public var timeEntries: [Int64]?

    public init(
        project: ProjectID, source: HandoffSource, to: [EmailAddress], cc: [EmailAddress] = [],
        bcc: [EmailAddress] = [], route: DeliveryRoute, message: String? = nil,
        requestID: String? = nil, encrypt: Bool = false, idempotencyKey: String? = nil,
        timeEntries: [Int64]? = nil
    ) {
        self.project = project
        self.source = source
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.route = route
        self.message = message
        self.requestID = requestID
        self.encrypt = encrypt
        self.idempotencyKey = idempotencyKey
        self.timeEntries = timeEntries
    }

    /// Every address the message goes to.
    public var allRecipients: [EmailAddress] { to + cc + bcc }
}

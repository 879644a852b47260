import Foundation
import GRDB
import HandoffCore

/// Where a request stands, as a VA filters and reads it. `unmatched` is not stored: it is
/// an open request without a project (the inbox could not tell whose it is).
public enum RequestState: String, Sendable, Codable, CaseIterable {
    case open, closed, unmatched
}

/// The `state` column of `request`: a request is open until it is closed.
enum StoredRequestState: String, Sendable, DatabaseValueConvertible {
    case open, closed
}

/// A request as the list shows it.
public struct RequestSummary: Sendable, Equatable {
    /// The id as stored: `R-12`, or the text of a request stored before requests were
    /// numbered (kept as is, because deliveries and time entries refer to it).
    public var id: String
    public var number: Int
    public var project: ProjectID?
    public var state: RequestState
    public var from: String?
    public var fromName: String?
    public var subject: String?
    public var messageID: String?
    public var receivedAt: Date
    public var closedAt: Date?
    public var messageCount: Int
    public var attachmentCount: Int

    /// The typed id; nil for a request stored before requests were numbered.
    public var requestID: RequestID? { RequestID(rawValue: id) }
}

/// A request with every message and attachment, for `requests show`.
public struct RequestDetail: Sendable, Equatable {
    public var summary: RequestSummary
    public var messages: [RequestMessage]
}

/// One email of a request.
public struct RequestMessage: Sendable, Equatable {
    /// Without angle brackets.
    public var messageID: String?
    public var from: String
    public var fromName: String?
    public var subject: String?
    public var date: Date?
    public var receivedAt: Date
    public var text: String
    public var defects: [String]
    /// Only the header was read (the message was larger than the inbox takes).
    public var headersOnly: Bool
    public var attachments: [IncomingAttachment]
}

/// A file that came with an inbound message. Only names are stored: the folder follows
/// from the request (see the gateway's request folders), so moving a request to a project
/// renames one folder.
public struct IncomingAttachment: Sendable, Equatable {
    public var savedName: String
    public var originalName: String?
    public var contentType: String
    public var size: Int64
    /// Lower-case hex.
    public var sha256: String
    public var inline: Bool

    public init(savedName: String, originalName: String?, contentType: String, size: Int64, sha256: String, inline: Bool) {
        self.savedName = savedName
        self.originalName = originalName
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.inline = inline
    }
}

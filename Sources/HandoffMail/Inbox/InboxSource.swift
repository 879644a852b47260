import Foundation
import HandoffCore
import Logging

/// One message waiting in a mailbox: enough to fetch it, mark it, and checkpoint it.
public struct InboxMessageRef: Sendable, Hashable {
    /// The IMAP UID; 0 for Maildir.
    public var uid: UInt32
    /// What identifies the message in its mailbox: IMAP, the decimal UID; Maildir, the
    /// unique part of the file name (before `:`).
    public var key: String
    public var size: Int64

    public init(uid: UInt32, key: String, size: Int64) {
        self.uid = uid
        self.key = key
        self.size = size
    }
}

/// A message copied out of the mailbox into a local file.
public struct FetchedInboxMessage: Sendable {
    public var ref: InboxMessageRef
    /// The raw message, written here.
    public var file: String
    /// false: only the header was fetched, because the message is larger than asked for.
    public var complete: Bool

    public init(ref: InboxMessageRef, file: String, complete: Bool) {
        self.ref = ref
        self.file = file
        self.complete = complete
    }
}

/// An open mailbox. Not thread-safe: one poller uses it at a time.
public protocol InboxSession: AnyObject {
    var name: String { get }
    /// IMAP UIDVALIDITY; 0 for Maildir.
    var uidValidity: UInt64 { get }
    var canIdle: Bool { get }
    func messageCount() async throws(HandoffError) -> Int
    /// Messages to look at, ascending. IMAP: UID > `afterUID` (and on or after `since`'s day);
    /// Maildir: every message in new/ and cur/ (modified at or after `since`), `afterUID` ignored.
    func pending(afterUID: UInt32, since: Date?) async throws(HandoffError) -> [InboxMessageRef]
    /// Copies each message into `folder`; one larger than `maxBytes` comes as its header only.
    func fetch(_ refs: [InboxMessageRef], into folder: String, maxBytes: Int64) async throws(HandoffError) -> [FetchedInboxMessage]
    /// Marks messages as read (or moves them to `folder`). Never deletes or expunges.
    func markProcessed(_ refs: [InboxMessageRef], moveTo folder: String?) async throws(HandoffError)
    /// Waits up to `seconds` for new mail (IMAP IDLE); false at once where there is no IDLE.
    func waitForNews(upTo seconds: Double) async throws(HandoffError) -> Bool
    func close() async
}

/// A configured mailbox that can be opened: the seam between the poller and IMAP or Maildir.
public protocol InboxSource: Sendable {
    var name: String { get }
    func open(logger: Logger) async throws(HandoffError) -> any InboxSession
}

/// What can happen to a handoff, as recorded in the project's ledger.
public enum LedgerEventKind: String, Sendable, Codable, CaseIterable {
    case queued
    case packaged
    /// The mail transport took the message (file written, or the SMTP server said 250).
    case sent
    /// Uploaded to a link store and a signed link made.
    case published
    /// A send was started but we cannot know whether it finished (crash in the window).
    case possiblySent = "possibly_sent"
    /// A step failed and will be retried.
    case retrying
    case failed
    case cancelled
    case downloaded
    /// A read receipt, as ledgers written before `displayed` recorded it; still read.
    case read
    /// A read receipt (MDN) said the message was displayed to the recipient.
    case displayed
    /// A delivery status notification (DSN) said a recipient did not get the message.
    case bounced
    /// The time entries a handoff bills, recorded when it is queued.
    case billed
    /// A time entry billed by a sent handoff was changed: old and new value, and why.
    case amended
    /// A signed receipt was mailed to the project's contacts.
    case receiptSent = "receipt_sent"
    /// The VA was mailed a notice that the handoff failed (`notify_failures`); its detail
    /// names the `failed` event the notice is about.
    case noticeSent = "notice_sent"
}

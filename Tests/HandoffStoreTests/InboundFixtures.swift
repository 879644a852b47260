import Foundation
import HandoffCore
import HandoffStore

/// An inbound message as the inbox would hand it to the store, with what each test varies.
func incoming(
    mailbox: String = "inbox", uidValidity: UInt64 = 7, uid: UInt32 = 1, messageID: String? = "m1@acme.test", sha256: String = "aa",
    from: String = "client@acme.test", subject: String? = "Listing photos", attachments: [IncomingAttachment] = []
) -> IncomingMessage {
    IncomingMessage(
        mailbox: mailbox, uidValidity: uidValidity, key: String(uid), uid: uid, messageID: messageID, sha256: sha256, size: 120,
        from: from, fromName: "Dana Client", subject: subject, date: Date(timeIntervalSince1970: 1_790_000_000),
        receivedAt: Date(timeIntervalSince1970: 1_790_000_100), text: "Please crop the photos.", attachments: attachments,
        defects: ["missing closing boundary"])
}

let photo = IncomingAttachment(
    savedName: "photo (2).jpg", originalName: "photo.jpg", contentType: "image/jpeg", size: 2048, sha256: String(repeating: "b", count: 64),
    inline: false)

import HandoffConfig
import HandoffCore
import HandoffGateway
import HandoffStore
import Logging

extension DoctorCommand {
    /// Logs in to every mailbox and reports its message count and UIDVALIDITY; reads and
    /// changes nothing.
    static func inboxChecks(_ gateway: Gateway) async -> [Check] {
        var checks: [Check] = []
        for mailbox in gateway.config.inbox.mailboxes {
            let name = "mailbox \(mailbox.name)"
            do throws(HandoffError) {
                let status = try await gateway.checkMailbox(mailbox)
                var detail = "\(status.source): \(status.messages) message\(status.messages == 1 ? "" : "s")"
                if status.uidValidity != 0 { detail += ", UIDVALIDITY \(status.uidValidity)" }
                if let checkpoint = status.checkpoint {
                    // A Maildir has no UIDs: what was read is known message by message.
                    detail += status.uidValidity == 0 ? "; polled before (read mail is recognised by its file name)"
                        : checkpoint.uidValidity == status.uidValidity ? "; read up to UID \(checkpoint.lastUID)"
                        : "; UIDVALIDITY changed since the last poll (was \(checkpoint.uidValidity)): the next poll reads it again from `since`"
                } else {
                    detail += "; never polled (the first poll reads mail from `since` on)"
                }
                checks.append(Check(name: name, ok: true, detail: detail))
            } catch {
                checks.append(Check(name: name, ok: false, detail: error.message, failure: error.kind.rawValue))
            }
        }
        return checks
    }
}

import Foundation
import HandoffConfig
import HandoffCore
import HandoffMIME
import HandoffMail
import HandoffStore
import Logging

/// The optional failure notice (`[gateway] notify_failures = true`): when a delivery ends
/// failed, the VA gets a short plain-text email at their own address (`gateway.sender`)
/// saying which handoff failed, why, where its folder is now, and the commands to retry or
/// cancel it. The queue listing, the log and `ERROR.txt` say the same; the notice is for a
/// VA who is not watching them.
///
/// One notice per failure: the ledger's `notice_sent` event names the `failed` event it
/// reports, so the same failure is never reported twice, whoever looks again. A handoff
/// retried with `handoff queue retry` that fails again has a new `failed` event and gets a
/// new notice: the VA asked for another try and needs to hear how it ended.
///
/// The notice carries no attachment and no secret, goes only to the sender, and never
/// changes the handoff's outcome: a notice that cannot be sent is a warning in the log.
/// It is sent once, right after the failure is recorded: by the worker that ran the last
/// attempt, or, when that worker died and the next claim gave the job up, at the end of
/// the drain that did. A process that stops in between leaves that failure without a
/// notice (never with two).
extension Gateway {
    /// Mails the VA about `record`, which has just ended failed, unless notices are off or
    /// this failure was already reported.
    ///
    /// - Parameter folder: where the outbox folder was moved (`.failed/<name>-<id>`), if it was.
    func noticeFailure(_ record: HandoffRecord, job: Int64, folder: String?) async {
        guard config.gateway.notifyFailures, record.status == .failed else { return }
        let id = record.handoffID
        do throws(HandoffError) {
            let events = try await store.ledgerEvents(handoff: id)
            guard let failure = events.last(where: { $0.kind == LedgerEventKind.failed.rawValue }) else { return }
            let reported = events.contains {
                guard case .noticeSent(let notice) = $0.payload else { return false }
                return notice.failureSeq == failure.seq
            }
            if reported { return }
            let recorded: String? = if case .failed(let failed) = failure.payload { failed.error } else { nil }

            let project = config.projects.first { $0.id.rawValue == record.projectId }
            var notice = FailureNotice(
                handoff: id, job: job, project: record.projectId, projectName: project?.name ?? record.projectId,
                deliverable: Self.packageName(for: record.sourcePath), recipients: try record.decodedRecipients(),
                error: recorded ?? record.lastError ?? "no reason was recorded")
            if let folder {
                notice.place = .failedFolder(folder)
            } else if FileManager.default.fileExists(atPath: record.sourcePath) {
                notice.place = .unchanged(record.sourcePath)
            }

            let sender = config.gateway.sender
            let messageID = try MessageID(parsing: "\(id.rawValue).failure-\(failure.seq)@\(MessageIDDomain.ascii(sender.domain))")
            let message = OutgoingMessage(
                from: sender, to: [sender], subject: notice.subject, date: Date(), messageID: messageID, textBody: notice.body,
                extraHeaders: [try HeaderField("X-Handoff-ID", id.rawValue), try HeaderField("X-Handoff-Notice", "failed")])
            let result = try await deliverNotice(message)
            try await store.appendLedger(
                project: try ProjectID(record.projectId), handoff: id,
                payload: NoticeSentPayload(to: sender.address, messageID: messageID.bracketed, failureSeq: failure.seq, reply: result.serverReply))
            logger.info("failure notice sent", metadata: ["handoff.id": "\(id)", "job.id": "\(job)"])
        } catch {
            logger.warning("failure notice not sent: \(error.message)", metadata: ["handoff.id": "\(id)", "job.id": "\(job)"])
        }
    }

    /// Notices for failures no worker saw happen: a job whose last attempt's worker died is
    /// given up by the next claim (its lease ran out), inside the store. Called after a
    /// drain with the time it started and the handoffs its workers ran (they had their
    /// chance at a notice already); failures already reported are skipped as always.
    func noticeFailuresRecorded(since start: Date, excluding ran: Set<HandoffID>) async {
        guard config.gateway.notifyFailures else { return }
        let records: [HandoffRecord]
        do throws(HandoffError) {
            records = try await store.handoffs(status: .failed, updatedSince: start)
        } catch {
            logger.warning("cannot look for failures to report: \(error.message)")
            return
        }
        for record in records where !ran.contains(record.handoffID) {
            guard let job = try? await store.job(forHandoff: record.handoffID)?.id else { continue }
            await noticeFailure(record, job: job, folder: failedFolder(of: record))
        }
    }

    /// Renders the notice and hands it to the configured transport.
    /// The one place a notice meets the transport.
    private func deliverNotice(_ message: OutgoingMessage) async throws(HandoffError) -> SendResult {
        try await transport.send(try MIMEWriter.render(message), envelope: message.envelope)
    }
}

/// The words of a failure notice, from plain values.
struct FailureNotice {
    /// Where the deliverable is now.
    enum Place {
        /// An outbox folder moved to `.failed/`, with its `ERROR.txt`.
        case failedFolder(String)
        /// Left where it was (`handoff deliver PATH`, or a folder that could not be moved).
        case unchanged(String)
    }

    var handoff: HandoffID
    var job: Int64
    var project: String
    var projectName: String
    var deliverable: String
    var recipients: Recipients
    var error: String
    /// Nil when the deliverable is gone.
    var place: Place?

    var subject: String {
        "Handoff \(handoff.rawValue) to \(projectName) failed"
    }

    var body: String {
        var lines = [
            "Handoff \(handoff.rawValue) to \(projectName) failed. It was not delivered, and Handoff will not try again on its own.",
            "",
            "Project:      \(projectName) (\(project))",
            "Deliverable:  \(deliverable)",
            "Recipients:   \(recipientList)",
            "Job:          \(job)",
            "",
            "Error:",
        ]
        lines += error.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { "  \($0)" }
        lines.append("")
        switch place {
        case .failedFolder(let path):
            lines += ["The folder was moved to:", "  \(path)", "(its ERROR.txt says the same)", ""]
        case .unchanged(let path):
            lines += ["The deliverable is still at:", "  \(path)", ""]
        case nil:
            break
        }
        if case .failedFolder = place {
            lines.append("Fix the cause, then send it again (the folder goes back into the outbox) with:")
        } else {
            lines.append("Fix the cause, then send it again with:")
        }
        lines += [
            "  handoff queue retry \(job)",
            "or give it up with:",
            "  handoff queue cancel \(job)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private var recipientList: String {
        var parts = [recipients.to.map(\.address).joined(separator: ", ")]
        if !recipients.cc.isEmpty { parts.append("cc " + recipients.cc.map(\.address).joined(separator: ", ")) }
        if !recipients.bcc.isEmpty { parts.append("bcc " + recipients.bcc.map(\.address).joined(separator: ", ")) }
        return parts.filter { !$0.isEmpty }.joined(separator: "; ")
    }
}

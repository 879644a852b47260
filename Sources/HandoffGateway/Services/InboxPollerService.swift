import Foundation
import HandoffConfig
import HandoffCore
import HandoffMail
import Logging
import ServiceLifecycle

/// Reads one mailbox for as long as `handoff run` runs: a poll, then a wait of
/// `poll_seconds`, or IDLE where the server offers it (a new message is read within about
/// a second). A mailbox that cannot be reached is logged and tried again after the wait;
/// it never stops the other services. Rings the job processor when a poll queued work (an
/// acknowledgement).
struct InboxPollerService: Service {
    let gateway: Gateway
    let mailbox: MailboxSetting
    let doorbell: Doorbell

    /// The longest one IDLE or nap lasts before the service looks at the shutdown flag
    /// again: a graceful stop waits at most this long for the mailbox to let go.
    static let waitSlice = 10.0

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do throws(HandoffError) {
                let session = try await gateway.inboxSource(for: mailbox).open(logger: gateway.logger)
                do throws(HandoffError) {
                    try await serve(session)
                } catch {
                    await session.close()
                    throw error
                }
                await session.close()
            } catch {
                gateway.logger.warning("mailbox poll failed: \(error.message)", metadata: ["mailbox": "\(mailbox.name)"])
                await nap(seconds: Double(mailbox.pollSeconds))
            }
        }
    }

    /// Polls over one session until a shutdown, or until the session fails.
    private func serve(_ session: any InboxSession) async throws(HandoffError) {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let report = try await gateway.poll(session, mailbox: mailbox, progress: nil)
            if !report.requests.isEmpty { doorbell.ring() }
            let deadline = Date().addingTimeInterval(Double(mailbox.pollSeconds))
            while !Task.isShuttingDownGracefully && !Task.isCancelled && Date() < deadline {
                let slice = min(Self.waitSlice, deadline.timeIntervalSinceNow)
                if mailbox.idle && session.canIdle {
                    if try await session.waitForNews(upTo: slice) { break }
                } else {
                    await nap(seconds: slice)
                }
            }
        }
    }

    private func nap(seconds: Double) async {
        do {
            try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(max(0, seconds))) }
        } catch {
            // Cut short by a shutdown: the loop condition ends the service.
        }
    }
}

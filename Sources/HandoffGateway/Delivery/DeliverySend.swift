import HandoffConfig
import HandoffCore
import HandoffMIME
import HandoffMail
import HandoffStore
import Logging

/// What became of handing a delivery to the transport.
enum SendAttempt {
    /// The server answered: every recipient accepted, or some refused.
    case answered(SendResult)
    /// The send failed and what it means is recorded (see `recordFailedSend`): the job
    /// ends with this outcome.
    case ended(Gateway.JobOutcome)
}

extension Gateway {
    /// The send step: streams the rendered message to the transport. The handoff is marked
    /// `sending` before this, so a crash during it is found by the resume check.
    func send(
        _ rendered: RenderedMessage, messageID: MessageID, id: HandoffID, project: Project, recipients: Recipients
    ) async throws(HandoffError) -> SendAttempt {
        logger.info("sending", metadata: ["handoff.id": "\(id)", "bytes": "\(rendered.size)"])
        let envelope = Envelope(sender: config.gateway.sender.address, recipients: recipients.all.map(\.address))
        do throws(HandoffError) {
            return .answered(try await transport.send(rendered, envelope: envelope))
        } catch {
            return .ended(try await recordFailedSend(error, id: id, messageID: messageID, project: project))
        }
    }
}

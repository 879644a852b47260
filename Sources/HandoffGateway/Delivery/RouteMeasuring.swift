import HandoffConfig
import HandoffCore
import HandoffMIME
import HandoffMail
import HandoffStore

extension Gateway {
    /// The route step: measures what `RouteDecision` needs and lets it decide. The draft's
    /// encoded size, and the mail server's size limit unless the delivery is bound for a
    /// link: the one step that asks the mail server anything, and only for its limit.
    func decideRoute(row: HandoffRecord, project: Project, draft: DeliveryDraft) async throws(HandoffError) -> RoutingPolicy.Decision {
        let serverLimit = RouteDecision.needsServerLimit(row.route) ? try await transport.messageSizeLimit() : nil
        return try RouteDecision(
            route: row.route, messageBytes: try MIMEWriter.encodedSize(of: draft.message),
            configuredLimitBytes: config.mail.maxAttachmentBytes, serverLimitBytes: serverLimit
        ).decide(project: project.id)
    }
}

import HandoffCore

/// Deciding whether a delivery goes out attached or as a link: a pure function of what was
/// measured before (the encoded message size, the server's size limit), so that it can be
/// tested as a table and a resumed job decides the same way without probing anything.
struct RouteDecision: Sendable, Equatable {
    /// The project's or the delivery's choice.
    var route: DeliveryRoute
    /// The size of the whole message with the attachment encoded.
    var messageBytes: Int64
    /// `max_attachment_mb` from the configuration.
    var configuredLimitBytes: Int64
    /// What the mail server announced in EHLO SIZE, when it announced anything.
    var serverLimitBytes: Int64?

    /// The largest message the mail path takes: the server's SIZE counts the whole encoded
    /// message, as `messageBytes` does, so the smaller of the two limits holds.
    var limitBytes: Int64 {
        guard let serverLimitBytes else { return configuredLimitBytes }
        return min(configuredLimitBytes, serverLimitBytes)
    }

    /// Email or link; an error when the delivery must go by email and is too large for it.
    func decide(project: ProjectID) throws(HandoffError) -> RoutingPolicy.Decision {
        try RoutingPolicy.decide(route: route, messageBytes: messageBytes, limitBytes: limitBytes, project: project)
    }

    /// Whether the decision needs the server's limit: a delivery bound for a link never
    /// reaches the mail server with its attachment, so nobody asks it.
    static func needsServerLimit(_ route: DeliveryRoute) -> Bool { route != .link }
}

import HandoffCore

/// Where an inbound client message goes: onto the request it answers, or into a new
/// request. Pure, so the rule can be read and tested in one place.
///
/// A reply joins its request only when it comes from the same client: the sender routes
/// to the request's project, or, for a request still in triage (unmatched), it is the
/// same sender. Anything else starts a request of its own, so a stranger who quotes a
/// Message-ID or writes `[#R-12]` in a subject never adds mail to another client's request.
///
/// `Request` names a request: a stored one, or one a message earlier in the same batch is
/// about to create (its number is reserved once the batch is placed).
enum ThreadPlacement<Request: Equatable>: Equatable {
    case join(Request)
    case newRequest(project: ProjectID?)

    /// The request a message names (by In-Reply-To, References or a `[#R-12]` tag).
    struct NamedRequest: Equatable {
        var id: Request
        var project: ProjectID?
        /// The address that opened the request, for requests without a project.
        var sender: String?
    }

    static func decide(sender: String, route: RequestRoute, named: NamedRequest?) -> ThreadPlacement {
        let routedProject: ProjectID? = if case .project(let id, _) = route { id } else { nil }
        if let named {
            if let project = named.project {
                if routedProject == project { return .join(named.id) }
            } else if let opener = named.sender, sameAddress(opener, sender) {
                return .join(named.id)
            }
        }
        return .newRequest(project: routedProject)
    }

    private static func sameAddress(_ a: String, _ b: String) -> Bool {
        a.trimmingWhitespace().lowercased() == b.trimmingWhitespace().lowercased()
    }
}

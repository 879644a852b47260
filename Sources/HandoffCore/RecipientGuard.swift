/// One entry of a project's `allow` list.
///
/// `pat@client.example` allows that address only; `client.example` allows every address at
/// exactly that domain; `*.client.example` allows the domain's subdomains as well. A bare
/// domain does not cover subdomains on purpose: `eu.client.example` may be somebody else.
public enum AllowRule: Sendable, Hashable, TextCodable, CustomStringConvertible {
    case address(String)
    case domain(String)
    case domainAndSubdomains(String)

    public init(parsing text: String) throws(HandoffError) {
        let value = text.trimmingWhitespace().lowercased()
        if value.contains("@") {
            let address = try EmailAddress(parsing: value)
            self = .address(address.address.lowercased())
        } else if value.hasPrefix("*.") {
            let domain = String(value.dropFirst(2))
            guard EmailAddress.isValidDomain(domain) else {
                throw .badInput("'\(text)' is not an allow rule: '\(domain)' is not a domain name.")
            }
            self = .domainAndSubdomains(domain)
        } else {
            // A single label ("acme") is almost always a typo for a full domain.
            guard EmailAddress.isValidDomain(value), value.contains(".") else {
                throw .badInput("'\(text)' is not an allow rule: use an address (pat@client.example), a domain (client.example) or '*.client.example'.")
            }
            self = .domain(value)
        }
    }

    public func allows(_ recipient: EmailAddress) -> Bool {
        switch self {
        case .address(let address):
            return recipient.address.lowercased() == address
        case .domain(let domain):
            return recipient.domain == domain
        case .domainAndSubdomains(let domain):
            return recipient.domain == domain || recipient.domain.hasSuffix("." + domain)
        }
    }

    public var description: String {
        switch self {
        case .address(let address): address
        case .domain(let domain): domain
        case .domainAndSubdomains(let domain): "*." + domain
        }
    }

    // Stored and exchanged as text (TextCodable).
    public var codableText: String { description }
}

/// Refuses, before anything is packaged or uploaded, to send a project's work to an
/// address outside that project.
public enum RecipientGuard {
    /// Throws naming the first address the project's `allow` list does not cover.
    public static func check(_ recipients: [EmailAddress], for project: Project) throws(HandoffError) {
        guard !recipients.isEmpty else {
            throw .badInput("No recipient for project '\(project.id)': give --to ADDRESS or set contacts in [projects.\(project.id)].")
        }
        for recipient in recipients where !project.allow.contains(where: { $0.allows(recipient) }) {
            let rules = project.allow.isEmpty ? "(empty)" : project.allow.map(\.description).joined(separator: ", ")
            throw .badInput(
                "Refused: \(recipient.address) is not allowed for project '\(project.id)' (allow = \(rules)). Nothing was sent to anyone. If this address belongs to the client, add it or its domain to allow in [projects.\(project.id)]."
            )
        }
    }
}

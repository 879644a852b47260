/// How an incoming email was tied to a project.
public enum RouteEvidence: String, Sendable, Equatable, Codable {
    /// The sender is one of the project's `contacts`.
    case contact
    /// The sender is covered by the project's `allow` rules.
    case allowedDomain = "allowed_domain"
    /// It was sent to a plus-address naming the project (`va+acme@…`).
    case plusAddress = "plus_address"
    /// Its subject carries the project's tag (`[acme]`).
    case subjectTag = "subject_tag"
}

/// Where a request goes: one project, or the triage list.
public enum RequestRoute: Sendable, Equatable {
    case project(ProjectID, via: RouteEvidence)
    /// No project, or more than one (`candidates`, in configuration order): a person decides.
    case unmatched(candidates: [ProjectID])
}

/// Decides which project an incoming email belongs to. Pure: the inbox calls it with what
/// the message says and the configured projects.
///
/// The steps run in a fixed order, the first that names any project decides, and a step
/// that names two projects never guesses: the request goes to the triage list with both.
/// 1. the sender is a project's contact;
/// 2. the sender is covered by a project's `allow` rules (the most specific rule kind
///    that matches: an address, then an exact domain, then `*.domain`);
/// 3. a recipient is a plus-address `local+<project id>@…` (of one of `ownAddresses`, when
///    given: a stranger's plus-address says nothing about our projects);
/// 4. the subject carries `[<project id>]`.
public enum RequestRouting {
    public static func route(
        sender: String, recipients: [String], subject: String?, projects: [Project], ownAddresses: [String] = []
    ) -> RequestRoute {
        guard let from = try? EmailAddress(parsing: sender) else { return .unmatched(candidates: []) }
        let steps: [(RouteEvidence, () -> [ProjectID])] = [
            (.contact, { contactMatches(from, projects) }),
            (.allowedDomain, { allowMatches(from, projects) }),
            (.plusAddress, { plusAddressMatches(recipients, projects, ownAddresses: ownAddresses) }),
            (.subjectTag, { subjectTagMatches(subject, projects) }),
        ]
        for (evidence, matches) in steps {
            let found = matches()
            if found.count == 1 { return .project(found[0], via: evidence) }
            if found.count > 1 { return .unmatched(candidates: found) }
        }
        return .unmatched(candidates: [])
    }

    private static func contactMatches(_ sender: EmailAddress, _ projects: [Project]) -> [ProjectID] {
        projects.filter { $0.contacts.contains { $0.comparableAddress == sender.comparableAddress } }.map(\.id)
    }

    /// The projects whose most specific matching rule is of the most specific kind any
    /// project matched with: `pat@client.example` in one project outranks `client.example`
    /// in another, as a person reading both lists would decide.
    private static func allowMatches(_ sender: EmailAddress, _ projects: [Project]) -> [ProjectID] {
        let ranked = projects.compactMap { project -> (ProjectID, Int)? in
            let ranks = project.allow.filter { $0.allows(sender) }.map(\.specificity)
            return ranks.max().map { (project.id, $0) }
        }
        guard let best = ranked.map(\.1).max() else { return [] }
        return ranked.filter { $0.1 == best }.map(\.0)
    }

    private static func plusAddressMatches(_ recipients: [String], _ projects: [Project], ownAddresses: [String]) -> [ProjectID] {
        let own = Set(ownAddresses.compactMap { try? EmailAddress(parsing: $0) }.map(\.comparableAddress))
        var tags = Set<String>()
        for text in recipients {
            guard let recipient = try? EmailAddress(parsing: text), let tag = recipient.plusTag else { continue }
            if own.isEmpty || own.contains(recipient.withoutPlusTag) { tags.insert(tag) }
        }
        return projects.filter { tags.contains($0.id.rawValue) }.map(\.id)
    }

    private static func subjectTagMatches(_ subject: String?, _ projects: [Project]) -> [ProjectID] {
        let tags = Set(subject.map(SubjectTags.projectTag(in:)) ?? [])
        return projects.filter { tags.contains($0.id.rawValue) }.map(\.id)
    }
}

extension AllowRule {
    /// Higher is narrower: an address names one mailbox, a domain one domain.
    fileprivate var specificity: Int {
        switch self {
        case .address: 3
        case .domain: 2
        case .domainAndSubdomains: 1
        }
    }
}

extension EmailAddress {
    /// The address for comparisons: local part and domain alike case-insensitive, as every
    /// real mail system treats them (RFC 5321 allows a case-sensitive local part; nobody uses it).
    var comparableAddress: String { address.lowercased() }

    /// `acme` for `va+acme@…`, lower-cased; nil without a `+` or with nothing after it.
    var plusTag: String? {
        guard let plus = localPart.firstIndex(of: "+") else { return nil }
        let tag = localPart[localPart.index(after: plus)...].lowercased()
        return tag.isEmpty ? nil : tag
    }

    /// `va@…` for `va+acme@…`, for comparisons (lower-cased).
    var withoutPlusTag: String {
        guard let plus = localPart.firstIndex(of: "+") else { return comparableAddress }
        return (String(localPart[..<plus]) + "@" + domain).lowercased()
    }
}

import HandoffCore

extension ConfigAudit {
    /// A contact listed in two projects warns: the inbox never guesses, so every request
    /// from that address waits for a person in the triage list. Fine when deliberate (one
    /// person, two contracts), which is why it only warns.
    public static func sharedContacts(_ projects: [Project]) -> [ConfigFinding] {
        var owners: [String: [ProjectID]] = [:]
        var order: [String] = []
        for project in projects {
            for contact in Set(project.contacts.map { $0.address.lowercased() }).sorted() {
                if owners[contact] == nil { order.append(contact) }
                owners[contact, default: []].append(project.id)
            }
        }
        return order.compactMap { contact in
            guard let ids = owners[contact], ids.count > 1 else { return nil }
            let sections = ids.map { "[projects.\($0)]" }.joined(separator: " and ")
            return ConfigFinding(
                .warning, "contacts \(ids.map(\.rawValue).joined(separator: " / "))",
                "\(contact) is a contact in \(sections), so requests from that address cannot be filed by sender and wait in `handoff requests list --state unmatched` unless they name a project (\(ids[0].rawValue)+ plus-address or [\(ids[0].rawValue)] in the subject). Fine if deliberate; otherwise keep the address in one project.")
        }
    }
}

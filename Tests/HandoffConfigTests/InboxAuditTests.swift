import HandoffConfig
import HandoffCore
import Testing

@Suite("Doctor warns about contacts the inbox cannot file")
struct InboxAuditTests {
    static func project(_ id: String, _ contacts: [String]) throws -> Project {
        Project(
            id: try ProjectID(id), name: id, contacts: try contacts.map { try EmailAddress(parsing: $0) },
            allow: [try AllowRule(parsing: "acme.example")])
    }

    @Test("a contact in two projects warns once, naming both and the way a request can still name its project")
    func sharedContact() throws {
        let findings = ConfigAudit.sharedContacts([
            try Self.project("acme", ["Owner <OWNER@acme.example>", "office@acme.example"]),
            try Self.project("acme-web", ["owner@acme.example"]),
            try Self.project("other", ["jo@acme.example"]),
        ])
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.name == "contacts acme / acme-web")
        #expect(finding.detail.hasPrefix("owner@acme.example is a contact in [projects.acme] and [projects.acme-web]"))
        #expect(finding.detail.contains("[acme] in the subject"))
    }

    @Test("contacts in one project each say nothing")
    func distinctContacts() throws {
        #expect(ConfigAudit.sharedContacts([try Self.project("acme", ["a@acme.example"]), try Self.project("b", ["b@acme.example"])]).isEmpty)
    }
}

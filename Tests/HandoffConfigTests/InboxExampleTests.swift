import Foundation
import HandoffConfig
import HandoffCore
import Testing

@Suite("The inbox examples load")
struct InboxExampleTests {
    static let environment = ["HANDOFF_IMAP_PASSWORD": "a", "HANDOFF_OAUTH_REFRESH_TOKEN": "b", "HANDOFF_SMTP_PASSWORD": "c"]

    @Test("the several-mailboxes example: three mailboxes in order, each as documented")
    func inboxExample() throws {
        let config = try ConfigLoader.load(path: ShippedConfigTests.repositoryRoot + "/config/examples/inbox.toml", environment: Self.environment)
        let inbox = config.inbox
        #expect(inbox.mailboxes.map(\.name) == ["work", "gmail", "local"])
        #expect(inbox.mailboxes.map(\.processedFolder) == ["Handled", nil, nil])
        #expect(inbox.mailboxes.map(\.idle) == [true, false, true])
        #expect(inbox.mailboxes.map(\.maxMessageMB) == [50, 25, 50])
        #expect(inbox.ownAddresses.count == 2)
        let acme = try #require(config.project(id: "acme"))
        #expect(acme.acknowledge && acme.acknowledgeText?.hasPrefix("Thanks") == true)
    }

    @Test("the SMTP example's inbox is one IMAP mailbox named inbox with our address")
    func smtpExample() throws {
        let config = try ConfigLoader.load(path: ShippedConfigTests.repositoryRoot + "/config/examples/smtp.toml", environment: Self.environment)
        #expect(config.inbox.mailboxes.map(\.name) == ["inbox"])
        #expect(config.inbox.mailboxes.first?.since == .days(7))
        #expect(config.inbox.ownAddresses.map(\.address) == ["pat@va.example"])
        #expect(config.project(id: "acme")?.acknowledge == true)
        #expect(config.project(id: "northwind")?.acknowledge == false)
    }

    @Test("the starter's commented inbox and acknowledgement lines work uncommented")
    func starterLines() throws {
        var text = StarterConfig.text(sender: nil)
        for key in ["address", "since", "max_message_mb", "acknowledge_per_sender_per_hour", "acknowledge", "acknowledge_text"] {
            let prefix = "# \(key) "
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix(prefix) }, "no commented \(key) line")
            text = text.replacingOccurrences(of: line, with: line.dropFirst(2))
        }
        let config = try ConfigFixtures.load(text)
        #expect(config.inbox.ownAddresses.map(\.address) == ["you@example.com"])
        #expect(config.projects.first?.acknowledge == true)
    }
}

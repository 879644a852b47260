import Foundation
import HandoffConfig
import HandoffCore
import Testing

@Suite("Shipped and generated configurations")
struct ShippedConfigTests {
    /// The repository root, found from this file so the test runs from any folder.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test("config/handoff.toml loads with the embedded defaults")
    func shippedDefaults() throws {
        let config = try ConfigLoader.load(path: Self.repositoryRoot + "/config/handoff.toml", environment: [:])
        #expect(config.rootDirectory == PathTidy.normalize(Self.repositoryRoot))
        #expect(config.gateway.dataDirectory == config.rootDirectory + "/var")
        #expect(config.gateway.outboxDirectory == config.rootDirectory + "/outbox")
        #expect(config.gateway.sender.description == "Pat Example <pat@va.example>")
        guard case .file(let sent) = config.mail.transport, case .local = config.links.store,
              case .maildir(let maildir) = config.inbox.source
        else {
            Issue.record("expected file transport, local links and a maildir inbox")
            return
        }
        #expect(sent == config.rootDirectory + "/var/sent")
        #expect(maildir == config.rootDirectory + "/var/maildir")
        #expect(config.links.baseURL == "http://127.0.0.1:8787")
        #expect(config.server.listen == "127.0.0.1:8787")
        let demo = try #require(config.project(id: "demo"))
        #expect(config.projects.count == 1)
        #expect(demo.name == "Demo Client")
        #expect(demo.contacts.map(\.address) == ["client@demo.example"])
        #expect(demo.allow == [.domain("demo.example")])
        #expect(demo.deliver == .auto)
        #expect(demo.archive == .zip)
    }

    @Test("the SMTP example loads once its variables are set, and names them when not")
    func smtpExample() throws {
        let path = Self.repositoryRoot + "/config/examples/smtp.toml"
        let environment = ["HANDOFF_SMTP_PASSWORD": "a", "HANDOFF_IMAP_PASSWORD": "b"]
        let config = try ConfigLoader.load(path: path, environment: environment)
        guard case .smtp(let smtp) = config.mail.transport, case .imap(let imap) = config.inbox.source else {
            Issue.record("expected SMTP and IMAP")
            return
        }
        #expect(smtp.tls == .startTLS)
        #expect(smtp.password?.source == "env:HANDOFF_SMTP_PASSWORD")
        #expect(imap.password?.source == "env:HANDOFF_IMAP_PASSWORD")
        #expect(config.projects.map(\.id.rawValue) == ["acme", "northwind"])

        let error = #expect(throws: HandoffError.self) { try ConfigLoader.load(path: path, environment: [:]) }
        #expect(error?.message.contains("mail.password is read from the environment variable HANDOFF_SMTP_PASSWORD, which is not set") == true)
    }

    @Test("the starter and shipped configurations document notify_failures, and the line works uncommented")
    func notifyFailuresDocumented() throws {
        let shipped = try String(contentsOfFile: Self.repositoryRoot + "/config/handoff.toml", encoding: .utf8)
        for text in [StarterConfig.text(sender: nil), shipped] {
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("# notify_failures = false") })
            #expect(try ConfigFixtures.load(text).gateway.notifyFailures == false)
            let enabled = text.replacingOccurrences(of: line, with: "notify_failures = true")
            #expect(try ConfigFixtures.load(enabled).gateway.notifyFailures == true)
        }
    }

    @Test("the starter configuration loads", arguments: [nil, "Sam Lee <sam@va.example>", "Sam \"The VA\" Lee <sam@va.example>"])
    func starter(sender: String?) throws {
        let text = StarterConfig.text(sender: sender)
        let config = try ConfigFixtures.load(text)
        let expected = try EmailAddress(parsing: sender ?? StarterConfig.placeholderSender)
        #expect(config.gateway.sender == expected)
        #expect(config.projects.map(\.id.rawValue) == ["example"])
        #expect(text.contains("env:HANDOFF_SMTP_PASSWORD"))
        guard case .file = config.mail.transport else {
            Issue.record("the starter must work without a mail server")
            return
        }
    }
}

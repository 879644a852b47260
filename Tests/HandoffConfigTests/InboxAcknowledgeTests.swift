import HandoffConfig
import HandoffCore
import Testing

@Suite("Project acknowledgements and the inbox's place in other settings")
struct InboxAcknowledgeTests {
    static let project = "[projects.acme]\nallow = [\"acme.example\"]\n"

    static func acme(_ keys: String) throws -> Project {
        let config = try ConfigFixtures.load(ConfigFixtures.minimal + project + keys)
        return try #require(config.projects.first)
    }

    @Test("a project acknowledges nothing unless asked, and keeps its own words when given")
    func acknowledge() throws {
        let quiet = try Self.acme("")
        #expect(!quiet.acknowledge && quiet.acknowledgeText == nil)
        let chatty = try Self.acme("acknowledge = true\nacknowledge_text = \"\"\"\nThanks, I have it and will\nreply by tomorrow.\n\"\"\"\n")
        #expect(chatty.acknowledge)
        #expect(chatty.acknowledgeText == "Thanks, I have it and will\nreply by tomorrow.")
    }

    static let errors: [ConfigErrorFixture] = [
        .init("acknowledge as text", ConfigFixtures.minimal + project + "acknowledge = \"yes\"\n",
              "config/handoff.toml:5:15: projects.acme.acknowledge must be true or false, not the string \"yes\"."),
        .init("an empty acknowledgement text", ConfigFixtures.minimal + project + "acknowledge_text = \"  \"\n",
              "config/handoff.toml:5:20: projects.acme.acknowledge_text = \"  \" is empty; write the paragraph, or remove the line for the standard text."),
        .init("two paragraphs", ConfigFixtures.minimal + project + "acknowledge_text = \"Thanks.\\n\\nPat\"\n",
              "config/handoff.toml:5:20: projects.acme.acknowledge_text = \"Thanks.\\n\\nPat\" has a blank line; it must be one paragraph."),
        .init("a terminal escape", ConfigFixtures.minimal + project + "acknowledge_text = \"Thanks\\u001B[2J\"\n",
              "config/handoff.toml:5:20: projects.acme.acknowledge_text = \"Thanks\\u001B[2J\" has a control character (U+001B); write plain text."),
    ]

    @Test("acknowledgement mistakes are named with their line", arguments: errors)
    func refused(_ fixture: ConfigErrorFixture) {
        #expect(ConfigFixtures.error(fixture.source)?.message == fixture.message)
    }

    @Test("a bare sent folder lives on the first IMAP mailbox's server, Maildirs before it skipped")
    func sentFolderOnFirstIMAPMailbox() throws {
        let text = ConfigFixtures.minimal + """
            [mail]
            transport = "smtp"
            url = "smtp://smtp.example.com"
            sent_folder = "Sent"
            [[inbox.mailbox]]
            name = "local"
            source = "maildir:var/drop"
            [[inbox.mailbox]]
            name = "work"
            source = "imaps://imap.example.com:994/INBOX"
            username = "pat"
            password = "env:IMAP_PASSWORD"
            """
        let config = try ConfigFixtures.load(text, environment: ["IMAP_PASSWORD": "imap-secret"])
        guard case .smtp(let smtp) = config.mail.transport else {
            Issue.record("expected smtp")
            return
        }
        let folder = try #require(smtp.sentFolder)
        #expect(folder.serverURL == "imaps://imap.example.com:994")
        #expect(folder.username == "pat" && folder.password.reveal() == "imap-secret")
    }
}

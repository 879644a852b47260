import HandoffConfig
import HandoffCore
import HandoffTestSupport
import Testing

/// Checks that once waited for the first connection and now name their line while the
/// file is read: a login without its other half, the token endpoint, the sent folder, the CA file.
@Suite("Connection settings checked while loading")
struct ConnectionSettingErrorTests {
    static let smtp = ConfigFixtures.minimal + "[mail]\ntransport = \"smtp\"\nurl = \"smtp://smtp.example.com\"\n"
    static let passwordLogin = smtp + "username = \"pat@va.example\"\npassword = \"env:SMTP_PASSWORD\"\n"
    static let environment = ["SMTP_PASSWORD": "smtp-secret", "TOKEN": "token-secret", "IMAP_PASSWORD": "imap-secret"]

    static let refused: [ConfigErrorFixture] = [
        .init("a username with nothing to log in with", smtp + "username = \"pat@va.example\"",
              "config/handoff.toml:6:1: mail.username is set but nothing to log in with goes with it; add password = \"env:HANDOFF_SMTP_PASSWORD\" (or oauth_token, or oauth_client_id), or remove username to send without logging in (a local relay)."),
        .init("a token endpoint over plain http on another host",
              smtp + "username = \"u\"\noauth_client_id = \"app\"\noauth_refresh_token = \"env:TOKEN\"\noauth_token_url = \"http://auth.example.com/token\"",
              "config/handoff.toml:9:19: mail.oauth_token_url = \"http://auth.example.com/token\" uses http:// for a host other than this machine; the refresh token must go over https://, like \"https://auth.example.com/token\"."),
        .init("a sent folder with a token login and no IMAP inbox",
              smtp + "username = \"u\"\noauth_token = \"env:TOKEN\"\nsent_folder = \"Sent\"",
              "config/handoff.toml:8:15: mail.sent_folder needs an IMAP login: set username and password in [mail] (OAuth logins keep the copy through an IMAP inbox, [inbox] source = \"imaps://…\")."),
        .init("a sent folder with no login at all", smtp + "sent_folder = \"imaps://imap.example.com/Sent\"",
              "config/handoff.toml:6:15: mail.sent_folder needs an IMAP login: set username and password in [mail] (OAuth logins keep the copy through an IMAP inbox, [inbox] source = \"imaps://…\")."),
        .init("a sent folder URL without a folder", passwordLogin + "sent_folder = \"imaps://imap.example.com:993/\"",
              "config/handoff.toml:8:15: mail.sent_folder = \"imaps://imap.example.com:993/\" names a server but no folder; write it like \"imaps://imap.example.com:993/Sent\"."),
        .init("a sent folder URL with a bad port", passwordLogin + "sent_folder = \"imaps://imap.example.com:0/Sent\"",
              "config/handoff.toml:8:15: mail.sent_folder = \"imaps://imap.example.com:0/Sent\" has a port that is not a number from 1 to 65535."),
        .init("a sent folder URL with a password in it", passwordLogin + "sent_folder = \"imaps://pat:hunter2@imap.example.com/Sent\"",
              "config/handoff.toml:8:15: mail.sent_folder must not contain a user name or password; use username and password = \"env:NAME\" instead."),
        .init("a sent folder whose name decodes to a line break", passwordLogin + "sent_folder = \"imaps://imap.example.com/Sent%0D%0AA1 DELETE INBOX\"",
              "config/handoff.toml:8:15: mail.sent_folder = \"imaps://imap.example.com/Sent%0D%0AA1 DELETE INBOX\" the folder name holds a control character (U+D) once %-decoded; IMAP commands are lines, so a folder name cannot contain one."),
        .init("an inbox whose mailbox decodes to a line break",
              ConfigFixtures.minimal + "[inbox]\nsource = \"imaps://imap.example.com/INBOX%0AA1%20LOGOUT\"\nusername = \"u\"\npassword = \"env:IMAP_PASSWORD\"",
              "config/handoff.toml:4:10: inbox.source = \"imaps://imap.example.com/INBOX%0AA1%20LOGOUT\" its path holds a control character (U+A) once %-decoded; a folder name cannot contain one."),
    ]

    @Test("refused with file, line and key", arguments: refused)
    func refusedWithLine(_ fixture: ConfigErrorFixture) {
        #expect(ConfigFixtures.error(fixture.source, environment: Self.environment)?.message == fixture.message)
    }

    private func smtpSettings(_ text: String, secrets: SecretResolution = .required) throws -> SMTPSettings {
        let config = try ConfigFixtures.load(text, environment: Self.environment, secrets: secrets)
        guard case .smtp(let settings) = config.mail.transport else { throw HandoffError.internal("expected smtp") }
        return settings
    }

    @Test(
        "a sent folder URL names its server; the folder may hold spaces",
        arguments: [
            ("imaps://imap.example.com:993/Doctor Check", "imaps://imap.example.com:993", "Doctor Check"),
            ("imap://imap.example.com/Sent%20Items", "imap://imap.example.com", "Sent Items"),
            ("IMAPS://[2001:db8::1]:993/Sent", "IMAPS://[2001:db8::1]:993", "Sent"),
        ])
    func sentFolderURL(text: String, server: String, mailbox: String) throws {
        let folder = try #require(try smtpSettings(Self.passwordLogin + "sent_folder = \(TOMLText.quoted(text))\n").sentFolder)
        #expect(folder.serverURL == server)
        #expect(folder.mailbox == mailbox)
        #expect(folder.username == "pat@va.example")
        #expect(folder.password.reveal() == "smtp-secret")
    }

    @Test("a bare sent folder is on the SMTP host's IMAP port, with the SMTP account")
    func sentFolderOnSMTPHost() throws {
        let folder = try #require(try smtpSettings(Self.passwordLogin + "sent_folder = \"Sent Items\"\n").sentFolder)
        #expect(folder.serverURL == "imaps://smtp.example.com:993")
        #expect(folder.mailbox == "Sent Items")
    }

    @Test("a bare sent folder is on an IMAP inbox's server, with the inbox account, whatever the SMTP login")
    func sentFolderOnInbox() throws {
        let text = Self.smtp + "username = \"u\"\noauth_token = \"env:TOKEN\"\nsent_folder = \"Sent\"\n"
            + "[inbox]\nsource = \"imap://imap.example.com:1143/INBOX\"\nusername = \"pat\"\npassword = \"env:IMAP_PASSWORD\"\n"
        let folder = try #require(try smtpSettings(text).sentFolder)
        #expect(folder.serverURL == "imap://imap.example.com:1143")
        #expect(folder.username == "pat")
        #expect(folder.password.reveal() == "imap-secret")
    }

    @Test("an unset password still only defers: commands that stay local load the sent folder without it")
    func sentFolderDefersItsSecret() throws {
        let text = Self.smtp + "username = \"pat@va.example\"\npassword = \"env:HANDOFF_TEST_UNSET\"\nsent_folder = \"Sent\"\n"
        let config = try ConfigFixtures.load(text, environment: [:], secrets: .deferred)
        #expect(config.deferredSecretProblems.count == 1)
        #expect(config.deferredSecretProblems.first?.hasPrefix("config/handoff.toml:7:12: mail.password") == true)
        guard case .smtp(let settings) = config.mail.transport else {
            Issue.record("expected smtp")
            return
        }
        #expect(settings.sentFolder?.mailbox == "Sent")
    }

    @Test("a token endpoint over plain http is allowed on this machine", arguments: ["http://127.0.0.1:8080/token", "http://localhost/token", "http://[::1]:9/t"])
    func loopbackTokenURL(url: String) throws {
        let settings = try smtpSettings(
            Self.smtp + "username = \"u\"\noauth_client_id = \"app\"\noauth_refresh_token = \"env:TOKEN\"\noauth_token_url = \(TOMLText.quoted(url))\n")
        guard case .oauth(_, let client) = settings.login else {
            Issue.record("expected an OAuth login")
            return
        }
        #expect(client.tokenURL == url)
    }

    @Test("a CA file without a certificate is refused with its line", .temporaryFolder)
    func caFileWithoutCertificate() throws {
        try TemporaryFolder.write("not a certificate\n", to: "config/ca.pem")
        let path = try TemporaryFolder.write(Self.smtp + "ca_file = \"config/ca.pem\"\n", to: "config/handoff.toml")
        let error = #expect(throws: HandoffError.self) { try ConfigLoader.load(path: path, environment: [:]) }
        #expect(error?.kind == .config)
        #expect(error?.message == "\(path):6:11: mail.ca_file = \"config/ca.pem\" names \((try TemporaryFolder.path()))/config/ca.pem, which holds no PEM certificate (-----BEGIN CERTIFICATE-----).")
    }
}

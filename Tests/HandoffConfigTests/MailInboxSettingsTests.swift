import HandoffConfig
import HandoffCore
import HandoffTestSupport
import Testing

@Suite("SMTP, IMAP and link store settings")
struct MailInboxSettingsTests {
    static let environment = [
        "SMTP_PASSWORD": "smtp-secret", "IMAP_PASSWORD": "imap-secret", "REFRESH": "refresh-secret", "CLIENT": "client-secret",
    ]

    private func smtp(_ mail: String) throws -> SMTPSettings {
        let config = try ConfigFixtures.load(ConfigFixtures.minimal + "[mail]\ntransport = \"smtp\"\n" + mail, environment: Self.environment)
        guard case .smtp(let settings) = config.mail.transport else { throw HandoffError.internal("expected smtp") }
        return settings
    }

    @Test(
        "SMTP URLs: STARTTLS on smtp://, TLS on smtps://, default ports",
        arguments: [
            ("smtp://smtp.example.com", TLSMode.startTLS, "smtp.example.com", 587),
            ("smtp://smtp.example.com:2525", .startTLS, "smtp.example.com", 2525),
            ("smtps://smtp.example.com", .implicitTLS, "smtp.example.com", 465),
            ("SMTPS://[2001:db8::1]:4650/", .implicitTLS, "2001:db8::1", 4650),
        ])
    func smtpURLs(url: String, tls: TLSMode, host: String, port: Int) throws {
        let settings = try smtp("url = \(TOMLText.quoted(url))\n")
        #expect(settings.tls == tls)
        #expect(settings.host == host)
        #expect(settings.port == port)
        #expect(settings.url == url)
        #expect(settings.username == nil)
        #expect(settings.password == nil)
        #expect(settings.insecureSkipVerify == false)
        #expect(settings.timeoutSeconds == 60)
    }

    @Test("SMTP password login with every optional key")
    func smtpPassword() throws {
        let settings = try smtp("""
            url = "smtp://smtp.example.com:587"
            username = "pat@va.example"
            password = "env:SMTP_PASSWORD"
            insecure_skip_verify = true
            sent_folder = "Sent Items"
            timeout_seconds = 30
            """)
        #expect(settings.username == "pat@va.example")
        #expect(settings.password?.reveal() == "smtp-secret")
        #expect(settings.password?.source == "env:SMTP_PASSWORD")
        #expect(settings.insecureSkipVerify == true)
        #expect(settings.sentFolder?.mailbox == "Sent Items")
        #expect(settings.timeoutSeconds == 30)
    }

    @Test("SMTP OAuth: a ready token, or a client with a refresh token")
    func smtpOAuth() throws {
        let token = try smtp("url = \"smtps://smtp.example.com\"\nusername = \"pat@va.example\"\noauth_token = \"env:REFRESH\"\n")
        guard case .bearer(_, let ready) = token.login else {
            Issue.record("expected a ready token")
            return
        }
        #expect(ready.reveal() == "refresh-secret")
        let client = try smtp("""
            url = "smtps://smtp.example.com"
            username = "pat@va.example"
            oauth_client_id = "handoff-desktop"
            oauth_client_secret = "env:CLIENT"
            oauth_refresh_token = "env:REFRESH"
            oauth_token_url = "https://auth.example.com/oauth2/token"
            """)
        guard case .oauth(let username, let oauth) = client.login else {
            Issue.record("expected an OAuth client")
            return
        }
        #expect(username == "pat@va.example")
        #expect(oauth.clientID == "handoff-desktop")
        #expect(oauth.clientSecret?.reveal() == "client-secret")
        #expect(oauth.refreshToken.reveal() == "refresh-secret")
        #expect(oauth.tokenURL == "https://auth.example.com/oauth2/token")
        #expect(client.password == nil)
    }

    @Test("a CA file must exist and is made absolute", .temporaryFolder)
    func caFile() throws {
        try TemporaryFolder.write("-----BEGIN CERTIFICATE-----\n", to: "config/ca.pem")
        let path = try TemporaryFolder.write(
            ConfigFixtures.minimal + "[mail]\ntransport = \"smtp\"\nurl = \"smtp://smtp.example.com\"\nca_file = \"config/ca.pem\"\n",
            to: "config/handoff.toml")
        let config = try ConfigLoader.load(path: path, environment: [:])
        guard case .smtp(let settings) = config.mail.transport else {
            Issue.record("expected smtp")
            return
        }
        #expect(settings.caFile == (try TemporaryFolder.path()) + "/config/ca.pem")
    }

    @Test(
        "IMAP inbox URLs",
        arguments: [
            ("imaps://imap.example.com/INBOX", TLSMode.implicitTLS, 993, "INBOX"),
            ("imaps://imap.example.com", .implicitTLS, 993, "INBOX"),
            ("imap://imap.example.com:1143/Client%20Work", .startTLS, 1143, "Client Work"),
        ])
    func imap(url: String, tls: TLSMode, port: Int, mailbox: String) throws {
        let config = try ConfigFixtures.load(
            ConfigFixtures.minimal + "[inbox]\nsource = \(TOMLText.quoted(url))\nusername = \"pat\"\npassword = \"env:IMAP_PASSWORD\"\n",
            environment: Self.environment)
        guard case .imap(let settings) = config.inbox.source else {
            Issue.record("expected an IMAP inbox")
            return
        }
        #expect(settings.tls == tls)
        #expect(settings.host == "imap.example.com")
        #expect(settings.port == port)
        #expect(settings.mailbox == mailbox)
        #expect(settings.username == "pat")
        #expect(settings.password?.reveal() == "imap-secret")
    }

    @Test(
        "other link stores are read fully, then refused as not available yet",
        arguments: [
            ("webdav", "url = \"https://cloud.example/dav/\"\nusername = \"pat\"\npassword = \"env:SMTP_PASSWORD\"\npublic_url = \"https://cloud.example/s/\""),
            ("s3", "endpoint = \"https://s3.example.com\"\nbucket = \"b\"\nregion = \"r\"\naccess_key = \"env:CLIENT\"\nsecret_key = \"env:REFRESH\""),
            ("sftp", "url = \"sftp://files.example/srv/x/\"\nusername = \"pat\"\npassword = \"env:SMTP_PASSWORD\""),
        ])
    func futureLinkStores(store: String, keys: String) {
        let text = ConfigFixtures.minimal + "[links]\nstore = \"\(store)\"\n" + keys + "\n"
        let error = ConfigFixtures.error(text, environment: Self.environment)
        #expect(error?.message == "config/handoff.toml:4:9: links.store = \"\(store)\" is not available in this version of handoff; use store = \"local\" (packages served by handoff serve).")
    }

    @Test("a future link store's keys are still checked before it is refused")
    func futureLinkStoreKeysChecked() {
        let error = ConfigFixtures.error(ConfigFixtures.minimal + "[links]\nstore = \"s3\"\nendpoint = \"https://s3.example.com\"\nregion = \"r\"\n")
        #expect(error?.message == "config/handoff.toml:3:1: links.bucket is required: add bucket = \"handoff\" to [links].")
    }
}

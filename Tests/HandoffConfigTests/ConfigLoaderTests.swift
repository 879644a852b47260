import HandoffConfig
import HandoffCore
import HandoffTestSupport
import Testing

@Suite("Loading the configuration")
struct ConfigLoaderTests {
    @Test("a file with only a sender gets every default")
    func defaults() throws {
        let config = try ConfigFixtures.load(ConfigFixtures.minimal)
        #expect(config.filePath == "/srv/va/config/handoff.toml")
        #expect(config.rootDirectory == "/srv/va")
        #expect(config.gateway.dataDirectory == "/srv/va/var")
        #expect(config.gateway.outboxDirectory == "/srv/va/outbox")
        #expect(config.gateway.sender.address == "pat@va.example")
        #expect(config.gateway.workers == 2)
        #expect(config.gateway.notifyFailures == false)
        guard case .file(let directory) = config.mail.transport else {
            Issue.record("expected the file transport")
            return
        }
        #expect(directory == "/srv/va/var/sent")
        #expect(config.mail.maxAttachmentBytes == 20_000_000)
        guard case .local = config.links.store else {
            Issue.record("expected the local link store")
            return
        }
        #expect(config.links.baseURL == "http://127.0.0.1:8787")
        #expect(config.links.expireDays == 14)
        #expect(config.server == ServerSettings(host: "127.0.0.1", port: 8787))
        guard case .maildir(let maildir) = config.inbox.source else {
            Issue.record("expected a maildir inbox")
            return
        }
        #expect(maildir == "/srv/va/var/maildir")
        #expect(config.inbox.pollSeconds == 120)
        #expect(config.queue.retry == RetryPolicy.default)
        #expect(config.queue.leaseSeconds == 300)
        #expect(config.projects.isEmpty)
    }

    @Test("every setting is read and typed")
    func fullFile() throws {
        let config = try ConfigFixtures.load("""
            [gateway]
            data_dir = "/data/handoff"
            outbox = "work/outbox"
            sender = "\\"Pat Example\\" <pat@va.example>"
            workers = 4
            notify_failures = true
            [mail]
            transport = "file"
            directory = "mail-out"
            max_attachment_mb = 7.5
            [links]
            base_url = "https://files.va.example/handoff/"
            expire_days = 30
            [server]
            listen = "[::1]:9000"
            [inbox]
            source = "maildir:/var/mail/pat"
            poll_seconds = 60
            [queue]
            max_attempts = 5
            backoff_base_seconds = 10
            backoff_cap_seconds = 600.5
            lease_seconds = 120
            """)
        #expect(config.gateway.dataDirectory == "/data/handoff")
        #expect(config.gateway.outboxDirectory == "/srv/va/work/outbox")
        #expect(config.gateway.sender.displayName == "Pat Example")
        #expect(config.gateway.workers == 4)
        #expect(config.gateway.notifyFailures == true)
        guard case .file(let directory) = config.mail.transport else {
            Issue.record("expected the file transport")
            return
        }
        #expect(directory == "/srv/va/mail-out")
        #expect(config.mail.maxAttachmentBytes == 7_500_000)
        #expect(config.links.baseURL == "https://files.va.example/handoff")
        #expect(config.links.expireDays == 30)
        #expect(config.server.host == "::1")
        #expect(config.server.port == 9000)
        #expect(config.server.listen == "[::1]:9000")
        guard case .maildir(let maildir) = config.inbox.source else {
            Issue.record("expected a maildir inbox")
            return
        }
        #expect(maildir == "/var/mail/pat")
        #expect(config.inbox.pollSeconds == 60)
        #expect(config.queue.retry == RetryPolicy(maxAttempts: 5, baseSeconds: 10, capSeconds: 600.5))
        #expect(config.queue.leaseSeconds == 120)
    }

    @Test("the link base URL follows server.listen when not set")
    func baseURLFollowsListen() throws {
        let config = try ConfigFixtures.load(ConfigFixtures.minimal + "[server]\nlisten = \"0.0.0.0:8080\"\n")
        #expect(config.links.baseURL == "http://127.0.0.1:8080")
    }

    @Test(
        "relative paths resolve against the folder above the config's folder",
        arguments: [
            ("var", "/srv/va/var"),
            ("./data/../var/", "/srv/va/var"),
            ("../shared/var", "/srv/shared/var"),
            ("/abs/var", "/abs/var"),
            ("~/handoff", "/home/pat/handoff"),
        ])
    func relativePaths(written: String, expected: String) throws {
        let config = try ConfigFixtures.load(
            "[gateway]\nsender = \"pat@va.example\"\ndata_dir = \(TOMLText.quoted(written))\n", environment: ["HOME": "/home/pat"])
        #expect(config.gateway.dataDirectory == expected)
        // Paths derived from the data folder follow it.
        guard case .file(let sent) = config.mail.transport else {
            Issue.record("expected the file transport")
            return
        }
        #expect(sent == expected + "/sent")
    }

    @Test("a relative --config path is taken from the current folder", .temporaryFolder)
    func loadsFromDisk() throws {
        let path = try TemporaryFolder.write(ConfigFixtures.minimal, to: "site/config/handoff.toml")
        let config = try ConfigLoader.load(path: path, environment: [:])
        #expect(config.filePath == (try TemporaryFolder.path()) + "/site/config/handoff.toml")
        #expect(config.rootDirectory == (try TemporaryFolder.path()) + "/site")
        #expect(config.gateway.dataDirectory == (try TemporaryFolder.path()) + "/site/var")
    }

    @Test("a missing file says how to create one")
    func missingFile() {
        let error = #expect(throws: HandoffError.self) {
            try ConfigLoader.load(path: "/nonexistent/config/handoff.toml", environment: [:])
        }
        #expect(error?.kind == .config)
        #expect(error?.message == "There is no configuration at /nonexistent/config/handoff.toml. Run `handoff init` to create one, or point to yours with --config PATH or HANDOFF_CONFIG.")
    }

    @Test("projects keep file order, defaults, and are found by id")
    func projects() throws {
        let config = try ConfigFixtures.load(ConfigFixtures.minimal + """
            [projects.zeta]
            allow = ["zeta.example"]
            [projects.alpha]
            name = "Alpha Co"
            contacts = ["Jo <jo@alpha.example>", "ops@eu.alpha.example"]
            allow = ["alpha.example", "*.alpha.example"]
            deliver = "link"
            archive = "tar.zst"
            encrypt = false
            retainer_hours = 12.5
            [projects.zip-encrypted]
            allow = ["pat@client.example"]
            contacts = ["PAT@client.example"]
            encrypt = true
            """)
        #expect(config.projects.map(\.id.rawValue) == ["zeta", "alpha", "zip-encrypted"])
        let zeta = try #require(config.project(id: "zeta"))
        #expect(zeta.name == "zeta")
        #expect(zeta.contacts.isEmpty)
        #expect(zeta.deliver == .auto)
        #expect(zeta.archive == .zip)
        #expect(zeta.encrypt == false)
        #expect(zeta.retainerHours == nil)
        let alpha = try #require(config.project(id: try ProjectID("alpha")))
        #expect(alpha.name == "Alpha Co")
        #expect(alpha.contacts.map(\.description) == ["Jo <jo@alpha.example>", "ops@eu.alpha.example"])
        #expect(alpha.allow == [.domain("alpha.example"), .domainAndSubdomains("alpha.example")])
        #expect(alpha.deliver == .link)
        #expect(alpha.archive == .tarZst)
        #expect(alpha.retainerHours == 12.5)
        #expect(config.project(id: "zip-encrypted")?.encrypt == true)
        #expect(config.project(id: "missing") == nil)
    }
}

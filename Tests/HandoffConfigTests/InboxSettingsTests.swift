import Foundation
import HandoffConfig
import HandoffCore
import Testing

@Suite("Inbox settings: mailboxes, logins, since, acknowledgements")
struct InboxSettingsTests {
    static let environment = ["IMAP_PASSWORD": "imap-secret", "TOKEN": "token-secret", "REFRESH": "refresh-secret"]

    static func inbox(_ text: String) throws -> InboxSettings {
        try ConfigFixtures.load(ConfigFixtures.minimal + text, environment: environment).inbox
    }

    static func imap(_ mailbox: MailboxSetting) throws -> IMAPSettings {
        guard case .imap(let imap) = mailbox.source else { throw HandoffError.internal("expected an IMAP mailbox") }
        return imap
    }

    @Test("no [inbox]: one mailbox named inbox, the Maildir under the data folder, every default")
    func defaults() throws {
        let inbox = try Self.inbox("")
        #expect(inbox.mailboxes.count == 1)
        let mailbox = try #require(inbox.mailboxes.first)
        #expect(mailbox.name == "inbox")
        guard case .maildir(let path) = inbox.source else {
            Issue.record("expected a Maildir")
            return
        }
        #expect(path == "/srv/va/var/maildir")
        #expect(mailbox.pollSeconds == 120 && mailbox.since == .days(7) && mailbox.maxMessageMB == 50 && mailbox.idle)
        #expect(mailbox.maxMessageBytes == 50 * 1_048_576)
        #expect(mailbox.processedFolder == nil)
        #expect(inbox.ownAddresses.isEmpty)
        #expect(inbox.acknowledgePerSenderPerHour == 3)
    }

    @Test("today's single source stays one mailbox named inbox, with the mailbox options beside it")
    func singleSource() throws {
        let inbox = try Self.inbox("""
            [inbox]
            source = "imaps://imap.example.com/INBOX"
            username = "pat"
            password = "env:IMAP_PASSWORD"
            poll_seconds = 60
            since = "30d"
            processed_folder = "Handled"
            max_message_mb = 100
            idle = false
            address = "Pat <pat@va.example>"
            acknowledge_per_sender_per_hour = 0
            """)
        let mailbox = try #require(inbox.mailboxes.first)
        #expect(inbox.mailboxes.count == 1 && mailbox.name == "inbox")
        #expect(mailbox.pollSeconds == 60 && inbox.pollSeconds == 60)
        #expect(mailbox.since == .days(30) && mailbox.processedFolder == "Handled" && mailbox.maxMessageMB == 100 && !mailbox.idle)
        #expect(try Self.imap(mailbox).password?.reveal() == "imap-secret")
        #expect(inbox.ownAddresses.map(\.address) == ["pat@va.example"])
        #expect(inbox.acknowledgePerSenderPerHour == 0)
    }

    @Test("mailbox tables: each its own source, login and options; poll_seconds of [inbox] is their default")
    func mailboxTables() throws {
        let inbox = try Self.inbox("""
            [inbox]
            poll_seconds = 300
            address = ["pat@va.example", "office@va.example"]

            [[inbox.mailbox]]
            name = "local"
            source = "maildir:var/drop"

            [[inbox.mailbox]]
            name = "work_2"
            source = "imap://imap.example.com:1143/Clients"
            username = "pat@va.example"
            oauth_token = "env:TOKEN"
            poll_seconds = 30

            [[inbox.mailbox]]
            name = "gmail"
            source = "imaps://imap.gmail.example"
            username = "pat@gmail.example"
            oauth_client_id = "handoff"
            oauth_refresh_token = "env:REFRESH"
            oauth_token_url = "https://auth.example.com/token"
            since = 2026-11-01
            """)
        #expect(inbox.mailboxes.map(\.name) == ["local", "work_2", "gmail"])
        #expect(inbox.mailboxes.map(\.pollSeconds) == [300, 30, 300])
        #expect(inbox.ownAddresses.map(\.address) == ["pat@va.example", "office@va.example"])
        guard case .maildir(let path) = inbox.source else {
            Issue.record("the first mailbox's source is the inbox's source")
            return
        }
        #expect(path == "/srv/va/var/drop")
        let work = try Self.imap(inbox.mailboxes[1])
        #expect(work.tls == .startTLS && work.port == 1143 && work.mailbox == "Clients" && work.password == nil)
        guard case .bearer(let user, let token) = work.login else {
            Issue.record("expected a ready token")
            return
        }
        #expect(user == "pat@va.example" && token.reveal() == "token-secret")
        let gmail = try Self.imap(inbox.mailboxes[2])
        guard case .oauth(_, let client) = gmail.login else {
            Issue.record("expected an OAuth client login")
            return
        }
        #expect(client.clientID == "handoff" && gmail.mailbox == "INBOX" && gmail.port == 993)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        #expect(inbox.mailboxes[2].since == .date(try #require(calendar.date(from: DateComponents(year: 2026, month: 11, day: 1)))))
    }

    @Test("since: days back or a day, written as text or as a TOML date", arguments: [
        ("\"7d\"", SinceSetting.days(7)), ("\"0d\"", .days(0)), ("\" 3650D \"", .days(3650)),
    ])
    func sinceDays(text: String, expected: SinceSetting) throws {
        #expect(try Self.inbox("[inbox]\nsince = \(text)\n").mailboxes.first?.since == expected)
    }

    @Test("since as a day starts at local midnight, whichever way it is written")
    func sinceDay() throws {
        let written = try Self.inbox("[inbox]\nsince = \"2026-11-01\"\n").mailboxes.first?.since
        let date = try Self.inbox("[inbox]\nsince = 2026-11-01\n").mailboxes.first?.since
        #expect(written == date)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(SinceSetting.days(2).start(now: now) == now.addingTimeInterval(-2 * 86_400))
        guard case .date(let start) = try #require(written) else {
            Issue.record("expected a day")
            return
        }
        #expect(try #require(written).start(now: now) == start)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        #expect(calendar.dateComponents([.year, .month, .day, .hour, .minute], from: start) == DateComponents(year: 2026, month: 11, day: 1, hour: 0, minute: 0))
    }

    static let gateway = ConfigFixtures.minimal
    static let imapLogin = "username = \"pat\"\npassword = \"env:IMAP_PASSWORD\"\n"

    static let errors: [ConfigErrorFixture] = [
        .init("source and mailbox tables together", gateway + "[inbox]\nsource = \"maildir:var/a\"\n[[inbox.mailbox]]\nname = \"b\"\nsource = \"maildir:var/b\"\n",
              "config/handoff.toml:4:1: inbox.source is set in [inbox], and this file also lists mailboxes in [[inbox.mailbox]] tables; use one form: move source (with its login and options) into the [[inbox.mailbox]] table it belongs to, or remove the tables."),
        .init("a login in [inbox] with mailbox tables", gateway + "[inbox]\nusername = \"pat\"\n[[inbox.mailbox]]\nname = \"b\"\nsource = \"maildir:var/b\"\n",
              "config/handoff.toml:4:1: inbox.username is set in [inbox], and this file also lists mailboxes in [[inbox.mailbox]] tables; use one form: move username into the [[inbox.mailbox]] table it belongs to, or remove the tables."),
        .init("a single [inbox.mailbox] table", gateway + "[inbox.mailbox]\nname = \"b\"\nsource = \"maildir:var/b\"\n",
              "config/handoff.toml:3:8: inbox.mailbox must be one or more mailbox tables: write [[inbox.mailbox]] (two brackets) above each mailbox's name, source and login, not a table."),
        .init("an empty list of mailboxes", gateway + "[inbox]\nmailbox = []\n",
              "config/handoff.toml:4:1: inbox.mailbox is an empty list; add a [[inbox.mailbox]] table with name and source, or remove the key for the default Maildir."),
        .init("a mailbox without a name", gateway + "[[inbox.mailbox]]\nsource = \"maildir:var/b\"\n",
              "config/handoff.toml:3:1: inbox.mailbox.name is required: add name = \"work\" (lower-case letters, digits, '-' or '_') to [inbox.mailbox]."),
        .init("a mailbox name with capitals", gateway + "[[inbox.mailbox]]\nname = \"Work\"\nsource = \"maildir:var/b\"\n",
              "config/handoff.toml:4:8: inbox.mailbox.name = \"Work\" is not a mailbox name; use 1-40 lower-case letters, digits, '-' or '_', like \"work\"."),
        .init("a mailbox name too long", gateway + "[[inbox.mailbox]]\nname = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\nsource = \"maildir:var/b\"\n",
              "config/handoff.toml:4:8: inbox.mailbox.name = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" is not a mailbox name; use 1-40 lower-case letters, digits, '-' or '_', like \"work\"."),
        .init("two mailboxes with one name", gateway + "[[inbox.mailbox]]\nname = \"work\"\nsource = \"maildir:var/a\"\n[[inbox.mailbox]]\nname = \"work\"\nsource = \"maildir:var/b\"\n",
              "config/handoff.toml:7:8: inbox.mailbox.name = \"work\" is used twice (first on line 4); each mailbox needs its own name, which keys what was already read from it."),
        .init("a mailbox without a source", gateway + "[[inbox.mailbox]]\nname = \"work\"\n",
              "config/handoff.toml:3:1: inbox.mailbox.source is required: add source = \"maildir:var/maildir\" or \"imaps://imap.example.com/INBOX\" to [inbox.mailbox]."),
        .init("an inbox key in a mailbox table", gateway + "[[inbox.mailbox]]\nname = \"work\"\nsource = \"maildir:var/a\"\naddress = \"pat@va.example\"\n",
              "config/handoff.toml:6:1: unknown key 'address' in [inbox.mailbox]; it belongs in [inbox]. Valid keys in [inbox.mailbox]: name, source, poll_seconds, since, max_message_mb, idle, username, password, oauth_token, oauth_client_id, oauth_client_secret, oauth_refresh_token, oauth_token_url, ca_file, insecure_skip_verify, processed_folder."),
        .init("a processed folder for a Maildir", gateway + "[inbox]\nsource = \"maildir:var/a\"\nprocessed_folder = \"Done\"\n",
              "config/handoff.toml:5:1: inbox.processed_folder is only used with source = \"imaps://…\", and this file has source = \"maildir:…\"; remove it or comment it out."),
        .init("a message limit of zero", gateway + "[inbox]\nmax_message_mb = 0\n",
              "config/handoff.toml:4:18: inbox.max_message_mb = 0 is out of range; use a whole number from 1 to 1024 (megabytes)."),
        .init("a message limit over a gigabyte", gateway + "[[inbox.mailbox]]\nname = \"work\"\nsource = \"maildir:var/a\"\nmax_message_mb = 2048\n",
              "config/handoff.toml:6:18: inbox.mailbox.max_message_mb = 2048 is out of range; use a whole number from 1 to 1024 (megabytes)."),
        .init("since in weeks", gateway + "[inbox]\nsince = \"2w\"\n",
              "config/handoff.toml:4:9: inbox.since = \"2w\" is not a number of days like \"7d\", or a day like \"2026-11-01\"."),
        .init("since a day the calendar lacks", gateway + "[inbox]\nsince = \"2026-02-30\"\n",
              "config/handoff.toml:4:9: inbox.since = \"2026-02-30\" is not a day of the calendar; use a number of days like \"7d\", or a day like \"2026-11-01\"."),
        .init("since as a number", gateway + "[inbox]\nsince = 7\n",
              "config/handoff.toml:4:9: inbox.since must be a number of days like \"7d\", or a day like \"2026-11-01\", not the integer 7."),
        .init("since as a date-time", gateway + "[inbox]\nsince = 2026-11-01T10:00:00\n",
              "config/handoff.toml:4:9: inbox.since = 2026-11-01T10:00:00 has a time of day; give the day alone, like 2026-11-01, or a number of days like \"7d\"."),
        .init("since too far back", gateway + "[inbox]\nsince = \"5000d\"\n",
              "config/handoff.toml:4:9: inbox.since = \"5000d\" is out of range; use 0d to 3650d."),
        .init("a bad own address", gateway + "[inbox]\naddress = [\"pat@va.example\", \"pat at va\"]\n",
              "config/handoff.toml:4:30: inbox.address: 'pat at va' is not an email address: it has no '@'."),
        .init("too many acknowledgements", gateway + "[inbox]\nacknowledge_per_sender_per_hour = 101\n",
              "config/handoff.toml:4:35: inbox.acknowledge_per_sender_per_hour = 101 is out of range; use a whole number from 0 to 100 acknowledgements."),
        .init("an IMAP mailbox without a password", gateway + "[inbox]\nsource = \"imaps://imap.example.com\"\nusername = \"pat\"\n",
              "config/handoff.toml:3:1: inbox.password is required: add password = \"env:HANDOFF_IMAP_PASSWORD\" (or oauth_token, or oauth_client_id with oauth_refresh_token and oauth_token_url) to [inbox]."),
        .init("an IMAP mailbox without a user name", gateway + "[[inbox.mailbox]]\nname = \"work\"\nsource = \"imaps://imap.example.com\"\npassword = \"env:IMAP_PASSWORD\"\n",
              "config/handoff.toml:6:1: inbox.mailbox.password is set but inbox.mailbox.username is not; add username = \"you@example.com\" (the login name)."),
        .init("a refresh token without its client", gateway + "[inbox]\nsource = \"imaps://imap.example.com\"\nusername = \"pat\"\noauth_refresh_token = \"env:REFRESH\"\n",
              "config/handoff.toml:6:1: inbox.oauth_refresh_token is only used together with oauth_client_id; add oauth_client_id or remove oauth_refresh_token."),
        .init("two ways to log in", gateway + "[inbox]\nsource = \"imaps://imap.example.com\"\nusername = \"pat\"\npassword = \"env:IMAP_PASSWORD\"\noauth_token = \"env:TOKEN\"\n",
              "config/handoff.toml:7:1: inbox.password and inbox.oauth_token are both set; log in with one of password, oauth_token (a ready XOAUTH2 token) or oauth_client_id (with oauth_refresh_token and oauth_token_url)."),
        .init("idle for a Maildir", gateway + "[inbox]\nidle = false\n",
              "config/handoff.toml:4:1: inbox.idle is only used with source = \"imaps://…\", and this file has source = \"maildir:…\"; remove it or comment it out."),
        .init("moving processed mail into the mailbox read", gateway + "[inbox]\nsource = \"imaps://imap.example.com\"\n" + imapLogin + "processed_folder = \"inbox\"\n",
              "config/handoff.toml:7:20: inbox.processed_folder = \"inbox\" is the folder this mailbox reads; name another folder, like \"Handled\", or remove the line to only mark mail as read."),
        .init("one mailbox listed twice", gateway + "[[inbox.mailbox]]\nname = \"a\"\nsource = \"imaps://IMAP.example.com/INBOX\"\n" + imapLogin
                + "[[inbox.mailbox]]\nname = \"b\"\nsource = \"imaps://imap.example.com:993\"\n" + imapLogin,
              "config/handoff.toml:10:10: inbox.mailbox.source = \"imaps://imap.example.com:993\" is also the source of mailbox 'a'; list each mailbox once."),
        .init("a bare sent folder on an OAuth inbox", gateway + "[mail]\ntransport = \"smtp\"\nurl = \"smtp://smtp.example.com\"\nsent_folder = \"Sent\"\n[inbox]\nsource = \"imaps://imap.example.com\"\nusername = \"pat\"\noauth_token = \"env:TOKEN\"\n",
              "config/handoff.toml:6:15: mail.sent_folder = \"Sent\" would be kept on the inbox's server (imap.example.com), which is logged into with OAuth; the copy needs a password login there. Write the folder as a full URL (\"imaps://imap.example.com:993/Sent\") on a server [mail] logs into with a password, or remove sent_folder."),
    ]

    @Test("inbox mistakes are named with their line and the way out", arguments: errors)
    func refused(_ fixture: ConfigErrorFixture) {
        #expect(ConfigFixtures.error(fixture.source, environment: Self.environment)?.message == fixture.message)
    }
}

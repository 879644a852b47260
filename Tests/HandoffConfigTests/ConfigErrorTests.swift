import HandoffConfig
import HandoffCore
import Testing

/// A configuration that must be refused, and the exact message: file, line:column, the
/// full key, what was given, what is allowed.
struct ConfigErrorFixture: Sendable, CustomTestStringConvertible {
    let name: String
    let source: String
    let message: String

    init(_ name: String, _ source: String, _ message: String) {
        self.name = name
        self.source = source
        self.message = message
    }

    var testDescription: String { name }
}

@Suite("Configuration errors")
struct ConfigErrorTests {
    static let gateway = "[gateway]\nsender = \"pat@va.example\"\n"

    static let keys: [ConfigErrorFixture] = [
        .init("unknown key with a suggestion", "[gateway]\nsendr = \"pat@va.example\"",
              "config/handoff.toml:2:1: unknown key 'sendr' in [gateway]; did you mean 'sender'? Valid keys in [gateway]: data_dir, outbox, sender, workers, notify_failures."),
        .init("unknown key that belongs in another section", gateway + "[server]\nsender = \"x\"",
              "config/handoff.toml:4:1: unknown key 'sender' in [server]; it belongs in [gateway]. Valid keys in [server]: listen."),
        .init("unknown key with no close match", gateway + "[queue]\nspeed = 3",
              "config/handoff.toml:4:1: unknown key 'speed' in [queue]. Valid keys in [queue]: max_attempts, backoff_base_seconds, backoff_cap_seconds, lease_seconds."),
        .init("unknown project key", gateway + "[projects.demo]\nallow = [\"demo.example\"]\ncontact = [\"a@demo.example\"]",
              "config/handoff.toml:5:1: unknown key 'contact' in [projects.demo]; did you mean 'contacts'? Valid keys in [projects.demo]: name, contacts, allow, deliver, archive, encrypt, retainer_hours, rounding_minutes, forgotten_clock_hours, acknowledge, acknowledge_text."),
        .init("unknown section with a suggestion", gateway + "[mial]\ntransport = \"file\"",
              "config/handoff.toml:3:2: unknown section [mial]; did you mean [mail]? Valid sections: [gateway], [mail], [links], [server], [inbox], [queue], [projects]."),
        .init("key above every section", "sender = \"pat@va.example\"\n[gateway]",
              "config/handoff.toml:1:1: unknown key 'sender' at the top of the file; it belongs in [gateway], after the section header. Every setting goes in a section. Valid sections: [gateway], [mail], [links], [server], [inbox], [queue], [projects]."),
        .init("a key of another transport", gateway + "[mail]\nurl = \"smtp://smtp.example.com\"",
              "config/handoff.toml:4:1: mail.url is only used with transport = \"smtp\", and this file has transport = \"file\"; remove it or comment it out."),
        .init("a key of another link store", gateway + "[links]\nstore = \"local\"\nbucket = \"b\"",
              "config/handoff.toml:5:1: links.bucket is only used with store = \"s3\", and this file has store = \"local\"; remove it or comment it out."),
        .init("a misspelt notify_failures", gateway + "notify_failure = true",
              "config/handoff.toml:3:1: unknown key 'notify_failure' in [gateway]; did you mean 'notify_failures'? Valid keys in [gateway]: data_dir, outbox, sender, workers, notify_failures."),
        .init("a section written as a value", gateway + "mail = \"file\"",
              "config/handoff.toml:3:1: unknown key 'mail' in [gateway]. Valid keys in [gateway]: data_dir, outbox, sender, workers, notify_failures."),
        .init("a top-level section written as a value", "queue = 3\n" + gateway,
              "config/handoff.toml:1:1: queue must be a section: write [queue] and its keys on the lines below it, not an integer."),
        .init("a misspelt section written as a value", "mial = 3\n" + gateway,
              "config/handoff.toml:1:1: unknown key 'mial' at the top of the file. Every setting goes in a section. Valid sections: [gateway], [mail], [links], [server], [inbox], [queue], [projects]."),
    ]

    static let values: [ConfigErrorFixture] = [
        .init("wrong type", gateway + "workers = \"two\"",
              "config/handoff.toml:3:11: gateway.workers must be a whole number from 1 to 32, not the string \"two\"."),
        .init("out of range", gateway + "workers = 40",
              "config/handoff.toml:3:11: gateway.workers = 40 is out of range; use a whole number from 1 to 32."),
        .init("a date where a number goes", gateway + "workers = 1979-05-27",
              "config/handoff.toml:3:11: gateway.workers must be a whole number from 1 to 32, not the date-time 1979-05-27 (only since, in [inbox], takes a date)."),
        .init("notify_failures written as a word", gateway + "notify_failures = \"yes\"",
              "config/handoff.toml:3:19: gateway.notify_failures must be true or false, not the string \"yes\"."),
        .init("notify_failures written as a number", gateway + "notify_failures = 1",
              "config/handoff.toml:3:19: gateway.notify_failures must be true or false, not the integer 1."),
        .init("bad choice", gateway + "[projects.demo]\nallow = [\"demo.example\"]\ndeliver = \"fax\"",
              "config/handoff.toml:5:11: projects.demo.deliver = \"fax\" is not allowed; allowed: email, link, auto."),
        .init("misspelt choice", gateway + "[projects.demo]\nallow = [\"demo.example\"]\ndeliver = \"emial\"",
              "config/handoff.toml:5:11: projects.demo.deliver = \"emial\" is not allowed; did you mean \"email\"? allowed: email, link, auto."),
        .init("bad archive format", gateway + "[projects.demo]\nallow = [\"demo.example\"]\narchive = \"rar\"",
              "config/handoff.toml:5:11: projects.demo.archive = \"rar\" is not allowed; allowed: zip, tar.gz, tar.zst."),
        .init("bad transport", gateway + "[mail]\ntransport = \"fax\"",
              "config/handoff.toml:4:13: mail.transport = \"fax\" is not allowed; allowed: file, smtp."),
        .init("choice of the wrong type", gateway + "[mail]\ntransport = true",
              "config/handoff.toml:4:13: mail.transport must be one of \"file\", \"smtp\", not the boolean true."),
        .init("number out of range", gateway + "[mail]\nmax_attachment_mb = 0",
              "config/handoff.toml:4:21: mail.max_attachment_mb = 0 is out of range; use a number from 0.1 to 1000 (megabytes)."),
        .init("empty string", "[gateway]\nsender = \"  \"",
              "config/handoff.toml:2:10: gateway.sender = \"  \" is empty; give an address like \"Pat Example <pat@va.example>\", or remove the line."),
        .init("missing sender", "[gateway]\ndata_dir = \"var\"",
              "config/handoff.toml:1:1: gateway.sender is required: add sender = \"Your Name <you@example.com>\" to [gateway]."),
        .init("no gateway section", "",
              "config/handoff.toml: gateway.sender is required: add a [gateway] section with sender = \"Your Name <you@example.com>\"."),
        .init("bad sender", "[gateway]\nsender = \"pat\"",
              "config/handoff.toml:2:10: gateway.sender: 'pat' is not an email address: it has no '@'. Write it like \"Pat Example <pat@va.example>\"."),
        .init("bad listen", gateway + "[server]\nlisten = \"localhost\"",
              "config/handoff.toml:4:10: server.listen = \"localhost\" is not HOST:PORT; write it like \"127.0.0.1:8787\" or \"[::1]:8787\"."),
        .init("cap below base", gateway + "[queue]\nbackoff_base_seconds = 60\nbackoff_cap_seconds = 30",
              "config/handoff.toml:5:23: queue.backoff_cap_seconds = 30 is below backoff_base_seconds (60); the cap must be at least the base."),
        .init("bad inbox source", gateway + "[inbox]\nsource = \"pop3://mail.example.com\"",
              "config/handoff.toml:4:10: inbox.source = \"pop3://mail.example.com\" is not allowed; use \"maildir:var/maildir\" or \"imaps://imap.example.com/INBOX\" (imap:// means STARTTLS, which is then required)."),
        .init("smtp URL with the wrong scheme", gateway + "[mail]\ntransport = \"smtp\"\nurl = \"https://smtp.example.com\"",
              "config/handoff.toml:5:7: mail.url = \"https://smtp.example.com\" must start with smtp:// or smtps://, like \"smtp://smtp.example.com:587\"."),
        .init("smtp URL missing", gateway + "[mail]\ntransport = \"smtp\"",
              "config/handoff.toml:3:1: mail.url is required: add url = \"smtp://smtp.example.com:587\" (STARTTLS) or \"smtps://smtp.example.com:465\" to [mail]."),
        .init("smtp URL with a bad port", gateway + "[mail]\ntransport = \"smtp\"\nurl = \"smtp://smtp.example.com:99999\"",
              "config/handoff.toml:5:7: mail.url = \"smtp://smtp.example.com:99999\" has a port that is not a number from 1 to 65535."),
        .init("password without username", gateway + "[mail]\ntransport = \"smtp\"\nurl = \"smtp://smtp.example.com\"\npassword = \"env:X\"",
              "config/handoff.toml:6:1: mail.password is set but mail.username is not; add username = \"you@example.com\" (the login name)."),
        .init("two login methods", gateway + "[mail]\ntransport = \"smtp\"\nurl = \"smtp://smtp.example.com\"\nusername = \"u\"\npassword = \"env:X\"\noauth_token = \"env:Y\"",
              "config/handoff.toml:8:1: mail.password and mail.oauth_token are both set; log in with one of password, oauth_token (a ready XOAUTH2 token) or oauth_client_id (with oauth_refresh_token and oauth_token_url)."),
        .init("oauth key without client id", gateway + "[mail]\ntransport = \"smtp\"\nurl = \"smtp://smtp.example.com\"\noauth_refresh_token = \"env:Y\"",
              "config/handoff.toml:6:1: mail.oauth_refresh_token is only used together with oauth_client_id; add oauth_client_id or remove oauth_refresh_token."),
    ]

    static let projects: [ConfigErrorFixture] = [
        .init("no allow list", gateway + "[projects.demo]\ncontacts = [\"a@demo.example\"]",
              "config/handoff.toml:3:1: projects.demo.allow is required: without it the project can't receive anything. Add allow = [\"client.example\"] (a domain, an address, or \"*.client.example\") to [projects.demo]."),
        .init("empty allow list", gateway + "[projects.demo]\nallow = []",
              "config/handoff.toml:4:9: projects.demo.allow is empty, so the project can't receive anything; list the client's domain or addresses, like [\"client.example\"]."),
        .init("allow of the wrong type", gateway + "[projects.demo]\nallow = \"demo.example\"",
              "config/handoff.toml:4:9: projects.demo.allow must be an array of addresses or domains, like [\"client.example\"], not the string \"demo.example\"."),
        .init("bad allow rule", gateway + "[projects.demo]\nallow = [\"demo.example\", \"not a domain\"]",
              "config/handoff.toml:4:26: projects.demo.allow: 'not a domain' is not an allow rule: use an address (pat@client.example), a domain (client.example) or '*.client.example'."),
        .init("contact outside allow", gateway + "[projects.demo]\nallow = [\"demo.example\"]\ncontacts = [\"a@demo.example\", \"b@other.example\"]",
              "config/handoff.toml:5:31: projects.demo.contacts: b@other.example is not covered by allow (demo.example), so the recipient guard would refuse every delivery to it. Add the address or its domain to allow, or remove the contact."),
        .init("subdomain contact under a bare domain", gateway + "[projects.demo]\nallow = [\"demo.example\"]\ncontacts = [\"a@eu.demo.example\"]",
              "config/handoff.toml:5:13: projects.demo.contacts: a@eu.demo.example is not covered by allow (demo.example), so the recipient guard would refuse every delivery to it. Add the address or its domain to allow, or remove the contact."),
        .init("bad contact", gateway + "[projects.demo]\nallow = [\"demo.example\"]\ncontacts = [\"client\"]",
              "config/handoff.toml:5:13: projects.demo.contacts: 'client' is not an email address: it has no '@'."),
        .init("contact of the wrong type", gateway + "[projects.demo]\nallow = [\"demo.example\"]\ncontacts = [\"a@demo.example\", 3]",
              "config/handoff.toml:5:31: projects.demo.contacts must be an array of email addresses, like [\"client@client.example\"], but one element is the integer 3."),
        .init("bad project id", gateway + "[projects.Demo]\nallow = [\"demo.example\"]",
              "config/handoff.toml:3:11: [projects.Demo]: 'Demo' is not a valid project id: use 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit."),
        .init("project that is not a section", gateway + "[projects]\ndemo = \"x\"",
              "config/handoff.toml:4:1: projects.demo must be a project section: write [projects.demo] and its keys (name, contacts, allow, …) below it, not a string."),
        .init("encryption needs zip", gateway + "[projects.demo]\nallow = [\"demo.example\"]\narchive = \"tar.gz\"\nencrypt = true",
              "config/handoff.toml:6:11: projects.demo.encrypt = true needs archive = \"zip\": AES-256 encryption exists only for zip, and this project has archive = \"tar.gz\"."),
        .init("negative retainer", gateway + "[projects.demo]\nallow = [\"demo.example\"]\nretainer_hours = -1",
              "config/handoff.toml:5:18: projects.demo.retainer_hours = -1 is out of range; use a number from 0 to 100000 hours."),
        .init("multi-line name", gateway + "[projects.demo]\nallow = [\"demo.example\"]\nname = \"\"\"Demo\nClient\"\"\"",
              "config/handoff.toml:5:8: projects.demo.name = \"Demo\\nClient\" has a line break; it must be one line."),
        .init("CRLF in a name", gateway + "[projects.demo]\nallow = [\"demo.example\"]\nname = \"Demo\\r\\nClient\"",
              "config/handoff.toml:5:8: projects.demo.name = \"Demo\\r\\nClient\" has a line break; it must be one line."),
        .init("terminal escape in a name", gateway + "[projects.demo]\nallow = [\"demo.example\"]\nname = \"Demo\\u001B[2J\"",
              "config/handoff.toml:5:8: projects.demo.name = \"Demo\\u001B[2J\" has a control character (U+001B); it must be plain text on one line."),
    ]

    @Test("unknown keys and sections", arguments: keys)
    func unknownKeys(_ fixture: ConfigErrorFixture) {
        #expect(ConfigFixtures.error(fixture.source)?.message == fixture.message)
    }

    @Test("wrong types and bad values", arguments: values)
    func badValues(_ fixture: ConfigErrorFixture) {
        #expect(ConfigFixtures.error(fixture.source)?.message == fixture.message)
    }

    @Test("project errors", arguments: projects)
    func projectErrors(_ fixture: ConfigErrorFixture) {
        #expect(ConfigFixtures.error(fixture.source)?.message == fixture.message)
    }

    @Test("TOML syntax errors come out as config errors with the file's path")
    func syntaxError() {
        let error = ConfigFixtures.error("[gateway]\nsender \"pat@va.example\"")
        #expect(error?.message == "config/handoff.toml:2:8: expected '=' after key 'sender', found '\"'")
    }
}

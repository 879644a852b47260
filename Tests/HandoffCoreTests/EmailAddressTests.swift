import HandoffCore
import Testing

@Suite("Email addresses")
struct EmailAddressTests {
    @Test("valid forms parse into name and address", arguments: [
        ("client@acme.test", nil, "client@acme.test"),
        ("  Client@ACME.test ", nil, "Client@acme.test"),
        ("<pat@va.example>", nil, "pat@va.example"),
        ("Pat Example <pat@va.example>", "Pat Example", "pat@va.example"),
        ("\"Doe, Jane\" <jane@acme.test>", "Doe, Jane", "jane@acme.test"),
        ("Zoë Ångström <zoe@acme.test>", "Zoë Ångström", "zoe@acme.test"),
        ("first.last+tag@sub.acme.test", nil, "first.last+tag@sub.acme.test"),
    ] as [(String, String?, String)])
    func parses(text: String, name: String?, address: String) throws {
        let parsed = try EmailAddress(parsing: text)
        #expect(parsed.displayName == name)
        #expect(parsed.address == address)
    }

    @Test("malformed or dangerous input is refused with the text in the message", arguments: [
        "no-at-sign",
        "@acme.test",
        "user@",
        "user@-acme.test",
        "user@acme..test",
        "us er@acme.test",
        "Pat <pat@va.example",
        "Pat\r\nBcc: x@evil.test <pat@va.example>",
        "Pat\n <pat@va.example>",
        "pat@va.example\r\nBcc: x@evil.test",
        "pat\u{7}@va.example",
    ])
    func refuses(text: String) {
        #expect(throws: HandoffError.self) { try EmailAddress(parsing: text) }
    }

    /// Each would pass a guard that reads only the text after the last '@', then reach a
    /// server that routes on the rest, or a reader that decodes it into another address.
    @Test("hostile addresses are refused with the reason", arguments: [
        ("evil@evil.com@demo.example", "more than one '@'"),
        ("\"evil@evil.com\"@demo.example", "quoted part"),
        ("evil%evil.com@demo.example", "'%'"),
        ("\"evil%evil.com\"@demo.example", "quoted part"),
        ("evil.com!evil@demo.example", "'!'"),
        ("=?utf-8?q?x=40evil.com?=@demo.example", "encoded word"),
        ("\"=?utf-8?q?x=40evil.com?=\"@demo.example", "encoded word"),
        ("a..b@demo.example", "two dots in a row"),
        (".pat@demo.example", "a dot at either end"),
        ("pat.@demo.example", "a dot at either end"),
        ("pat\\@demo.example", "not allowed"),
        ("\"pat\"x@demo.example", "followed directly by '@'"),
        ("\"unclosed@demo.example", "not closed"),
        ("\"\"@demo.example", "not closed"),
        ("pat@demo.example.", "not a domain name"),
        ("pat@demo_example.com", "not a domain name"),
        ("pat@[300.1.1.1]", "not a domain name"),
        ("pat@[IPv6:1::2::3]", "not a domain name"),
        (String(repeating: "a", count: 65) + "@demo.example", "longer than 64"),
        ("jörg@demo.example", "non-ASCII"),
        ("pat@dömo.example", "non-ASCII"),
        ("pat@демо.example", "SMTPUTF8"),
    ] as [(String, String)])
    func hostile(text: String, reason: String) {
        let error = #expect(throws: HandoffError.self) { try EmailAddress(parsing: text) }
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains(reason) == true, "'\(error?.message ?? "")' should say '\(reason)'")
    }

    @Test("RFC 5321 forms are accepted, in one canonical form for envelope and header", arguments: [
        ("\"a..b\"@Demo.Example", "\"a..b\"@demo.example", "a..b"),
        ("\"pat\"@demo.example", "pat@demo.example", "pat"),
        ("\"Pat Doe\"@demo.example", "\"Pat Doe\"@demo.example", "Pat Doe"),
        ("\"say \\\"hi\\\"\"@demo.example", "\"say \\\"hi\\\"\"@demo.example", "say \"hi\""),
        ("o'brien+tag@demo.example", "o'brien+tag@demo.example", "o'brien+tag"),
        ("pat@[192.0.2.1]", "pat@[192.0.2.1]", "pat"),
        ("pat@[IPv6:2001:db8::1]", "pat@[ipv6:2001:db8::1]", "pat"),
        ("pat@xn--dmo-rna.example", "pat@xn--dmo-rna.example", "pat"),
    ] as [(String, String, String)])
    func canonical(text: String, address: String, local: String) throws {
        let parsed = try EmailAddress(parsing: text)
        #expect(parsed.address == address)
        #expect(parsed.localPart == local)
        #expect(try EmailAddress(parsing: parsed.description) == parsed, "the canonical form reads back as the same address")
    }

    @Test("a quoted and an unquoted spelling of one mailbox are the same address")
    func quotedEqualsPlain() throws {
        #expect(try EmailAddress(parsing: "\"pat\"@demo.example") == EmailAddress(parsing: "pat@demo.example"))
    }

    @Test("a CRLF pair in a display name is refused (it is one Character, not two)")
    func crlfInDisplayName() {
        let error = #expect(throws: HandoffError.self) { try EmailAddress(displayName: "Pat\r\nBcc: x@evil.test", address: "pat@va.example") }
        #expect(error?.kind == .badInput)
    }

    @Test("the domain is compared case-insensitively; description round-trips")
    func description() throws {
        let address = try EmailAddress(parsing: "Pat <pat@VA.Example>")
        #expect(address.domain == "va.example")
        #expect(address.description == "Pat <pat@va.example>")
        #expect(try EmailAddress(parsing: address.description) == address)
    }
}

@Suite("Recipient guard")
struct RecipientGuardTests {
    func project(_ allow: [String]) throws -> Project {
        Project(id: try ProjectID("acme"), name: "Acme", contacts: [], allow: try allow.map(AllowRule.init(parsing:)))
    }

    @Test("allow rules: exact address, exact domain, domain with subdomains", arguments: [
        (["dana@acme.test"], "dana@acme.test", true),
        (["dana@acme.test"], "DANA@Acme.Test", true),
        (["dana@acme.test"], "bob@acme.test", false),
        (["acme.test"], "anyone@acme.test", true),
        (["acme.test"], "x@eu.acme.test", false),
        (["acme.test"], "x@notacme.test", false),
        (["*.acme.test"], "x@eu.acme.test", true),
        (["*.acme.test"], "x@acme.test", true),
        (["*.acme.test"], "x@evilacme.test", false),
        ([], "dana@acme.test", false),
    ] as [([String], String, Bool)])
    func rules(allow: [String], recipient: String, allowed: Bool) throws {
        let project = try project(allow)
        let address = try EmailAddress(parsing: recipient)
        if allowed {
            try RecipientGuard.check([address], for: project)
        } else {
            let error = try #require(throws: HandoffError.self) { try RecipientGuard.check([address], for: project) }
            #expect(error.message.contains(address.address))
            #expect(error.exitCode == 65)
        }
    }

    @Test("one bad address among good ones refuses the whole delivery, naming it")
    func oneBadAddress() throws {
        let project = try project(["acme.test"])
        let recipients = try ["a@acme.test", "spy@rival.test", "b@acme.test"].map(EmailAddress.init(parsing:))
        let error = try #require(throws: HandoffError.self) { try RecipientGuard.check(recipients, for: project) }
        #expect(error.message.contains("spy@rival.test"))
        #expect(error.message.contains("[projects.acme]"))
    }

    @Test("no recipient at all is refused")
    func noRecipient() throws {
        #expect(throws: HandoffError.self) { try RecipientGuard.check([], for: try project(["acme.test"])) }
    }

    @Test("allow rules that are not addresses or domains are refused", arguments: ["acme", "*.", "a b.test", "x@"])
    func badRules(text: String) {
        #expect(throws: HandoffError.self) { try AllowRule(parsing: text) }
    }
}

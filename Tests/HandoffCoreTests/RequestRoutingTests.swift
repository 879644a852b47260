import HandoffCore
import Testing

@Suite("Request routing: which project an email belongs to")
struct RequestRoutingTests {
    static func project(_ id: String, contacts: [String] = [], allow: [String]) -> Project {
        // Fixed literals: a typo here is a broken test, not bad input.
        try! Project(
            id: ProjectID(id), name: id, contacts: contacts.map { try EmailAddress(parsing: $0) },
            allow: allow.map { try AllowRule(parsing: $0) })
    }

    static let projects = [
        project("acme", contacts: ["owner@acme.test"], allow: ["acme.test"]),
        project("northwind", contacts: ["jo@northwind.test"], allow: ["jo@northwind.test", "*.northwind.test"]),
        project("globex", allow: ["globex.test", "jo@northwind.test"]),
        project("initech", contacts: ["owner@acme.test"], allow: ["acme.test", "initech.test"]),
        project("umbrella", allow: ["*.umbrella.test"]),
        project("umbrella-eu", allow: ["eu.umbrella.test"]),
    ]

    static func route(_ sender: String, to recipients: [String] = ["va@va.test"], subject: String? = nil, own: [String] = []) -> RequestRoute {
        RequestRouting.route(sender: sender, recipients: recipients, subject: subject, projects: projects, ownAddresses: own)
    }

    static func id(_ text: String) -> ProjectID { try! ProjectID(text) }

    @Test("a contact of exactly one project wins, whatever the case of the address")
    func contact() {
        #expect(Self.route("Jo <JO@Northwind.Test>") == .project(Self.id("northwind"), via: .contact))
    }

    @Test("a contact of two projects goes to triage with both, even when a tag would decide")
    func contactOfTwo() {
        #expect(Self.route("owner@acme.test", subject: "[acme]") == .unmatched(candidates: [Self.id("acme"), Self.id("initech")]))
    }

    @Test("no contact: the allow rules decide, the narrowest kind of rule first")
    func allowRules() {
        #expect(Self.route("billing@globex.test") == .project(Self.id("globex"), via: .allowedDomain))
        #expect(Self.route("eve@sub.northwind.test") == .project(Self.id("northwind"), via: .allowedDomain))
        // eu.umbrella.test is named exactly by umbrella-eu and only by wildcard in umbrella.
        #expect(Self.route("kim@eu.umbrella.test") == .project(Self.id("umbrella-eu"), via: .allowedDomain))
        #expect(Self.route("kim@us.umbrella.test") == .project(Self.id("umbrella"), via: .allowedDomain))
        // A bare domain does not cover its subdomains, as in the recipient guard.
        #expect(Self.route("x@mail.globex.test") == .unmatched(candidates: []))
    }

    @Test("two projects allowing the sender the same way go to triage")
    func allowedByTwo() {
        #expect(Self.route("clerk@acme.test") == .unmatched(candidates: [Self.id("acme"), Self.id("initech")]))
    }

    @Test("an unknown sender is placed by a plus-address of our own address")
    func plusAddress() {
        let own = ["Pat <va@va.test>"]
        #expect(Self.route("new@stranger.test", to: ["other@x.test", "VA+Globex@va.test"], own: own) == .project(Self.id("globex"), via: .plusAddress))
        #expect(Self.route("new@stranger.test", to: ["someone+globex@x.test"], own: own) == .unmatched(candidates: []))
        #expect(Self.route("new@stranger.test", to: ["someone+globex@x.test"]) == .project(Self.id("globex"), via: .plusAddress))
        #expect(Self.route("new@stranger.test", to: ["va+globex@va.test", "va+acme@va.test"], own: own)
            == .unmatched(candidates: [Self.id("acme"), Self.id("globex")]))
        #expect(Self.route("new@stranger.test", to: ["va+nobody@va.test", "not an address"], own: own) == .unmatched(candidates: []))
    }

    @Test("then a subject tag naming exactly one project")
    func subjectTag() {
        #expect(Self.route("new@stranger.test", subject: "[EXT] [Acme] flyer") == .project(Self.id("acme"), via: .subjectTag))
        #expect(Self.route("new@stranger.test", subject: "[acme][globex]") == .unmatched(candidates: [Self.id("acme"), Self.id("globex")]))
        #expect(Self.route("new@stranger.test", subject: "[#R-3] flyer") == .unmatched(candidates: []))
    }

    @Test("a sender that cannot be read goes to triage, never to a guess", arguments: [
        "", "not an address", "<broken@", "ünïcode@acme.test", "a@b@acme.test", "=?utf-8?q?x=40acme.test?=@evil.test",
    ])
    func unreadableSender(sender: String) {
        #expect(Self.route(sender, to: ["va+acme@va.test"], subject: "[acme]") == .unmatched(candidates: []))
    }
}

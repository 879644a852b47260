import HandoffCore
import Testing

@Suite("Automatic replies follow RFC 3834")
struct AutoReplyPolicyTests {
    static func decide(
        autoSubmitted: String? = nil, precedence: String? = nil, listID: String? = nil, sender: String = "dana@acme.test",
        returnPathEmpty: Bool = false, own: [String] = ["Pat <pat@va.test>"]
    ) -> AutoReplyDecision {
        AutoReplyPolicy.decide(
            autoSubmitted: autoSubmitted, precedence: precedence, listID: listID, sender: sender, returnPathEmpty: returnPathEmpty,
            ownAddresses: own)
    }

    @Test("a person's mail gets a reply, also with Auto-Submitted: no and an ordinary precedence")
    func person() {
        #expect(Self.decide() == .reply)
        #expect(Self.decide(autoSubmitted: " No ", precedence: "first-class") == .reply)
        #expect(Self.decide(sender: "Dana <dana+work@acme.test>") == .reply)
    }

    @Test("automatic mail is never answered, with a reason the VA can read", arguments: [
        (Self.decide(autoSubmitted: "auto-replied"), "the message says Auto-Submitted: auto-replied, so it was sent by a program"),
        (Self.decide(autoSubmitted: "Auto-Generated; owner-email=\"x@y.test\""), "Auto-Submitted: Auto-Generated"),
        (Self.decide(autoSubmitted: ""), "Auto-Submitted"),
        (Self.decide(precedence: "Bulk"), "Precedence: Bulk"),
        (Self.decide(precedence: "list"), "Precedence: list"),
        (Self.decide(precedence: "junk"), "Precedence: junk"),
        (Self.decide(listID: "<news.acme.test>"), "it came from a mailing list (List-Id)"),
        (Self.decide(returnPathEmpty: true), "Return-Path is empty (<>)"),
        (Self.decide(sender: "MAILER-DAEMON@mx.acme.test"), "MAILER-DAEMON@mx.acme.test, an address that does not read replies"),
        (Self.decide(sender: "postmaster@acme.test"), "does not read replies"),
        (Self.decide(sender: "No_Reply@acme.test"), "does not read replies"),
        (Self.decide(sender: "noreply@acme.test"), "does not read replies"),
        (Self.decide(sender: "do-not-reply@acme.test"), "does not read replies"),
        (Self.decide(sender: "PAT@VA.test"), "our own address"),
        (Self.decide(sender: "pat+acme@va.test"), "our own address"),
        (Self.decide(sender: "garbage\r\nBcc: x@y"), "is not an address a reply could go to"),
    ])
    func suppressed(decision: AutoReplyDecision, reason: String) {
        guard case .suppress(let text) = decision else {
            Issue.record("expected a suppressed reply, got \(decision)")
            return
        }
        #expect(text.contains(reason), "\(text)")
        #expect(!text.contains("\n") && !text.contains("\r"))
    }
}

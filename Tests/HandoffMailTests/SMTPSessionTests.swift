import HandoffCore
import HandoffCurl
import HandoffMIME
import Testing
@testable import HandoffMail

/// Transcripts as libcurl's debug callback records them (commands redacted the same way).
enum Transcripts {
    static func lines(_ text: String) -> [TranscriptLine] {
        text.split(separator: "\n").map { line in
            let body = String(line.dropFirst(3))
            return line.hasPrefix("C: ") ? .sent(body) : .received(body)
        }
    }

    static let greetingAndEHLO = """
        S: 220 mail.example.test ESMTP Postfix
        C: EHLO va.test
        S: 250-mail.example.test
        S: 250-PIPELINING
        S: 250-SIZE 31457280
        S: 250-STARTTLS
        S: 250 8BITMIME
        C: STARTTLS
        S: 220 2.0.0 Ready to start TLS
        C: EHLO va.test
        S: 250-mail.example.test
        S: 250-SIZE 31457280
        S: 250-AUTH PLAIN LOGIN
        S: 250 SMTPUTF8
        C: AUTH (credentials not recorded)
        S: 334
        C: (not recorded)
        S: 235 2.7.0 Authentication successful
        """

    static let delivered = greetingAndEHLO + """

        C: MAIL FROM:<va@va.test> SIZE=1234
        S: 250 2.1.0 Ok
        C: RCPT TO:<client@acme.test>
        S: 250 2.1.5 Ok
        C: RCPT TO:<bounce@acme.test>
        S: 550 5.1.1 <bounce@acme.test>: Recipient address rejected: no such mailbox
        C: DATA
        S: 354 End data with <CR><LF>.<CR><LF>
        S: 250 2.0.0 Ok: queued as 4XkQ1
        """
}

@Suite("SMTP transcript parser")
struct SMTPSessionTests {
    @Test("A whole delivery: final reply, each recipient, SIZE, AUTH")
    func delivery() {
        let session = SMTPSession.parse(Transcripts.lines(Transcripts.delivered))
        #expect(session.greeting?.code == 220)
        #expect(session.startTLS?.code == 220)
        #expect(session.ehlo?.lines.contains("AUTH PLAIN LOGIN") == true)
        #expect(session.sizeLimit == 31_457_280)
        #expect(session.authMechanisms == ["PLAIN", "LOGIN"])
        #expect(session.auth?.code == 235)
        #expect(session.mailFrom?.code == 250)
        #expect(session.recipients.map(\.address) == ["client@acme.test", "bounce@acme.test"])
        #expect(session.acceptedRecipients == ["client@acme.test"])
        #expect(session.refusedRecipients.first?.reply.code == 550)
        #expect(session.data?.code == 354)
        #expect(session.final?.text == "250 2.0.0 Ok: queued as 4XkQ1")
    }

    @Test("A reused connection starts at MAIL FROM")
    func reused() {
        let session = SMTPSession.parse(Transcripts.lines("""
            C: MAIL FROM:<va@va.test>
            S: 250 2.1.0 Ok
            C: RCPT TO:<client@acme.test>
            S: 250 2.1.5 Ok
            C: DATA
            S: 354 go ahead
            S: 250 2.0.0 Ok: queued as 99
            """))
        #expect(session.greeting == nil)
        #expect(session.ehlo == nil)
        #expect(session.sizeLimit == nil)
        #expect(session.final?.code == 250)
    }

    @Test("SIZE without a number, or 0, is no limit", arguments: ["250 SIZE", "250 SIZE 0"])
    func noSize(line: String) {
        let session = SMTPSession.parse(Transcripts.lines("S: 220 hi\nC: EHLO x\nS: \(line)"))
        #expect(session.ehlo != nil)
        #expect(session.sizeLimit == nil)
    }

    @Test("Credentials never reach the transcript", arguments: [
        ("AUTH PLAIN AHZhQHZhLnRlc3QAdmEtcGFzcw==", "AUTH (credentials not recorded)"),
        ("dmEtcGFzcw==", "(not recorded)"),
        ("A002 LOGIN va@va.test va-pass", "(not recorded)"),
        ("A003 APPEND Sent {123}", "A003 APPEND Sent {123}"),
        ("RCPT TO:<a@b.test>", "RCPT TO:<a@b.test>"),
    ])
    func redaction(line: String, recorded: String) {
        #expect(TranscriptLine.sentRedacted(line) == .sent(recorded))
    }
}

@Suite("SMTP outcome")
struct SMTPOutcomeTests {
    typealias Row = (name: String, transcript: String, failure: CurlFailure.Kind?, uploadEnded: Bool, expected: String)

    static func failure(_ kind: CurlFailure.Kind?) -> CurlFailure? {
        kind.map { CurlFailure(kind: $0, code: 0, message: "curl: \($0)") }
    }

    /// The expected outcome's case name; the text is checked in the tests below.
    static func name(_ outcome: SMTPOutcome) -> String {
        switch outcome {
        case .delivered(_, _, let refused): refused.isEmpty ? "delivered" : "partial"
        case .temporary: "temporary"
        case .permanent: "permanent"
        case .authenticationFailed: "auth"
        case .possiblySent: "possibly"
        case .tlsRefused: "tls"
        }
    }

    static let rows: [Row] = [
        ("partial acceptance", Transcripts.delivered, nil, true, "partial"),
        ("421 at greeting", "S: 421 4.3.2 Service shutting down", .unexpectedReply, false, "temporary"),
        ("554 at greeting", "S: 554 5.3.2 No service", .unexpectedReply, false, "permanent"),
        ("refused connection", "", .couldNotConnect, false, "temporary"),
        ("timeout before the message", Transcripts.greetingAndEHLO + "\nC: MAIL FROM:<a@b>", .timedOut, false, "temporary"),
        ("auth refused", "S: 220 hi\nC: EHLO x\nS: 250 AUTH PLAIN\nC: AUTH (credentials not recorded)\nS: 535 5.7.8 Error: authentication failed", .loginDenied, false, "auth"),
        ("auth refused for now", "S: 220 hi\nC: EHLO x\nS: 250 AUTH PLAIN\nC: AUTH (credentials not recorded)\nS: 454 4.7.0 Temporary authentication failure", .loginDenied, false, "temporary"),
        ("no STARTTLS", "S: 220 hi\nC: EHLO x\nS: 250 PIPELINING", .tlsNotOffered, false, "tls"),
        ("unknown CA", "S: 220 hi\nC: EHLO x\nS: 250 STARTTLS\nC: STARTTLS\nS: 220 go", .certificateRejected, false, "tls"),
        ("every recipient 550", "S: 220 hi\nC: MAIL FROM:<a@b>\nS: 250 ok\nC: RCPT TO:<x@y>\nS: 550 5.1.1 no such mailbox", .sendFailed, false, "permanent"),
        ("a recipient 450, none accepted", "C: MAIL FROM:<a@b>\nS: 250 ok\nC: RCPT TO:<x@y>\nS: 550 no\nC: RCPT TO:<z@y>\nS: 450 4.2.0 greylisted", .sendFailed, false, "temporary"),
        ("MAIL FROM 552", "C: MAIL FROM:<a@b> SIZE=99\nS: 552 5.3.4 Message size exceeds fixed limit", .sendFailed, false, "permanent"),
        ("451 after DATA", "C: MAIL FROM:<a@b>\nS: 250 ok\nC: RCPT TO:<x@y>\nS: 250 ok\nC: DATA\nS: 451 4.3.0 Error: queue file write error", .unexpectedReply, false, "temporary"),
        ("451 after the dot", "C: MAIL FROM:<a@b>\nS: 250 ok\nC: RCPT TO:<x@y>\nS: 250 ok\nC: DATA\nS: 354 go\nS: 451 4.3.0 try later", .unexpectedReply, true, "temporary"),
        ("554 after the dot", "C: MAIL FROM:<a@b>\nS: 250 ok\nC: RCPT TO:<x@y>\nS: 250 ok\nC: DATA\nS: 354 go\nS: 554 5.7.1 spam", .unexpectedReply, true, "permanent"),
        ("cut mid-DATA", "C: MAIL FROM:<a@b>\nS: 250 ok\nC: RCPT TO:<x@y>\nS: 250 ok\nC: DATA\nS: 354 go", .sendFailed, false, "temporary"),
        ("cut before the last bytes were read", "C: DATA\nS: 354 go", .receiveFailed, false, "temporary"),
        ("no reply after the dot", "C: MAIL FROM:<a@b>\nS: 250 ok\nC: RCPT TO:<x@y>\nS: 250 ok\nC: DATA\nS: 354 go", .receiveFailed, true, "possibly"),
        ("timeout after the dot", "C: DATA\nS: 354 go", .timedOut, true, "possibly"),
        ("421 instead of a reply to the dot", "C: DATA\nS: 354 go\nS: 421 4.4.2 timeout", .unexpectedReply, true, "temporary"),
        ("all accepted", "C: MAIL FROM:<a@b>\nS: 250 ok\nC: RCPT TO:<x@y>\nS: 250 ok\nC: DATA\nS: 354 go\nS: 250 2.0.0 Ok: queued as A1", nil, true, "delivered"),
    ]

    @Test("Each fault ends the right way", arguments: rows.indices)
    func classify(index: Int) {
        let row = Self.rows[index]
        let session = SMTPSession.parse(Transcripts.lines(row.transcript))
        let outcome = SMTPOutcome.classify(session, failure: Self.failure(row.failure), uploadReachedEnd: row.uploadEnded)
        #expect(Self.name(outcome) == row.expected, "\(row.name): \(outcome)")
    }

    @Test("A refusal carries the server's own text")
    func serverText() {
        let session = SMTPSession.parse(Transcripts.lines("C: MAIL FROM:<a@b>\nS: 250 ok\nC: RCPT TO:<x@y>\nS: 550 5.1.1 <x@y>: no such mailbox"))
        guard case .permanent(let text) = SMTPOutcome.classify(session, failure: Self.failure(.sendFailed), uploadReachedEnd: false) else {
            Issue.record("not permanent")
            return
        }
        #expect(text.contains("550 5.1.1 <x@y>: no such mailbox"))
    }

    @Test("A partial delivery lists each recipient's answer")
    func partial() {
        let session = SMTPSession.parse(Transcripts.lines(Transcripts.delivered))
        guard case .delivered(let final, let accepted, let refused) = SMTPOutcome.classify(session, failure: nil, uploadReachedEnd: true) else {
            Issue.record("not delivered")
            return
        }
        #expect(final.text == "250 2.0.0 Ok: queued as 4XkQ1")
        #expect(accepted == ["client@acme.test"])
        #expect(refused == [RecipientRefusal(address: "bounce@acme.test", reply: "550 5.1.1 <bounce@acme.test>: Recipient address rejected: no such mailbox")])
    }
}

@Suite("OAuth token responses")
struct OAuthTokenResponseTests {
    @Test("Token responses", arguments: [
        (#"{"access_token":"ya29.x","expires_in":3599,"token_type":"Bearer"}"#, "token 3599"),
        (#"{"access_token":"abc"}"#, "token 3600"),
        (#"{"access_token":"abc","expires_in":"120"}"#, "token 120"),
        (#"{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"#, "refused invalid_grant"),
        ("not json", "unreadable"),
        (#"{"foo":1}"#, "unreadable"),
    ])
    func token(body: String, expected: String) {
        let parsed: String =
            switch OAuthTokenResponse.parse(Array(body.utf8)) {
            case .token(let token): "token \(token.expiresIn)"
            case .refused(let refusal): "refused \(refusal.error)"
            case .unreadable: "unreadable"
            }
        #expect(parsed == expected)
    }

    @Test("A token never shows in a description")
    func tokenHidden() {
        let token = OAuthTokenResponse(accessToken: "ya29.secret", expiresIn: 60)
        #expect(!"\(token)".contains("ya29"))
    }

    @Test("Form bodies are percent-encoded")
    func form() {
        let body = OAuthTokenResponse.formBody([("grant_type", "refresh_token"), ("refresh_token", "1//a+b/c=")])
        #expect(String(decoding: body, as: UTF8.self) == "grant_type=refresh_token&refresh_token=1%2F%2Fa%2Bb%2Fc%3D")
    }
}

import Testing
@testable import HandoffMIME

/// A run of reply lines and the replies they make, for the parser's fixture table.
struct ReplyRun: Sendable, CustomTestStringConvertible {
    let name: String
    let lines: [String]
    let replies: [SMTPReply]

    var testDescription: String { name }
}

@Suite("SMTP replies")
struct SMTPReplyTests {
    @Test("Reply lines", arguments: [
        ("250 2.0.0 Ok", 250, false, "2.0.0 Ok"),
        ("250-SIZE 1000", 250, true, "SIZE 1000"),
        ("334", 334, false, ""),
        ("421 4.3.2 Service shutting down", 421, false, "4.3.2 Service shutting down"),
    ])
    func replyLine(line: String, code: Int, continues: Bool, text: String) throws {
        let parsed = try #require(SMTPReply.parseLine(line))
        #expect(parsed.code == code)
        #expect(parsed.continues == continues)
        #expect(String(parsed.text) == text)
    }

    @Test("Lines that are not replies", arguments: ["", "25", "abc def", "* OK IMAP"])
    func notReplies(line: String) {
        #expect(SMTPReply.parseLine(line) == nil)
    }

    static let runs: [ReplyRun] = [
        ReplyRun(name: "one line", lines: ["250 2.0.0 Ok: queued as 4XkQ1"],
                 replies: [SMTPReply(code: 250, lines: ["2.0.0 Ok: queued as 4XkQ1"])]),
        ReplyRun(name: "an EHLO reply over four lines",
                 lines: ["250-mail.example.test", "250-SIZE 31457280", "250-AUTH PLAIN LOGIN", "250 SMTPUTF8"],
                 replies: [SMTPReply(code: 250, lines: ["mail.example.test", "SIZE 31457280", "AUTH PLAIN LOGIN", "SMTPUTF8"])]),
        ReplyRun(name: "two replies in a row", lines: ["220 ready", "221 bye"],
                 replies: [SMTPReply(code: 220, lines: ["ready"]), SMTPReply(code: 221, lines: ["bye"])]),
        ReplyRun(name: "lines that are no replies are skipped", lines: ["* OK IMAP", "250-a", "", "250 b"],
                 replies: [SMTPReply(code: 250, lines: ["a", "b"])]),
        ReplyRun(name: "a changed code drops the unfinished reply", lines: ["250-a", "421 closing"],
                 replies: [SMTPReply(code: 421, lines: ["closing"])]),
        ReplyRun(name: "an unfinished reply at the end is no reply", lines: ["250-a", "250-b"], replies: []),
        ReplyRun(name: "a bare code", lines: ["334"], replies: [SMTPReply(code: 334, lines: [""])]),
    ]

    @Test("Lines gather into replies", arguments: runs)
    func gather(_ run: ReplyRun) {
        var parser = SMTPReplyParser()
        #expect(run.lines.compactMap { parser.feed($0) } == run.replies)
    }

    @Test("The text is the reply as the server wrote it, empty lines left out", arguments: [
        (SMTPReply(code: 250, lines: ["2.0.0 Ok: queued as 4XkQ1"]), "250 2.0.0 Ok: queued as 4XkQ1"),
        (SMTPReply(code: 334, lines: [""]), "334"),
        (SMTPReply(code: 250, lines: ["first", "", "last"]), "250 first last"),
    ])
    func text(reply: SMTPReply, text: String) {
        #expect(reply.text == text)
    }

    @Test("Classes of codes", arguments: [(250, "positive"), (354, "positive"), (421, "transient"), (550, "permanent"), (199, "none")])
    func classes(code: Int, kind: String) {
        let reply = SMTPReply(code: code, lines: [])
        #expect(reply.isPositive == (kind == "positive"))
        #expect(reply.isTransient == (kind == "transient"))
        #expect(reply.isPermanent == (kind == "permanent"))
    }
}

import Testing
@testable import HandoffMIME

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

import Foundation
import HandoffCore
import Testing
@testable import HandoffMIME

/// The response reader, fixture by fixture: each input is also fed cut in two at every
/// position, and must give the same events however the bytes arrive.
@Suite("IMAP response reader")
struct IMAPResponseReaderTests {
    struct Fixture: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var events: [IMAPResponseEvent]
        var testDescription: String { name }
    }

    static let body = "From: a@b\r\n\r\nhi\r\n"

    static let fixtures: [Fixture] = [
        Fixture(name: "tagged OK with a code", input: "h1 OK [READ-WRITE] SELECT completed\r\n", events: [
            .response(.tagged(tag: "h1", status: .ok, code: IMAPResponseCode(name: "READ-WRITE"), text: "SELECT completed")),
        ]),
        Fixture(name: "tagged NO and BAD", input: "h2 NO [TRYCREATE] Mailbox doesn't exist: Foo\r\nh3 bad Error in IMAP command\r\n", events: [
            .response(.tagged(tag: "h2", status: .no, code: IMAPResponseCode(name: "TRYCREATE"), text: "Mailbox doesn't exist: Foo")),
            .response(.tagged(tag: "h3", status: .bad, code: nil, text: "Error in IMAP command")),
        ]),
        Fixture(name: "SELECT's untagged responses", input: "* FLAGS (\\Answered \\Seen)\r\n* 12 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1764672000] UIDs valid\r\n* OK [UIDNEXT 13] Predicted next UID\r\n", events: [
            .response(.flags(["\\Answered", "\\Seen"])),
            .response(.exists(12)),
            .response(.recent(0)),
            .response(.status(.ok, code: IMAPResponseCode(name: "UIDVALIDITY", arguments: "1764672000"), text: "UIDs valid")),
            .response(.status(.ok, code: IMAPResponseCode(name: "UIDNEXT", arguments: "13"), text: "Predicted next UID")),
        ]),
        Fixture(name: "CAPABILITY, as a response and as a code", input: "* CAPABILITY IMAP4rev1 idle MOVE\r\n* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n", events: [
            .response(.capability(["IMAP4REV1", "IDLE", "MOVE"])),
            .response(.status(.ok, code: IMAPResponseCode(name: "CAPABILITY", arguments: "IMAP4rev1 IDLE"), text: "ready")),
        ]),
        Fixture(name: "SEARCH, empty and not", input: "* SEARCH\r\n* SEARCH 4 9 4294967295\r\n", events: [
            .response(.search([])), .response(.search([4, 9, 4_294_967_295])),
        ]),
        Fixture(name: "EXPUNGE, continuation, BYE, unknown", input: "* 3 EXPUNGE\r\n+ idling\r\n* BYE Logging out\r\n* ID NIL\r\n", events: [
            .response(.expunge(3)), .response(.continuation("idling")),
            .response(.status(.bye, code: nil, text: "Logging out")), .response(.other("* ID NIL")),
        ]),
        Fixture(name: "FETCH of sizes and flags", input: "* 1 FETCH (UID 7 RFC822.SIZE 2048 FLAGS (\\Seen $Forwarded) INTERNALDATE \"02-Dec-2026 10:00:00 +0000\")\r\n", events: [
            .response(.fetch(IMAPFetch(sequence: 1, uid: 7, size: 2048, flags: ["\\Seen", "$Forwarded"], internalDate: "02-Dec-2026 10:00:00 +0000"))),
        ]),
        Fixture(name: "FETCH with a body streamed", input: "* 2 FETCH (UID 8 RFC822.SIZE 17 BODY[] {17}\r\n\(body))\r\nh4 OK Fetch completed.\r\n", events: [
            .literalStart(IMAPLiteralStart(sequence: 2, uid: 8, size: 17, section: "BODY[]", length: 17)),
            .literalData(Array(body.utf8)), .literalEnd,
            .response(.fetch(IMAPFetch(sequence: 2, uid: 8, size: 17, streamedSections: ["BODY[]"]))),
            .response(.tagged(tag: "h4", status: .ok, code: nil, text: "Fetch completed.")),
        ]),
        Fixture(name: "FETCH with the UID after the body, and a header section", input: "* 3 FETCH (BODY[HEADER] {4}\r\nA\r\n\r UID 9)\r\n", events: [
            .literalStart(IMAPLiteralStart(sequence: 3, section: "BODY[HEADER]", length: 4)),
            .literalData(Array("A\r\n\r".utf8)), .literalEnd,
            .response(.fetch(IMAPFetch(sequence: 3, uid: 9, streamedSections: ["BODY[HEADER]"]))),
        ]),
        Fixture(name: "an empty body", input: "* 4 FETCH (UID 10 BODY[] {0}\r\n)\r\n", events: [
            .literalStart(IMAPLiteralStart(sequence: 4, uid: 10, section: "BODY[]", length: 0)), .literalEnd,
            .response(.fetch(IMAPFetch(sequence: 4, uid: 10, streamedSections: ["BODY[]"]))),
        ]),
        Fixture(name: "a literal that is not a body stays in its line", input: "* LIST () \"/\" {5}\r\nIN\"BX\r\n", events: [
            .response(.other("* LIST () \"/\" {5}")),
        ]),
        Fixture(name: "a quoted string with escapes, NIL and a bare LF", input: "* 5 FETCH (UID 11 INTERNALDATE \"a \\\"b\\\\c\" FLAGS NIL)\n", events: [
            .response(.fetch(IMAPFetch(sequence: 5, uid: 11, flags: [], internalDate: "a \"b\\c"))),
        ]),
        Fixture(name: "a section with spaces and parentheses, partial", input: "* 6 FETCH (UID 12 BODY[HEADER.FIELDS (FROM TO)]<0> {2}\r\nab)\r\n", events: [
            .literalStart(IMAPLiteralStart(sequence: 6, uid: 12, section: "BODY[HEADER.FIELDS (FROM TO)]<0>", length: 2)),
            .literalData(Array("ab".utf8)), .literalEnd,
            .response(.fetch(IMAPFetch(sequence: 6, uid: 12, streamedSections: ["BODY[HEADER.FIELDS (FROM TO)]<0>"]))),
        ]),
    ]

    @Test("fixtures, whole and cut in two at every position", arguments: fixtures)
    func fixture(_ fixture: Fixture) throws {
        let bytes = Array(fixture.input.utf8)
        for cut in 0...bytes.count {
            var reader = IMAPResponseReader()
            let events = try reader.feed(bytes[..<cut]) + reader.feed(bytes[cut...])
            #expect(MIMEFuzz.joinLiteralData(events) == fixture.events, "cut at \(cut)")
            #expect(reader.isBetweenResponses, "cut at \(cut)")
        }
    }

    @Test("one byte at a time gives the same events")
    func byteByByte() throws {
        for fixture in Self.fixtures {
            #expect(MIMEFuzz.readIMAPResponses(Array(fixture.input.utf8), chunkSize: 1).events == fixture.events, "\(fixture.name)")
        }
    }

    @Test("refused: a binary literal, a line too long, lists nested too deep, a reply without a status", arguments: [
        ("* 1 FETCH (UID 1 BINARY[] ~{3}\r\nabc)\r\n", "binary literal"),
        ("* 1 FETCH (UID 1 FLAGS " + String(repeating: "(", count: 100) + ")\r\n", "nested deeper"),
        ("h1 MAYBE later\r\n", "no OK, NO or BAD"),
        ("* LIST () \"/\" {99999}\r\n", "does not fit"),
        ("* 1 FETCH (UID \"unclosed)\r\n", "not closed"),
    ])
    func refused(input: String, reason: String) {
        var reader = IMAPResponseReader(maxLineBytes: 4096)
        #expect {
            _ = try reader.feed(Array(input.utf8))
        } throws: { error in
            (error as? HandoffError)?.message.contains(reason) == true
        }
    }

    @Test("a line with no end is refused once past the limit, not held without bound")
    func endlessLine() throws {
        var reader = IMAPResponseReader(maxLineBytes: 1 << 20)
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 64 << 10)
        var fed = 0
        var refused = false
        while fed <= 2 << 20 {
            do {
                _ = try reader.feed(chunk)
                fed += chunk.count
            } catch {
                refused = true
                break
            }
        }
        #expect(refused)
        #expect(fed <= 1 << 20)
    }

    @Test("a body larger than the line limit streams through")
    func largeBody() throws {
        var reader = IMAPResponseReader(maxLineBytes: 1024)
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 100_000)
        let input = Array("* 1 FETCH (UID 3 BODY[] {100000}\r\n".utf8) + body + Array(")\r\n".utf8)
        var events: [IMAPResponseEvent] = []
        for start in stride(from: 0, to: input.count, by: 4096) {
            events += try reader.feed(input[start..<min(input.count, start + 4096)])
        }
        #expect(MIMEFuzz.joinLiteralData(events).count == 4)
        #expect(MIMEFuzz.joinLiteralData(events)[1] == .literalData(body))
    }
}

@Suite("IMAP command text")
struct IMAPCommandTextTests {
    @Test("sequence sets fold runs", arguments: [
        ([UInt32](), ""), ([5], "5"), ([1, 2, 3, 7], "1:3,7"), ([9, 3, 2, 2, 10], "2:3,9:10"), ([4_294_967_295, 1], "1,4294967295"),
    ])
    func sequenceSet(uids: [UInt32], expected: String) {
        #expect(IMAPCommandText.sequenceSet(uids) == expected)
    }

    @Test("SEARCH dates are the UTC day", arguments: [
        (0.0, "1-Jan-1970"), (1_796_212_800.0, "2-Dec-2026"), (1_796_255_999.0, "2-Dec-2026"),
    ])
    func searchDate(seconds: Double, expected: String) {
        #expect(IMAPCommandText.searchDate(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test("mailbox names: modified UTF-7, quoted; line breaks refused", arguments: [
        ("INBOX", #""INBOX""#), ("Sent Items", #""Sent Items""#), ("R&D", #""R&-D""#),
        ("Erledigt/Geprüft", #""Erledigt/Gepr&APw-ft""#), ("台北", #""&U,BTFw-""#), (#"a"b"#, #""a\"b""#),
    ])
    func mailbox(name: String, expected: String) {
        #expect(IMAPString.mailbox(name) == expected)
    }

    @Test("a mailbox name with a line break is refused")
    func mailboxLineBreak() {
        #expect(IMAPString.mailbox("INBOX\r\nh9 DELETE INBOX") == nil)
    }
}

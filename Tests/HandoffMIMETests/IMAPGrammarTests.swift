import Testing
@testable import HandoffMIME

@Suite("IMAP search results and quoted strings")
struct IMAPGrammarTests {
    @Test("UIDs from SEARCH lines", arguments: [
        (["* SEARCH 4 9", "A004 OK done"], [4, 9]),
        (["* SEARCH", "A004 OK done"], []),
        (["* 3 EXISTS", "* search 12"], [12]),
    ])
    func search(lines: [String], uids: [Int]) {
        #expect(IMAPSearchResult.uids(in: lines) == uids)
    }

    @Test("Quoted strings escape backslash and double quote", arguments: [
        ("Sent", #""Sent""#),
        ("Sent Items", #""Sent Items""#),
        (#"a"b"#, #""a\"b""#),
        (#"a\b"#, #""a\\b""#),
        ("<H-1.X@va.example>", #""<H-1.X@va.example>""#),
    ])
    func quoted(text: String, expected: String) {
        #expect(IMAPString.quoted(text) == expected)
    }
}

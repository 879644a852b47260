import HandoffCore
import Testing

@Suite("Text shown on a terminal")
struct TerminalTextTests {
    @Test("control characters and bidirectional overrides are escaped; letters are not", arguments: [
        ("plain Grüße ✓", "plain Grüße ✓"),
        ("a\u{1B}[2Jb", "a\\u{1B}[2Jb"),
        ("bell\u{07}\ttab\r", "bell\\u{7}\\u{9}tab\\u{D}"),
        ("c1\u{9B}31m", "c1\\u{9B}31m"),
        ("evil\u{202E}txt.exe", "evil\\u{202E}txt.exe"),
        ("two\nlines", "two\\u{A}lines"),
    ])
    func escaped(_ raw: String, _ shown: String) {
        #expect(TerminalText.escaped(raw) == shown)
    }

    @Test("a whole table keeps its line breaks")
    func table() {
        #expect(TerminalText.escaped("row 1\u{1B}\nrow 2\n", keepingNewlines: true) == "row 1\\u{1B}\nrow 2\n")
    }
}

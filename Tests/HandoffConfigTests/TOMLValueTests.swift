import HandoffConfig
import Testing

/// One TOML document and what it must parse to.
struct TOMLFixture: Sendable, CustomTestStringConvertible {
    let name: String
    let source: String
    let expected: String

    init(_ name: String, _ source: String, _ expected: String) {
        self.name = name
        self.source = source
        self.expected = expected
    }

    var testDescription: String { name }
}

@Suite("TOML values")
struct TOMLValueTests {
    static let scalars: [TOMLFixture] = [
        .init("basic string", #"s = "hello""#, #"{s = "hello"}"#),
        .init("all short escapes", #"s = "\b\t\n\f\r\"\\""#, #"{s = "\b\t\n\f\r\"\\"}"#),
        .init("unicode escapes", #"s = "caf\u00E9 \U0001F600""#, #"{s = "café 😀"}"#),
        .init("literal string keeps backslashes", #"s = 'C:\Users\pat\n'"#, #"{s = "C:\\Users\\pat\\n"}"#),
        .init("multi-line basic drops first newline", "s = \"\"\"\nline one\nline two\"\"\"", #"{s = "line one\nline two"}"#),
        .init("line-ending backslash joins lines", "s = \"\"\"\nThe quick \\\n\n    brown fox.\"\"\"", #"{s = "The quick brown fox."}"#),
        .init("quotes inside multi-line basic", #"s = """a""b""""""#, #"{s = "a\"\"b\"\""}"#),
        .init("CRLF in multi-line becomes LF", "s = \"\"\"\r\none\r\ntwo\"\"\"\r\n", #"{s = "one\ntwo"}"#),
        .init("multi-line literal", "s = '''\nraw \\n text\n'''", #"{s = "raw \\n text\n"}"#),
        .init("multi-line literal with quotes", "s = '''it's ''quoted'''''", #"{s = "it's ''quoted''"}"#),
        .init("tab allowed in strings", "s = \"a\tb\"", #"{s = "a\tb"}"#),
        .init("decimal integers", "a = +99\nb = -17\nc = 0\nd = 1_000\ne = -0", "{a = 99, b = -17, c = 0, d = 1000, e = 0}"),
        .init("integer limits", "a = 9223372036854775807\nb = -9223372036854775808", "{a = 9223372036854775807, b = -9223372036854775808}"),
        .init("hex, octal, binary", "a = 0xDEAD_beef\nb = 0o755\nc = 0b1101\nd = 0x00ff", "{a = 3735928559, b = 493, c = 13, d = 255}"),
        .init(
            "floats", "a = 3.1415\nb = -0.01\nc = 5e+22\nd = 1e06\ne = -2E-2\nf = 224_617.445_991\ng = 0.0",
            "{a = 3.1415, b = -0.01, c = 5e+22, d = 1000000.0, e = -0.02, f = 224617.445991, g = 0.0}"),
        .init("inf and nan", "a = inf\nb = -inf\nc = +inf\nd = nan\ne = -nan", "{a = inf, b = -inf, c = inf, d = nan, e = nan}"),
        .init("booleans", "t = true\nf = false", "{t = true, f = false}"),
        .init(
            "offset date-times", "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00-07:00\nc = 1979-05-27 00:32:00.999999+05:30\nd = 1979-05-27t07:32:00z",
            "{a = 1979-05-27T07:32:00Z, b = 1979-05-27T00:32:00-07:00, c = 1979-05-27T00:32:00.999999+05:30, d = 1979-05-27T07:32:00Z}"),
        .init(
            "local date-time, date, time", "a = 1979-05-27T07:32:00\nb = 1979-05-27\nc = 00:32:00.5\nd = 2024-02-29",
            "{a = 1979-05-27T07:32:00, b = 1979-05-27, c = 00:32:00.5, d = 2024-02-29}"),
        .init("fraction past nanoseconds is truncated", "a = 07:32:00.1234567891", "{a = 07:32:00.123456789}"),
    ]

    static let structure: [TOMLFixture] = [
        .init("arrays", #"a = [1, 2, 3]"# + "\nb = [\"x\", 'y']\nc = []", #"{a = [1, 2, 3], b = ["x", "y"], c = []}"#),
        .init("mixed and nested arrays", #"a = [1, "two", 3.0, [4, [5]], {x = 6}]"#, #"{a = [1, "two", 3.0, [4, [5]], {x = 6}]}"#),
        .init("multi-line array with comments and trailing comma", "a = [\n  1, # one\n  # nothing here\n  2,\n]", "{a = [1, 2]}"),
        .init("inline tables", #"p = { x = 1, y.z = "a", w = {} }"#, #"{p = {x = 1, y = {z = "a"}, w = {}}}"#),
        .init("dotted keys", "a.b.c = 1\na.b.d = 2\na . e = 3", "{a = {b = {c = 1, d = 2}, e = 3}}"),
        .init("quoted keys", #""key with spaces" = 1"# + "\n'lit.eral' = 2\n\"\" = 3\nsite.\"pat.example\" = true",
              #"{"key with spaces" = 1, "lit.eral" = 2, "" = 3, site = {"pat.example" = true}}"#),
        .init("keys that look like numbers", "1234 = 1\n3.14 = 2", "{1234 = 1, 3 = {14 = 2}}"),
        .init("tables keep order", "[b]\nx = 1\n[a.c]\ny = 2\n[a]\nz = 3", "{b = {x = 1}, a = {c = {y = 2}, z = 3}}"),
        .init("header with spaces and quoted parts", "[ a . \"b c\" . 'd' ]\nx = 1", #"{a = {"b c" = {d = {x = 1}}}}"#),
        .init("array of tables", "[[p]]\nn = 1\n[[p]]\n[[p]]\nn = 3", "{p = [{n = 1}, {}, {n = 3}]}"),
        .init(
            "nested arrays of tables", "[[f]]\nname = \"a\"\n[f.physical]\ncolor = \"red\"\n[[f.v]]\nn = 1\n[[f.v]]\nn = 2\n[[f]]\nname = \"b\"",
            #"{f = [{name = "a", physical = {color = "red"}, v = [{n = 1}, {n = 2}]}, {name = "b"}]}"#),
        .init("sub-table of a dotted table", "[fruit]\napple.color = \"red\"\n[fruit.apple.texture]\nsmooth = true",
              #"{fruit = {apple = {color = "red", texture = {smooth = true}}}}"#),
        .init("implicit parent defined later", "[x.y]\n[x]\nz = 1", "{x = {y = {}, z = 1}}"),
        .init("comments, blank lines, CRLF", "# top\r\n\r\na = 1 # after\r\n[t] # header\r\nb = 2\r\n", "{a = 1, t = {b = 2}}"),
        .init("byte-order mark is skipped", "\u{FEFF}a = 1", "{a = 1}"),
        .init("empty document", "\n# nothing\n", "{}"),
    ]

    @Test("scalar values", arguments: scalars)
    func scalarValues(_ fixture: TOMLFixture) throws {
        let table = try TOMLParser.parse(fixture.source, path: "t.toml")
        #expect(TOMLRendering.render(table) == fixture.expected)
    }

    @Test("tables, arrays and keys", arguments: structure)
    func structureValues(_ fixture: TOMLFixture) throws {
        let table = try TOMLParser.parse(fixture.source, path: "t.toml")
        #expect(TOMLRendering.render(table) == fixture.expected)
    }

    @Test(
        "TOMLText.quoted writes strings and keys that parse back unchanged",
        arguments: ["plain", "", "quote \" and \\ backslash", "line\nbreak\ttab\r", "bell \u{7} del \u{7F} nul \u{0}", "café 😀", "a.b = c"])
    func quotedRoundTrip(text: String) throws {
        let table = try TOMLParser.parse("\(TOMLText.key(text)) = \(TOMLText.quoted(text))", path: "t.toml")
        #expect(table.keys == [text])
        #expect(table[text]?.stringValue == text)
    }

    @Test("every key and value keeps its line and column")
    func positions() throws {
        let source = """
            # comment
            [gateway]
              sender = "Pat <pat@va.example>"
            list = [
                1,
                  2 ]
            [[jobs]]
            name.first = 'x'
            """
        let table = try TOMLParser.parse(source, path: "t.toml")
        let gateway = try #require(table.entry("gateway"))
        #expect(gateway.keyPosition == SourcePosition(line: 2, column: 2))
        #expect(gateway.value.position == SourcePosition(line: 2, column: 1))
        let sender = try #require(gateway.value.tableValue?.entry("sender"))
        #expect(sender.keyPosition == SourcePosition(line: 3, column: 3))
        #expect(sender.value.position == SourcePosition(line: 3, column: 12))
        let list = try #require(gateway.value.tableValue?["list"]?.arrayValue)
        #expect(list.map(\.position) == [SourcePosition(line: 5, column: 5), SourcePosition(line: 6, column: 7)])
        let job = try #require(table["jobs"]?.arrayValue?.first)
        #expect(job.position == SourcePosition(line: 7, column: 1))
        let first = try #require(job.tableValue?["name"]?.tableValue?.entry("first"))
        #expect(first.keyPosition == SourcePosition(line: 8, column: 6))
        #expect(first.value.position == SourcePosition(line: 8, column: 14))
    }

    @Test("date-time components are kept")
    func dateTimeComponents() throws {
        let table = try TOMLParser.parse("a = 1979-05-27T00:32:00.25-07:30", path: "t.toml")
        guard case .datetime(let value)? = table["a"]?.kind else {
            Issue.record("expected a date-time")
            return
        }
        #expect(value.form == .offsetDateTime)
        #expect(value.date == .init(year: 1979, month: 5, day: 27))
        #expect(value.time == .init(hour: 0, minute: 32, second: 0, nanosecond: 250_000_000))
        #expect(value.offsetMinutes == -450)
    }
}

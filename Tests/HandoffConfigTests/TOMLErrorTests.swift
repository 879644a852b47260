import HandoffConfig
import HandoffCore
import Testing

/// A TOML document that must be refused, and the exact message (with line:column).
struct TOMLErrorFixture: Sendable, CustomTestStringConvertible {
    let source: String
    let message: String

    init(_ source: String, _ message: String) {
        self.source = source
        self.message = message
    }

    var testDescription: String { source.debugDescription }
}

@Suite("TOML errors")
struct TOMLErrorTests {
    static let syntax: [TOMLErrorFixture] = [
        .init("sender \"x\"", "t.toml:1:8: expected '=' after key 'sender', found '\"'"),
        // Hostile depth: the parser recurses into arrays and inline tables, so without a bound
        // these overflowed the stack and crashed (exit 139) instead of naming the line.
        .init("a = " + String(repeating: "[", count: 100_000), "t.toml:1:69: arrays and inline tables are nested more than 64 deep here; a configuration never needs that"),
        .init("a = " + String(repeating: "{x = ", count: 100_000), "t.toml:1:325: arrays and inline tables are nested more than 64 deep here; a configuration never needs that"),
        .init("[" + String(repeating: "a.", count: 100_000) + "b]", "t.toml:1:131: this key has more than 64 dotted parts; a configuration never needs that"),
        .init("a = 1 b", "t.toml:1:7: expected a new line after the value of 'a', found 'b'"),
        .init("a =", "t.toml:1:4: expected a value, found the end of the file"),
        .init("a =\nb = 1", "t.toml:1:4: expected a value, found the end of the line"),
        .init("password = hunter2", "t.toml:1:12: expected a value, found a bare word; text values need quotes, like \"…\""),
        .init("= 1", "t.toml:1:1: expected a key (letters, digits, '_', '-', or a quoted name), found '='"),
        .init("a.= 1", "t.toml:1:3: expected a key (letters, digits, '_', '-', or a quoted name), found '='"),
        .init("[a", "t.toml:1:3: expected ']' to close the table header [a], found the end of the file"),
        .init("[[a]\n", "t.toml:1:4: expected ']]' to close the table header [[a]], found ']'"),
        .init("[a\nb = 1", "t.toml:1:3: expected ']' to close the table header [a], found the end of the line"),
        .init("[a] x = 1", "t.toml:1:5: expected a new line after the table header, found 'x'"),
        .init("a = 1\rb = 2", "t.toml:1:6: a carriage return must be followed by a line feed"),
        .init("# bad \u{1} comment", "t.toml:1:7: control character U+0001 is not allowed in a comment"),
        .init("a = \"abc", "t.toml:1:5: this string is not closed: expected '\"'"),
        .init("a = \"abc\nb = 1", "t.toml:1:9: this string is not closed on its line: expected '\"' (use \"\"\" for text over several lines)"),
        .init("a = 'abc\n", "t.toml:1:9: this string is not closed on its line: expected ''' (use ''' for text over several lines)"),
        .init("a = \"\"\"abc", "t.toml:1:5: this string is not closed: expected \"\"\""),
        .init("a = '''abc''''''", "t.toml:1:16: too many quotes in a row: a multi-line string ends with three and may hold at most two more before them"),
        .init(#"a = "\q""#, #"t.toml:1:6: invalid escape sequence '\q'; write '\\' for a backslash"#),
        .init(#"a = "\u00G1""#, #"t.toml:1:10: expected 4 hexadecimal digits after '\u', found 'G'"#),
        .init(#"a = "\uD800""#, "t.toml:1:6: the escape at this place names no Unicode character (surrogates and values past 10FFFF are not allowed)"),
        .init("a = \"\"\"x \\ y\"\"\"", #"t.toml:1:10: a backslash followed by spaces must end the line; write '\\' for a backslash"#),
        .init("a = \"tab\u{7F}\"", #"t.toml:1:9: control character U+007F is not allowed in a string; write it as an escape (\u007F)"#),
        .init("\"\"\"k\"\"\" = 1", "t.toml:1:1: a multi-line string can't be used as a key"),
    ]

    static let numbersAndDates: [TOMLErrorFixture] = [
        .init("a = 01", "t.toml:1:5: invalid number: leading zeros are not allowed in this integer"),
        .init("a = 1__0", "t.toml:1:5: invalid number: an underscore in a number must stand between two digits"),
        .init("a = 1_", "t.toml:1:5: invalid number: an underscore in a number must stand between two digits"),
        .init("a = 0x_1", "t.toml:1:5: invalid number: an underscore in a number must stand between two digits"),
        .init("a = -0x1", "t.toml:1:5: invalid number: a hexadecimal, octal or binary integer can't have a sign"),
        .init("a = 0o8", "t.toml:1:5: invalid number: '8' is not allowed in this octal integer"),
        .init("a = 9223372036854775808", "t.toml:1:5: invalid number: this integer does not fit in 64 bits (-9223372036854775808 to 9223372036854775807)"),
        .init("a = 0x8000000000000000", "t.toml:1:5: invalid number: this hexadecimal integer does not fit in 64 bits (at most 0x7FFFFFFFFFFFFFFF)"),
        .init("a = 1.", "t.toml:1:5: invalid number: a float needs a digit after the decimal point"),
        .init("a = 3.e+20", "t.toml:1:5: invalid number: a float needs a digit after the decimal point"),
        .init("a = +.5", "t.toml:1:5: invalid number: a float needs a digit before the decimal point"),
        .init("a = .5", "t.toml:1:5: expected a value (a quoted string, a number, true or false, a date, an array or an inline table), found '.'"),
        .init("a = 1e", "t.toml:1:5: invalid number: a float's exponent needs digits after the 'e'"),
        .init("a = 03.14", "t.toml:1:5: invalid number: leading zeros are not allowed in this float"),
        .init("a = 1979-13-01", "t.toml:1:5: invalid date: there is no month 13"),
        .init("a = 2023-02-29", "t.toml:1:5: invalid date: month 2 of 2023 has no day 29"),
        .init("a = 1979-05-2", "t.toml:1:14: expected a digit in the date, found the end of the file"),
        .init("a = 07:32", "t.toml:1:10: expected ':' and seconds in the time (TOML 1.0 times are HH:MM:SS), found the end of the file"),
        .init("a = 24:00:00", "t.toml:1:5: invalid time: hours go to 23, minutes to 59, seconds to 60"),
        .init("a = 1979-05-27T07:32:00+25:00", "t.toml:1:24: invalid time offset: hours go to 23, minutes to 59"),
        .init("a = 1979-05-27T07:32:00.Z", "t.toml:1:25: expected digits after the '.' in the time, found 'Z'"),
    ]

    static let collections: [TOMLErrorFixture] = [
        .init("a = [1 2]", "t.toml:1:8: expected ',' or ']' in the array, found '2'"),
        .init("a = [1,\n2,", "t.toml:1:5: this array is not closed: expected ']'"),
        .init("a = [,]", "t.toml:1:6: expected a value (a quoted string, a number, true or false, a date, an array or an inline table), found ','"),
        .init("a = {x = 1,}", "t.toml:1:12: a trailing comma is not allowed in an inline table (TOML 1.0)"),
        .init("a = {x = 1\n}", "t.toml:1:11: an inline table must be on one line (TOML 1.0); use a [table] section for a longer one"),
        .init("a = {x = 1 y = 2}", "t.toml:1:12: expected ',' or '}' in the inline table, found 'y'"),
        .init("a = {x = 1, x = 2}", "t.toml:1:13: duplicate key 'a.x' (first defined at line 1)"),
    ]

    static let redefinitions: [TOMLErrorFixture] = [
        .init("a = 1\na = 2", "t.toml:2:1: duplicate key 'a' (first defined at line 1)"),
        .init("a = 1\n\"a\" = 2", "t.toml:2:1: duplicate key 'a' (first defined at line 1)"),
        .init("[t]\nb.c = 1\nb.c = 2", "t.toml:3:3: duplicate key 't.b.c' (first defined at line 2)"),
        .init("[a]\n[a]", "t.toml:2:2: table [a] is defined twice (first at line 1)"),
        .init("[a.b]\n[a]\n[a.b]", "t.toml:3:4: table [a.b] is defined twice (first at line 1)"),
        .init("[a]\nb.c = 1\n[a.b]", "t.toml:3:4: table [a.b] was already created with dotted keys at line 2; add its keys there instead"),
        .init("[a.b.c]\nz = 9\n[a]\nb.c.t = 1", "t.toml:4:3: table 'a.b.c' is defined by the header [a.b.c] at line 1; dotted keys can't add to it from here"),
        .init("[x]\na.b = 1\n[x.a.c]\n[y]\n[x]", "t.toml:5:2: table [x] is defined twice (first at line 1)"),
        .init("a = 1\n[a]", "t.toml:2:2: 'a' already has a value (line 1), so it can't also be a table"),
        .init("a = 1\na.b = 2", "t.toml:2:1: 'a' already has a value (line 1), so it can't also be a table"),
        .init("a = {x = 1}\na.y = 2", "t.toml:2:1: 'a' is an inline table (line 1) and can't be extended"),
        .init("a = {x = 1}\n[a.b]", "t.toml:2:2: 'a' is an inline table (line 1) and can't be extended"),
        .init("a = [1]\n[[a]]", "t.toml:2:3: 'a' is an array written with [ ] at line 1; [[a]] can't add to it"),
        .init("[[a]]\n[a]", "t.toml:2:2: [a] is an array of tables (line 1); add an element with [[a]]"),
        .init("[a]\n[[a]]", "t.toml:2:3: [[a]] can't add to 'a', which is already a table (line 1)"),
        .init("[a.b.c]\n[a]\nb.d = 1\n[a.b]", "t.toml:4:4: table [a.b] was already created with dotted keys at line 3; add its keys there instead"),
        .init("[[a]]\nb = 1\n[a.b.c]", "t.toml:3:4: 'a.b' already has a value (line 2), so it can't also be a table"),
    ]

    @Test("syntax errors", arguments: syntax)
    func syntaxErrors(_ fixture: TOMLErrorFixture) {
        expectError(fixture)
    }

    @Test("number and date errors", arguments: numbersAndDates)
    func numberAndDateErrors(_ fixture: TOMLErrorFixture) {
        expectError(fixture)
    }

    @Test("array and inline-table errors", arguments: collections)
    func collectionErrors(_ fixture: TOMLErrorFixture) {
        expectError(fixture)
    }

    @Test("duplicate keys and table redefinitions", arguments: redefinitions)
    func redefinitionErrors(_ fixture: TOMLErrorFixture) {
        expectError(fixture)
    }

    @Test("parse errors never quote more than one character of a value")
    func noValueEcho() {
        let sources = ["password = hunter2secret", "password = 0hunter2secret", "password = \"hunter2secret", "password = 'hunter2secret"]
        for source in sources {
            let error = #expect(throws: HandoffError.self) { try TOMLParser.parse(source, path: "t.toml") }
            #expect(error?.message.contains("hunter2") == false, "\(error?.message ?? "")")
        }
    }

    private func expectError(_ fixture: TOMLErrorFixture, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: HandoffError.self, sourceLocation: sourceLocation) {
            try TOMLParser.parse(fixture.source, path: "t.toml")
        }
        #expect(error?.kind == .config, sourceLocation: sourceLocation)
        #expect(error?.exitCode == 78, sourceLocation: sourceLocation)
        #expect(error?.message == fixture.message, sourceLocation: sourceLocation)
    }
}

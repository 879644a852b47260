import HandoffCore

/// The four string forms. Multi-line strings drop a newline right after the opening
/// quotes and store every line break as LF, whatever the file uses.
extension DocumentParser {
    mutating func parseBasicString(multiline: Bool) throws(HandoffError) -> String {
        let start = cursor.index
        cursor.advance(multiline ? 3 : 1)
        if multiline { _ = try cursor.consumeNewline() }
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = cursor.peek() else {
                throw cursor.error("this string is not closed: expected \(multiline ? "\"\"\"" : "'\"'")", at: start)
            }
            switch scalar {
            case "\"":
                if try closeQuotes("\"", multiline: multiline, into: &text) { return String(text) }
            case "\\":
                try parseEscape(into: &text, multiline: multiline)
            case "\n", "\r":
                try appendLineBreak(into: &text, multiline: multiline, quote: "\"")
            default:
                try appendPlain(scalar, into: &text)
            }
        }
    }

    mutating func parseLiteralString(multiline: Bool) throws(HandoffError) -> String {
        let start = cursor.index
        cursor.advance(multiline ? 3 : 1)
        if multiline { _ = try cursor.consumeNewline() }
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = cursor.peek() else {
                throw cursor.error("this string is not closed: expected \(multiline ? "'''" : "\"'\"")", at: start)
            }
            switch scalar {
            case "'":
                if try closeQuotes("'", multiline: multiline, into: &text) { return String(text) }
            case "\n", "\r":
                try appendLineBreak(into: &text, multiline: multiline, quote: "'")
            default:
                try appendPlain(scalar, into: &text)
            }
        }
    }

    /// At a quote: returns true when it closes the string. In a multi-line string up to two
    /// quotes may stand right before the closing three (`""""` ends with one `"` of text).
    private mutating func closeQuotes(
        _ quote: Unicode.Scalar, multiline: Bool, into text: inout String.UnicodeScalarView
    ) throws(HandoffError) -> Bool {
        guard multiline else {
            cursor.advance()
            return true
        }
        var count = 0
        while cursor.peek(count) == quote { count += 1 }
        if count < 3 {
            for _ in 0..<count { text.append(quote) }
            cursor.advance(count)
            return false
        }
        guard count <= 5 else {
            throw cursor.error("too many quotes in a row: a multi-line string ends with three and may hold at most two more before them", at: cursor.index + 5)
        }
        for _ in 0..<(count - 3) { text.append(quote) }
        cursor.advance(count)
        return true
    }

    private mutating func appendLineBreak(
        into text: inout String.UnicodeScalarView, multiline: Bool, quote: Character
    ) throws(HandoffError) {
        guard multiline else {
            throw cursor.error("this string is not closed on its line: expected '\(quote)' (use \(String(repeating: quote, count: 3)) for text over several lines)")
        }
        _ = try cursor.consumeNewline()
        text.append("\n")
    }

    private mutating func appendPlain(_ scalar: Unicode.Scalar, into text: inout String.UnicodeScalarView) throws(HandoffError) {
        if TOMLCursor.isForbiddenControl(scalar) {
            let code = TOMLCursor.codePoint(scalar)
            throw cursor.error("control character \(code) is not allowed in a string; write it as an escape (\\u\(code.dropFirst(2)))")
        }
        text.append(scalar)
        cursor.advance()
    }

    private mutating func parseEscape(into text: inout String.UnicodeScalarView, multiline: Bool) throws(HandoffError) {
        let start = cursor.index
        cursor.advance()
        guard let scalar = cursor.peek() else { throw cursor.error("this string is not closed: expected '\"'") }
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "b": "\u{8}", "t": "\t", "n": "\n", "f": "\u{C}", "r": "\r", "\"": "\"", "\\": "\\",
        ]
        if let replacement = simple[scalar] {
            text.append(replacement)
            cursor.advance()
            return
        }
        switch scalar {
        case "u", "U":
            text.append(try parseUnicodeEscape(digits: scalar == "u" ? 4 : 8, start: start))
        case " " where multiline, "\t" where multiline, "\n" where multiline, "\r" where multiline:
            try skipLineEndingBackslash(start: start)
        default:
            throw cursor.error("invalid escape sequence '\\\(scalar)'; write '\\\\' for a backslash", at: start)
        }
    }

    private mutating func parseUnicodeEscape(digits: Int, start: Int) throws(HandoffError) -> Unicode.Scalar {
        cursor.advance()
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let scalar = cursor.peek(), scalar.isASCII, let digit = UInt32(String(scalar), radix: 16) else {
                throw cursor.error("expected \(digits) hexadecimal digits after '\\\(digits == 4 ? "u" : "U")', found \(cursor.found)")
            }
            value = value * 16 + digit
            cursor.advance()
        }
        guard let result = Unicode.Scalar(value) else {
            throw cursor.error("the escape at this place names no Unicode character (surrogates and values past 10FFFF are not allowed)", at: start)
        }
        return result
    }

    /// A backslash at the end of a line in a `"""` string joins the lines: it drops the
    /// line break and every space, tab and blank line up to the next text.
    private mutating func skipLineEndingBackslash(start: Int) throws(HandoffError) {
        cursor.skipWhitespace()
        guard cursor.atNewline else {
            throw cursor.error("a backslash followed by spaces must end the line; write '\\\\' for a backslash", at: start)
        }
        while true {
            cursor.skipWhitespace()
            if try !cursor.consumeNewline() { return }
        }
    }
}

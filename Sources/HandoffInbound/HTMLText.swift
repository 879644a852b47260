/// HTML mail turned into text a person can read: scripts, styles and the head dropped,
/// block elements on their own lines, list items as "- ", entities decoded, white space
/// collapsed. Not a browser: one pass over the characters, linear in the input, no tree, so
/// any HTML, however broken, costs no more than its length.
public enum HTMLText {
    /// Elements whose content is never shown.
    static let hidden: Set<String> = ["script", "style", "head", "title", "template", "noscript"]
    /// Elements that start and end a line.
    static let blocks: Set<String> = [
        "p", "div", "br", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "pre", "hr", "section", "article", "header", "footer", "dl", "dt", "dd", "address", "center", "form", "body",
    ]

    public static func text(fromHTML html: String) -> String {
        var output = TextBuilder()
        let scalars = Array(html.unicodeScalars)
        // Past the last ">" no tag can close: knowing it keeps "<<<<…" linear.
        let lastClose = scalars.lastIndex(of: ">") ?? -1
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<", index < lastClose || matches("<!--", at: index, in: scalars) {
                index = tag(at: index, in: scalars, into: &output)
            } else if scalar == "&" {
                let (decoded, next) = entity(at: index, in: scalars)
                output.append(decoded)
                index = next
            } else {
                output.append(scalar)
                index += 1
            }
        }
        return output.finish()
    }

    /// Handles the tag (or comment) that starts at `start`; returns the index after it.
    static func tag(at start: Int, in scalars: [Unicode.Scalar], into output: inout TextBuilder) -> Int {
        if matches("<!--", at: start, in: scalars) {
            return find("-->", from: start + 4, in: scalars).map { $0 + 3 } ?? scalars.count
        }
        let next = start + 1 < scalars.count ? scalars[start + 1] : " "
        let startsTag = next.properties.isAlphabetic || next == "/" || next == "!"
        guard startsTag, let end = find(">", from: start + 1, in: scalars) else {
            // A lone "<" with no tag after it is text ("a < b").
            output.append("<")
            return start + 1
        }
        var nameStart = start + 1
        let closing = nameStart < end && scalars[nameStart] == "/"
        if closing { nameStart += 1 }
        var nameEnd = nameStart
        while nameEnd < end, scalars[nameEnd].properties.isAlphabetic || ("0"..."9").contains(scalars[nameEnd]) {
            nameEnd += 1
        }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<nameEnd])).lowercased()
        if !closing, hidden.contains(name) {
            // Skip to the matching close tag; without one, the rest is hidden.
            var search = end + 1
            while let next = find("</", from: search, in: scalars) {
                if matches("</" + name, at: next, in: scalars, ignoringCase: true) {
                    return (find(">", from: next, in: scalars) ?? scalars.count - 1) + 1
                }
                search = next + 2
            }
            return scalars.count
        }
        if name == "li" && !closing {
            output.newline()
            output.appendLiteral("- ")
        } else if name == "td" || name == "th" {
            output.append(" ")
        } else if blocks.contains(name) || name == "li" {
            output.newline()
            if name == "p" || name.first == "h" && name.count == 2 || name == "table" { output.blankLine() }
        }
        return end + 1
    }

    /// Decodes the entity at `start` (`&amp;`, `&#233;`, `&#xE9;`); an unknown one stays as
    /// written.
    static func entity(at start: Int, in scalars: [Unicode.Scalar]) -> (Unicode.Scalar, Int) {
        var end = start + 1
        while end < scalars.count, end - start <= 10, scalars[end] != ";" { end += 1 }
        guard end < scalars.count, scalars[end] == ";" else { return ("&", start + 1) }
        let body = String(String.UnicodeScalarView(scalars[(start + 1)..<end]))
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return ("&", start + 1) }
            return (scalar, end + 1)
        }
        guard let scalar = named[body] ?? named[body.lowercased()] else { return ("&", start + 1) }
        return (scalar, end + 1)
    }

    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "copy": "\u{A9}", "reg": "\u{AE}",
        "trade": "\u{2122}", "hellip": "\u{2026}", "mdash": "\u{2014}", "ndash": "\u{2013}", "lsquo": "\u{2018}",
        "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "euro": "\u{20AC}", "pound": "\u{A3}",
        "bull": "\u{2022}", "middot": "\u{B7}", "laquo": "\u{AB}", "raquo": "\u{BB}", "eacute": "\u{E9}",
        "egrave": "\u{E8}", "agrave": "\u{E0}", "uuml": "\u{FC}", "ouml": "\u{F6}", "auml": "\u{E4}", "szlig": "\u{DF}",
        "ccedil": "\u{E7}", "zwnj": "\u{200C}", "shy": "\u{AD}",
    ]

    static func matches(_ text: String, at index: Int, in scalars: [Unicode.Scalar], ignoringCase: Bool = false) -> Bool {
        var position = index
        for expected in text.unicodeScalars {
            guard position < scalars.count else { return false }
            let actual = scalars[position]
            if ignoringCase ? actual.properties.lowercaseMapping != expected.properties.lowercaseMapping : actual != expected {
                return false
            }
            position += 1
        }
        return true
    }

    /// The index of the next `text` at or after `start`; nil when there is none.
    static func find(_ text: String, from start: Int, in scalars: [Unicode.Scalar]) -> Int? {
        guard let first = text.unicodeScalars.first else { return nil }
        var index = start
        while index < scalars.count {
            if scalars[index] == first, matches(text, at: index, in: scalars) { return index }
            index += 1
        }
        return nil
    }
}

/// Collects the output: runs of white space become one space, lines are trimmed, and at most
/// one blank line separates blocks.
struct TextBuilder {
    private var text = String.UnicodeScalarView()
    private var pendingSpace = false
    private var pendingNewlines = 0

    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar.properties.isWhitespace {
            pendingSpace = true
            return
        }
        if pendingNewlines > 0 {
            if !text.isEmpty {
                text.append(contentsOf: String(repeating: "\n", count: pendingNewlines).unicodeScalars)
            }
            pendingNewlines = 0
            pendingSpace = false
        } else if pendingSpace {
            if !text.isEmpty { text.append(" ") }
            pendingSpace = false
        }
        text.append(scalar)
    }

    /// Text that keeps its spaces ("- " before a list item).
    mutating func appendLiteral(_ literal: String) {
        for scalar in literal.unicodeScalars where !scalar.properties.isWhitespace { append(scalar) }
        if literal.unicodeScalars.last?.properties.isWhitespace == true { pendingSpace = true }
    }

    mutating func newline() {
        pendingNewlines = max(pendingNewlines, 1)
    }

    mutating func blankLine() {
        pendingNewlines = 2
    }

    func finish() -> String {
        String(text)
    }
}

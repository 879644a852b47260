import HandoffCore

/// The parser's reading position over the source, and the one place errors are made, so
/// every parse error has the same `path:line:column: message` shape.
///
/// Works on Unicode scalars (not Characters) because TOML's grammar is defined on code
/// points: a CRLF must stay two scalars, and a combining accent must not merge into a quote.
struct TOMLCursor {
    let scalars: [Unicode.Scalar]
    let path: String
    private let lineStarts: [Int]
    var index = 0

    init(text: String, path: String) {
        var scalars = Array(text.unicodeScalars)
        // A byte-order mark is invisible in editors, so it must not shift column numbers.
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var starts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" {
            starts.append(offset + 1)
        }
        self.scalars = scalars
        self.path = path
        self.lineStarts = starts
    }

    var isAtEnd: Bool { index >= scalars.count }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let at = index + offset
        return at < scalars.count ? scalars[at] : nil
    }

    /// Whether the text at the cursor starts with `literal`.
    func looksAt(_ literal: String) -> Bool {
        for (offset, scalar) in literal.unicodeScalars.enumerated() where peek(offset) != scalar {
            return false
        }
        return true
    }

    mutating func advance(_ count: Int = 1) {
        index = min(index + count, scalars.count)
    }

    var position: SourcePosition { position(at: index) }

    func position(at offset: Int) -> SourcePosition {
        // The last line start at or before `offset`: a binary search, since a position is
        // taken for every value and files can be long.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return SourcePosition(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    func error(_ message: String, at offset: Int? = nil) -> HandoffError {
        .config("\(path):\(position(at: offset ?? index)): \(message)")
    }

    /// What is at the cursor, for "expected …, found …" messages. Only one character is
    /// ever shown: a parse error must not echo a value that might be a secret.
    var found: String {
        guard let scalar = peek() else { return "the end of the file" }
        switch scalar {
        case "\n": return "the end of the line"
        case "\r": return peek(1) == "\n" ? "the end of the line" : "a carriage return"
        case " ": return "a space"
        case "\t": return "a tab"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F { return Self.codePoint(scalar) }
            return "'\(scalar)'"
        }
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String { scalar.codePoint }

    // MARK: - Trivia

    /// Spaces and tabs (TOML's "whitespace"; newlines are significant).
    mutating func skipWhitespace() {
        while let scalar = peek(), scalar == " " || scalar == "\t" { advance() }
    }

    var atNewline: Bool { peek() == "\n" || (peek() == "\r" && peek(1) == "\n") }

    /// Consumes LF or CRLF; a bare CR is an error because TOML allows only those two.
    mutating func consumeNewline() throws(HandoffError) -> Bool {
        if peek() == "\n" {
            advance()
            return true
        }
        if peek() == "\r" {
            guard peek(1) == "\n" else { throw error("a carriage return must be followed by a line feed") }
            advance(2)
            return true
        }
        return false
    }

    /// Skips a `#` comment up to (not including) the line end.
    mutating func skipComment() throws(HandoffError) {
        guard peek() == "#" else { return }
        advance()
        while let scalar = peek(), !atNewline {
            if Self.isForbiddenControl(scalar) {
                throw error("control character \(Self.codePoint(scalar)) is not allowed in a comment")
            }
            advance()
        }
    }

    /// Whitespace, newlines and comments, as allowed between array elements.
    mutating func skipWhitespaceCommentsAndNewlines() throws(HandoffError) {
        while true {
            skipWhitespace()
            try skipComment()
            if try !consumeNewline() { return }
        }
    }

    /// After a key/value pair or a header: optional whitespace and comment, then a line end.
    mutating func expectLineEnd(after what: String) throws(HandoffError) {
        skipWhitespace()
        try skipComment()
        if isAtEnd { return }
        if try !consumeNewline() {
            throw error("expected a new line after \(what), found \(found)")
        }
    }

    /// Control characters other than tab, which TOML forbids in comments and strings.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
    }

    static func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ("0"..."9").contains(scalar)
    }
}

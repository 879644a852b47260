import HandoffCore

/// A TOML v1.0 parser that keeps the line and column of every key and value.
///
/// Handoff has its own because every configuration error, including those found after
/// parsing (an unknown key, a value of the wrong kind), must name the file, the line and
/// the key; general-purpose parsers drop positions once a value is decoded.
///
/// Parse errors are `HandoffError(.config, "path:line:column: what was expected")`, with
/// `path` as given. They never quote more than one character of the source, so a secret
/// typed by mistake into the file does not end up in a terminal or a log.
public enum TOMLParser {
    public static func parse(_ text: String, path: String) throws(HandoffError) -> TOMLTable {
        var parser = DocumentParser(text: text, path: path)
        return try parser.parseDocument()
    }
}

/// One part of a dotted key, with where it was written.
struct KeyPart {
    let name: String
    let offset: Int
    let position: SourcePosition
}

/// The state of one parse: where we read, and which table new keys go into.
struct DocumentParser {
    var cursor: TOMLCursor
    let root = TableBuilder(origin: .header, position: SourcePosition(line: 1, column: 1))
    var current: TableBuilder
    var currentPath: [String] = []
    /// Numbers each `[header]` (and each inline table), so dotted keys can tell whether a
    /// table they reach was created in the same section, which is the only place TOML lets
    /// them extend it.
    var section = 0
    var nextSection = 1
    /// How many arrays and inline tables enclose the value being read. The parser recurses
    /// into each, so a file of `[[[[…` would otherwise overflow the stack and crash.
    var nesting = 0
    /// Deeper than any configuration needs, far shallower than the stack allows.
    static let maximumNesting = 64

    init(text: String, path: String) {
        cursor = TOMLCursor(text: text, path: path)
        current = root
    }

    mutating func parseDocument() throws(HandoffError) -> TOMLTable {
        while true {
            try cursor.skipWhitespaceCommentsAndNewlines()
            if cursor.isAtEnd { break }
            if cursor.peek() == "[" {
                try parseHeader()
            } else {
                let key = try parseKeyValue(into: current, path: currentPath, section: section)
                try cursor.expectLineEnd(after: "the value of '\(TOMLText.keyPath(key))'")
            }
        }
        return root.freeze()
    }

    /// `[a.b]` or `[[a.b]]`, up to the end of its line.
    mutating func parseHeader() throws(HandoffError) {
        let position = cursor.position
        cursor.advance()
        let isArray = cursor.peek() == "["
        if isArray { cursor.advance() }
        cursor.skipWhitespace()
        let key = try parseKey()
        let names = key.map(\.name)
        cursor.skipWhitespace()
        let close = isArray ? "]]" : "]"
        guard cursor.looksAt(close) else {
            let header = isArray ? "[[\(TOMLText.keyPath(names))]]" : "[\(TOMLText.keyPath(names))]"
            throw cursor.error("expected '\(close)' to close the table header \(header), found \(cursor.found)")
        }
        cursor.advance(close.count)
        current = isArray ? try appendArrayTable(key, at: position) : try defineTable(key, at: position)
        currentPath = names
        section = nextSection
        nextSection += 1
        try cursor.expectLineEnd(after: "the table header")
    }

    /// `key = value` into `table`; returns the key's parts for messages.
    @discardableResult
    mutating func parseKeyValue(into table: TableBuilder, path: [String], section: Int) throws(HandoffError) -> [String] {
        let key = try parseKey()
        let names = key.map(\.name)
        cursor.skipWhitespace()
        guard cursor.peek() == "=" else {
            throw cursor.error("expected '=' after key '\(TOMLText.keyPath(names))', found \(cursor.found)")
        }
        cursor.advance()
        cursor.skipWhitespace()
        let value = try parseValue(path: path + names)
        try insertDotted(key, value: value, into: table, path: path, section: section)
        return names
    }
}

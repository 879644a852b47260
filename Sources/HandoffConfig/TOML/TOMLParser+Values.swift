import HandoffCore

extension DocumentParser {
    /// Any value after `=` or inside an array. `path` is the key it belongs to (for messages
    /// from nested inline tables).
    mutating func parseValue(path: [String]) throws(HandoffError) -> TOMLValue {
        let position = cursor.position
        guard let scalar = cursor.peek() else {
            throw cursor.error("expected a value, found the end of the file")
        }
        switch scalar {
        case "\"":
            return TOMLValue(.string(try parseBasicString(multiline: cursor.looksAt("\"\"\""))), at: position)
        case "'":
            return TOMLValue(.string(try parseLiteralString(multiline: cursor.looksAt("'''"))), at: position)
        case "[", "{":
            guard nesting < Self.maximumNesting else {
                throw cursor.error("arrays and inline tables are nested more than \(Self.maximumNesting) deep here; a configuration never needs that")
            }
            nesting += 1
            defer { nesting -= 1 }
            let kind = scalar == "[" ? try parseArray(path: path) : try parseInlineTable(path: path)
            return TOMLValue(kind, at: position)
        case "t" where isWord("true"):
            cursor.advance(4)
            return TOMLValue(.bool(true), at: position)
        case "f" where isWord("false"):
            cursor.advance(5)
            return TOMLValue(.bool(false), at: position)
        case "i" where isWord("inf"), "n" where isWord("nan"), "+", "-", "0"..."9":
            return TOMLValue(try parseNumberOrDate(), at: position)
        case "\n", "\r":
            throw cursor.error("expected a value, found the end of the line")
        default:
            if TOMLText.isBareKeyScalar(scalar) {
                // Most often a string someone forgot to quote. The word itself is not
                // repeated: it may be a password.
                throw cursor.error("expected a value, found a bare word; text values need quotes, like \"…\"")
            }
            throw cursor.error(
                "expected a value (a quoted string, a number, true or false, a date, an array or an inline table), found \(cursor.found)")
        }
    }

    /// Whether `word` is at the cursor and not just the start of a longer bare word.
    private func isWord(_ word: String) -> Bool {
        guard cursor.looksAt(word) else { return false }
        let next = cursor.peek(word.unicodeScalars.count)
        return next.map { !TOMLText.isBareKeyScalar($0) } ?? true
    }

    /// `[ v, v, ]`: may span lines, hold comments, and end with a comma.
    private mutating func parseArray(path: [String]) throws(HandoffError) -> TOMLValue.Kind {
        let start = cursor.index
        cursor.advance()
        var elements: [TOMLValue] = []
        while true {
            try cursor.skipWhitespaceCommentsAndNewlines()
            if cursor.peek() == "]" {
                cursor.advance()
                return .array(elements)
            }
            if cursor.isAtEnd { throw cursor.error("this array is not closed: expected ']'", at: start) }
            elements.append(try parseValue(path: path))
            try cursor.skipWhitespaceCommentsAndNewlines()
            switch cursor.peek() {
            case ",":
                cursor.advance()
            case "]":
                cursor.advance()
                return .array(elements)
            case nil:
                throw cursor.error("this array is not closed: expected ']'", at: start)
            default:
                throw cursor.error("expected ',' or ']' in the array, found \(cursor.found)")
            }
        }
    }

    /// `{ k = v, k.k = v }`: one line, no trailing comma (TOML 1.0), closed once written.
    private mutating func parseInlineTable(path: [String]) throws(HandoffError) -> TOMLValue.Kind {
        let start = cursor.index
        let table = TableBuilder(origin: .header, position: cursor.position)
        let section = nextSection
        nextSection += 1
        cursor.advance()
        cursor.skipWhitespace()
        if cursor.peek() == "}" {
            cursor.advance()
            return .table(table.freeze())
        }
        while true {
            cursor.skipWhitespace()
            try checkInlineTableContinues(start: start)
            try parseKeyValue(into: table, path: path, section: section)
            cursor.skipWhitespace()
            switch cursor.peek() {
            case ",":
                cursor.advance()
                cursor.skipWhitespace()
                if cursor.peek() == "}" {
                    throw cursor.error("a trailing comma is not allowed in an inline table (TOML 1.0)")
                }
            case "}":
                cursor.advance()
                return .table(table.freeze())
            default:
                try checkInlineTableContinues(start: start)
                throw cursor.error("expected ',' or '}' in the inline table, found \(cursor.found)")
            }
        }
    }

    private func checkInlineTableContinues(start: Int) throws(HandoffError) {
        if cursor.isAtEnd { throw cursor.error("this inline table is not closed: expected '}'", at: start) }
        if cursor.atNewline || cursor.peek() == "#" {
            throw cursor.error("an inline table must be on one line (TOML 1.0); use a [table] section for a longer one")
        }
    }
}

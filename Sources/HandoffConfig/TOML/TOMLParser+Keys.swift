import HandoffCore

extension DocumentParser {
    /// A key: bare or quoted parts joined by dots, with optional spaces around the dots.
    mutating func parseKey() throws(HandoffError) -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            parts.append(try parseSimpleKey())
            // Each part is a table level: the same bound as for nested values, for the same reason.
            guard parts.count <= Self.maximumNesting else {
                throw cursor.error("this key has more than \(Self.maximumNesting) dotted parts; a configuration never needs that")
            }
            cursor.skipWhitespace()
            guard cursor.peek() == "." else { return parts }
            cursor.advance()
            cursor.skipWhitespace()
        }
    }

    private mutating func parseSimpleKey() throws(HandoffError) -> KeyPart {
        let offset = cursor.index
        let position = cursor.position
        switch cursor.peek() {
        case "\"":
            if cursor.looksAt("\"\"\"") { throw cursor.error("a multi-line string can't be used as a key") }
            return KeyPart(name: try parseBasicString(multiline: false), offset: offset, position: position)
        case "'":
            if cursor.looksAt("'''") { throw cursor.error("a multi-line string can't be used as a key") }
            return KeyPart(name: try parseLiteralString(multiline: false), offset: offset, position: position)
        case let scalar? where TOMLText.isBareKeyScalar(scalar):
            var name = String.UnicodeScalarView()
            while let scalar = cursor.peek(), TOMLText.isBareKeyScalar(scalar) {
                name.append(scalar)
                cursor.advance()
            }
            return KeyPart(name: String(name), offset: offset, position: position)
        default:
            throw cursor.error("expected a key (letters, digits, '_', '-', or a quoted name), found \(cursor.found)")
        }
    }
}

import HandoffCore

/// Turns one logical response line (its literals gathered) into an `IMAPResponse`. Pure.
enum IMAPResponseParser {
    static func parse(_ line: [UInt8], literals: [[UInt8]?]) throws(HandoffError) -> IMAPResponse {
        var scanner = IMAPValueScanner(bytes: line, literals: literals)
        let first = try scanner.atom()
        if first == "+" { return .continuation(scanner.rest()) }
        scanner.skipSpaces()
        guard first == "*" else {
            let word = try scanner.atom()
            guard let status = IMAPStatus(rawValue: word.uppercased()) else {
                throw IMAPValueScanner.error("the reply to \(first) has no OK, NO or BAD")
            }
            let (code, text) = try statusTail(&scanner)
            return .tagged(tag: first, status: status, code: code, text: text)
        }
        let word = try scanner.atom()
        if let status = IMAPStatus(rawValue: word.uppercased()) {
            let (code, text) = try statusTail(&scanner)
            return .status(status, code: code, text: text)
        }
        switch word.uppercased() {
        case "CAPABILITY":
            return .capability(scanner.rest().split(separator: " ").map { $0.uppercased() })
        case "SEARCH":
            return .search(scanner.rest().split(separator: " ").compactMap { UInt32($0) })
        case "FLAGS":
            return .flags(flagList(try scanner.value()))
        default:
            break
        }
        guard let number = UInt32(word) else { return .other(String(decoding: line, as: UTF8.self)) }
        scanner.skipSpaces()
        let kind = try scanner.atom().uppercased()
        switch kind {
        case "EXISTS": return .exists(number)
        case "EXPUNGE": return .expunge(number)
        case "RECENT": return .recent(number)
        case "FETCH": return .fetch(try fetch(number, &scanner))
        default: return .other(String(decoding: line, as: UTF8.self))
        }
    }

    /// `[CODE args] text` after a status word.
    private static func statusTail(_ scanner: inout IMAPValueScanner) throws(HandoffError) -> (IMAPResponseCode?, String) {
        scanner.skipSpaces()
        guard scanner.peek == UInt8(ascii: "[") else { return (nil, scanner.rest()) }
        guard let close = scanner.bytes[scanner.index...].firstIndex(of: UInt8(ascii: "]")) else {
            throw IMAPValueScanner.error("a response code was not closed with ]")
        }
        let inside = String(decoding: scanner.bytes[(scanner.index + 1)..<close], as: UTF8.self)
        scanner.index = close + 1
        let parts = inside.split(separator: " ", maxSplits: 1)
        let code = IMAPResponseCode(name: parts.first.map { $0.uppercased() } ?? "", arguments: parts.count > 1 ? String(parts[1]) : "")
        return (code, scanner.rest())
    }

    private static func fetch(_ sequence: UInt32, _ scanner: inout IMAPValueScanner) throws(HandoffError) -> IMAPFetch {
        guard case .list(let items) = try scanner.value() else { throw IMAPValueScanner.error("FETCH \(sequence) has no item list") }
        var fetch = IMAPFetch(sequence: sequence)
        try apply(items, to: &fetch)
        return fetch
    }

    /// The context of a literal that begins at the end of `line`: the FETCH it belongs to and
    /// the section it is for. nil when the literal is not a message body (a mailbox name in a
    /// LIST, a string in an ENVELOPE): the reader then keeps it in the line.
    static func bodyLiteral(_ line: [UInt8], literals: [[UInt8]?], length: Int64) -> IMAPLiteralStart? {
        var scanner = IMAPValueScanner(bytes: line, literals: literals)
        guard (try? scanner.atom()) == "*" else { return nil }
        scanner.skipSpaces()
        guard let number = (try? scanner.atom()).flatMap({ UInt32($0) }) else { return nil }
        scanner.skipSpaces()
        guard (try? scanner.atom())?.uppercased() == "FETCH" else { return nil }
        scanner.skipSpaces()
        guard scanner.peek == UInt8(ascii: "(") else { return nil }
        scanner.index += 1
        // Item names and values up to the literal, which must directly follow a section name.
        var items: [IMAPValue] = []
        while true {
            scanner.skipSpaces()
            guard let next = scanner.peek else { return nil }
            if next == UInt8(ascii: "{") { break }
            guard let item = try? scanner.value(depth: 1) else { return nil }
            items.append(item)
        }
        guard items.count % 2 == 1, let section = items.last?.text, isBodySection(section) else { return nil }
        var fetch = IMAPFetch(sequence: number)
        guard (try? apply(Array(items.dropLast()), to: &fetch)) != nil else { return nil }
        return IMAPLiteralStart(sequence: number, uid: fetch.uid, size: fetch.size, section: section.uppercased(), length: length)
    }

    static func isBodySection(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper.hasPrefix("BODY[") || upper.hasPrefix("BINARY[") || upper == "RFC822" || upper == "RFC822.HEADER" || upper == "RFC822.TEXT"
    }

    private static func apply(_ items: [IMAPValue], to fetch: inout IMAPFetch) throws(HandoffError) {
        guard items.count % 2 == 0 else { throw IMAPValueScanner.error("FETCH \(fetch.sequence) has an item without a value") }
        for pair in stride(from: 0, to: items.count, by: 2) {
            guard let name = items[pair].text?.uppercased() else { throw IMAPValueScanner.error("FETCH \(fetch.sequence) has an item without a name") }
            let value = items[pair + 1]
            switch name {
            case "UID":
                guard let uid = value.text.flatMap({ UInt32($0) }) else { throw IMAPValueScanner.error("FETCH \(fetch.sequence) has a UID that is not a number") }
                fetch.uid = uid
            case "RFC822.SIZE":
                guard let size = value.text.flatMap({ Int64($0) }) else { throw IMAPValueScanner.error("FETCH \(fetch.sequence) has an RFC822.SIZE that is not a number") }
                fetch.size = size
            case "FLAGS":
                fetch.flags = flagList(value)
            case "INTERNALDATE":
                fetch.internalDate = value.text
            default:
                if value == .streamed, isBodySection(name) { fetch.streamedSections.append(name) }
            }
        }
    }

    private static func flagList(_ value: IMAPValue) -> [String] {
        guard case .list(let flags) = value else { return [] }
        return flags.compactMap(\.text)
    }
}

import HandoffCore

/// One value of an IMAP response line: the parts of the grammar FETCH and friends are made of.
indirect enum IMAPValue: Sendable, Equatable {
    /// An atom or number; `BODY[HEADER.FIELDS (FROM)]<0>` is one atom, brackets included.
    case atom(String)
    /// A quoted string (escapes removed) or a literal the reader kept in the line.
    case string([UInt8])
    case null
    case list([IMAPValue])
    /// A literal the reader streamed out as events instead of keeping it.
    case streamed

    var text: String? {
        switch self {
        case .atom(let text): text
        case .string(let bytes): String(decoding: bytes, as: UTF8.self)
        default: nil
        }
    }
}

/// Reads values from one logical response line. A literal `{n}` in the line takes its bytes
/// from `literals` in order (nil: it was streamed). Depth is capped so that a hostile line of
/// opening parentheses costs a bounded stack.
struct IMAPValueScanner {
    static let maxDepth = 64

    let bytes: [UInt8]
    var index: Int
    var literals: [[UInt8]?]
    private var nextLiteral = 0

    init(bytes: [UInt8], index: Int = 0, literals: [[UInt8]?] = []) {
        self.bytes = bytes
        self.index = index
        self.literals = literals
    }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpaces() {
        while peek == UInt8(ascii: " ") { index += 1 }
    }

    /// The rest of the line as text (a response's human-readable part).
    mutating func rest() -> String {
        skipSpaces()
        defer { index = bytes.count }
        return String(decoding: bytes[min(index, bytes.count)...], as: UTF8.self)
    }

    mutating func value(depth: Int = 0) throws(HandoffError) -> IMAPValue {
        skipSpaces()
        guard let first = peek else { throw Self.error("a value was missing at the end of the line") }
        switch first {
        case UInt8(ascii: "("):
            guard depth < Self.maxDepth else { throw Self.error("lists are nested deeper than \(Self.maxDepth)") }
            index += 1
            var items: [IMAPValue] = []
            while true {
                skipSpaces()
                guard let next = peek else { throw Self.error("a list was not closed") }
                if next == UInt8(ascii: ")") { index += 1; return .list(items) }
                items.append(try value(depth: depth + 1))
            }
        case UInt8(ascii: "\""):
            return .string(try quoted())
        case UInt8(ascii: "{"):
            return try literal()
        case UInt8(ascii: "~"):
            throw Self.error("the server sent a binary literal (~{n}), which was never asked for")
        default:
            let word = try atom()
            return word.uppercased() == "NIL" ? .null : .atom(word)
        }
    }

    private mutating func quoted() throws(HandoffError) -> [UInt8] {
        index += 1
        var out: [UInt8] = []
        while let byte = peek {
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return out
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { throw Self.error("a quoted string ended in a backslash") }
                index += 1
                out.append(escaped)
            default: out.append(byte)
            }
        }
        throw Self.error("a quoted string was not closed")
    }

    private mutating func literal() throws(HandoffError) -> IMAPValue {
        guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else { throw Self.error("a literal size was not closed") }
        index = close + 1
        guard nextLiteral < literals.count else { throw Self.error("a literal's bytes are missing") }
        defer { nextLiteral += 1 }
        return literals[nextLiteral].map(IMAPValue.string) ?? .streamed
    }

    /// An atom, with `[…]` sections (which may hold spaces and parentheses) and a `<…>`
    /// partial suffix taken whole.
    mutating func atom() throws(HandoffError) -> String {
        let start = index
        var brackets = 0
        while let byte = peek {
            if byte == UInt8(ascii: "[") { brackets += 1 }
            else if byte == UInt8(ascii: "]") { brackets = max(0, brackets - 1) }
            else if brackets == 0, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") { break }
            else if byte < 0x20 || byte == 0x7F { throw Self.error("a control character (\(byte)) is in an atom") }
            index += 1
        }
        guard index > start else { throw Self.error("an atom was empty") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    static func error(_ what: String) -> HandoffError {
        .badInput("The IMAP server's response could not be read: \(what).")
    }
}

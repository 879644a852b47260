/// The RFC 5321 `Mailbox` grammar (`Local-part "@" ( Domain / address-literal )`), the one
/// form an address may take to reach an SMTP envelope or a header through Handoff.
///
/// Stricter than the RFCs in three places, each because the recipient guard decides on the
/// domain alone, so any way for a server to read another destination into the local part
/// would carry a client's work past it:
/// - `%` and `!` are refused though RFC 5321 allows them as atext: many servers still honour
///   the "percent hack" (`user%other.example@relay`) and UUCP bang paths (`other!user`),
///   relaying to a domain the guard never saw. No real client address needs them.
/// - an encoded word (`=?utf-8?q?x=40evil.com?=`) is refused: a mail reader decodes it into
///   an address at another domain, and no MTA needs one.
/// - in a quoted local part, `@`, `%`, `!` and `\` are refused for the same reasons; quoting
///   is kept for what it is for (dots in odd places, spaces).
/// Non-ASCII is refused: Handoff does not speak SMTPUTF8 end to end today, so such an
/// address could be neither sent nor written into a header faithfully.
enum AddrSpec {
    /// The local part's content (unquoted) and the domain (lower-cased), or the reason the
    /// text is not an address, to follow "'x' is not an email address: ".
    static func parse(_ text: String) -> Result<(local: String, domain: String), Refusal> {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return .failure(.nonASCII) }
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return .failure(.reason("it is empty")) }
        let local: String
        var rest: ArraySlice<UInt8>
        if bytes[0] == UInt8(ascii: "\"") {
            guard let (content, end) = quotedString(bytes) else {
                return .failure(.reason("the quoted part before '@' is not closed, or holds a character not allowed in it ('@', '%', '!', '\\' or a control character)"))
            }
            if content.contains("=?") { return .failure(.reason(encodedWord)) }
            local = content
            rest = bytes[end...]
        } else {
            guard let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return .failure(.reason("it has no '@'")) }
            local = String(decoding: bytes[..<at], as: UTF8.self)
            rest = bytes[at...]
            if let problem = dotAtomProblem(local) { return .failure(.reason(problem)) }
        }
        guard rest.first == UInt8(ascii: "@") else { return .failure(.reason("a quoted local part must be followed directly by '@'")) }
        rest = rest.dropFirst()
        let domain = String(decoding: rest, as: UTF8.self).lowercased()
        if domain.contains("@") {
            return .failure(.reason("it has more than one '@' (only one address per entry; a second '@' would route the mail elsewhere)"))
        }
        guard isValidHostname(domain) || isAddressLiteral(domain) else {
            return .failure(.reason("'\(domain)' is not a domain name"))
        }
        guard local.utf8.count <= 64 else { return .failure(.reason("the part before '@' is longer than 64 characters")) }
        guard text.utf8.count <= 254 else { return .failure(.reason("it is longer than 254 characters")) }
        return .success((local, domain))
    }

    enum Refusal: Error, Equatable {
        case nonASCII
        case reason(String)
    }

    private static let encodedWord = "the part before '@' holds an encoded word ('=?'), which a mail reader would show as another address"

    /// Why `local` is not an acceptable unquoted local part, or nil when it is.
    static func dotAtomProblem(_ local: String) -> String? {
        if local.isEmpty { return "nothing before the '@'" }
        if local.contains("=?") { return encodedWord }
        if let routing = local.first(where: { $0 == "%" || $0 == "!" }) {
            return "the part before '@' holds '\(routing)', which some mail servers use to relay to another domain"
        }
        guard isDotAtom(local) else {
            return "the part before '@' has a space, two dots in a row, a dot at either end, or a character that is not allowed (put it in double quotes if the address really is like that)"
        }
        return nil
    }

    /// RFC 5321 `Dot-string`: atoms of atext joined by single dots.
    static func isDotAtom(_ text: String) -> Bool {
        !text.isEmpty && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { atom in
            !atom.isEmpty && atom.utf8.allSatisfy(isAtext)
        }
    }

    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
        }
    }

    /// RFC 5321 `Quoted-string` at the start of `bytes`, with the refusals above: its
    /// content without quotes and escapes, and the index after the closing quote.
    private static func quotedString(_ bytes: [UInt8]) -> (String, Int)? {
        var content: [UInt8] = []
        var index = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                guard !content.isEmpty else { return nil }
                return (String(decoding: content, as: UTF8.self), index + 1)
            }
            // Only `\"` is needed to write any allowed content; other escapes hide nothing
            // useful and a backslash is a path separator to some systems.
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                content.append(UInt8(ascii: "\""))
                index += 2
                continue
            }
            guard byte >= 0x20, byte <= 0x7E, !Array("@%!\\".utf8).contains(byte) else { return nil }
            content.append(byte)
            index += 1
        }
        return nil
    }

    /// A DNS hostname: LDH labels of 1 to 63 characters, not starting or ending with '-'.
    static func isValidHostname(_ domain: String) -> Bool {
        guard !domain.isEmpty, domain.utf8.count <= 253 else { return false }
        return domain.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.utf8.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// RFC 5321 `address-literal`: `[192.0.2.1]` or `[IPv6:2001:db8::1]`.
    static func isAddressLiteral(_ domain: String) -> Bool {
        guard domain.hasPrefix("["), domain.hasSuffix("]"), domain.count > 2 else { return false }
        let inner = String(domain.dropFirst().dropLast())
        if inner.hasPrefix("ipv6:") { return isIPv6(String(inner.dropFirst(5))) }
        return isIPv4(inner)
    }

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            (1...3).contains(part.count) && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
                && Int(part).map { $0 <= 255 } == true && !(part.count > 1 && part.hasPrefix("0"))
        }
    }

    /// Eight groups of one to four hex digits, or fewer with one `::`, the last two groups
    /// possibly written as an IPv4 address.
    static func isIPv6(_ text: String) -> Bool {
        let groups = text.split(separator: "::", omittingEmptySubsequences: false)
        guard groups.count <= 2 else { return false }
        let compressed = groups.count == 2
        var count = 0
        for (index, half) in groups.enumerated() where !half.isEmpty {
            var pieces = half.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if index == groups.count - 1, let last = pieces.last, last.contains(".") {
                guard isIPv4(last) else { return false }
                pieces.removeLast()
                count += 2
            }
            guard pieces.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(\.isHexDigit) }) else { return false }
            count += pieces.count
        }
        return compressed ? count < 8 : count == 8
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

/// A mailbox: an optional display name and an addr-spec (`local@domain`).
///
/// Parsing is strict on purpose (see `AddrSpec` for the grammar and why it refuses more
/// than RFC 5321): an address that reaches a header or an SMTP envelope must be exactly the
/// mailbox the recipient guard checked, so a malformed one is refused here, early, with the
/// text that was given.
public struct EmailAddress: Sendable, Hashable, TextCodable, CustomStringConvertible {
    public let displayName: String?
    /// The local part's content, without quotes (case is significant in theory).
    public let localPart: String
    /// The domain, lower-cased (domains are case-insensitive).
    public let domain: String

    /// The one canonical form, used alike in the SMTP envelope and in headers: the local
    /// part as a dot-atom when it is one, else as a quoted string (`"a..b"@example.com`),
    /// so `"pat"@x` and `pat@x` are the same address and no server sees another.
    public var address: String {
        if AddrSpec.isDotAtom(localPart) { return "\(localPart)@\(domain)" }
        var quoted = "\""
        for scalar in localPart.unicodeScalars {
            if scalar == "\"" { quoted += "\\" }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\"@" + domain
    }

    public init(displayName: String? = nil, address: String) throws(HandoffError) {
        let trimmed = address.trimmingWhitespace()
        let spec: (local: String, domain: String)
        switch AddrSpec.parse(trimmed) {
        case .success(let parsed):
            spec = parsed
        case .failure(.nonASCII):
            throw .badInput("'\(EscapedText.escaping(trimmed))' is not an address Handoff can send to: it has non-ASCII characters, which need SMTPUTF8 from end to end, and Handoff does not speak it today. Use the address's ASCII form (the domain in punycode, xn--…), or ask the client for an ASCII address.")
        case .failure(.reason(let reason)):
            throw .badInput("'\(EscapedText.escaping(address))' is not an email address: \(reason).")
        }
        if let name = displayName {
            // Bytes, not Characters: "\r\n" is one Character equal to neither "\r" nor "\n".
            guard !name.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) else {
                throw .badInput("The display name for '\(trimmed)' contains a line break, which is not allowed in mail headers.")
            }
        }
        let name = displayName?.trimmingWhitespace()
        self.displayName = (name?.isEmpty ?? true) ? nil : name
        self.localPart = spec.local
        self.domain = spec.domain
    }

    /// Parses `addr@domain`, `<addr@domain>` or `Display Name <addr@domain>`
    /// (the name may be in double quotes).
    public init(parsing text: String) throws(HandoffError) {
        if text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) {
            throw .badInput("The address '\(text.debugDescription.dropFirst().dropLast())' contains a line break, which is not allowed.")
        }
        let trimmed = text.trimmingWhitespace()
        if let open = trimmed.lastIndex(of: "<") {
            guard trimmed.hasSuffix(">") else {
                throw .badInput("'\(text)' is not an email address: '<' is not closed by '>' at the end.")
            }
            var name = String(trimmed[..<open]).trimmingWhitespace()
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast())
            }
            let inner = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            try self.init(displayName: name.isEmpty ? nil : name, address: inner)
        } else {
            try self.init(displayName: nil, address: trimmed)
        }
    }

    /// `Name <addr>` when there is a name, else the bare address (no header encoding here:
    /// the MIME writer encodes names that need it).
    public var description: String {
        if let displayName { return "\(displayName) <\(address)>" }
        return address
    }

    /// A DNS hostname (what allow rules name; an address literal is not one).
    static func isValidDomain(_ domain: String) -> Bool {
        AddrSpec.isValidHostname(domain)
    }

    // Stored and exchanged as text (TextCodable).
    public var codableText: String { description }
}

extension StringProtocol {
    /// Leading and trailing spaces, tabs and line breaks removed (Foundation-free).
    public func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}

/// A mailbox: an optional display name and an addr-spec (`local@domain`).
///
/// Parsing is strict on purpose: an address that reaches a header or an SMTP envelope must
/// not carry CR, LF, angle brackets or spaces, so a malformed one is refused here, early,
/// with the text that was given.
public struct EmailAddress: Sendable, Hashable, TextCodable, CustomStringConvertible {
    public let displayName: String?
    /// The local part exactly as given (case is significant in theory).
    public let localPart: String
    /// The domain, lower-cased (domains are case-insensitive).
    public let domain: String

    public var address: String { "\(localPart)@\(domain)" }

    public init(displayName: String? = nil, address: String) throws(HandoffError) {
        let trimmed = address.trimmingWhitespace()
        guard let at = trimmed.lastIndex(of: "@") else {
            throw .badInput("'\(address)' is not an email address: it has no '@'.")
        }
        let local = String(trimmed[..<at])
        let domain = String(trimmed[trimmed.index(after: at)...]).lowercased()
        guard !local.isEmpty else {
            throw .badInput("'\(address)' is not an email address: nothing before the '@'.")
        }
        guard Self.isValidDomain(domain) else {
            throw .badInput("'\(address)' is not an email address: '\(domain)' is not a domain name.")
        }
        let forbidden: Set<Character> = [" ", "\t", "\r", "\n", "<", ">", "(", ")", ",", ";", ":", "\\", "\"", "[", "]"]
        guard !local.contains(where: { forbidden.contains($0) }),
              !local.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F })
        else {
            throw .badInput("'\(address)' is not an email address: the part before '@' has a space or a character that is not allowed.")
        }
        if let name = displayName {
            // Bytes, not Characters: "\r\n" is one Character equal to neither "\r" nor "\n".
            guard !name.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) else {
                throw .badInput("The display name for '\(trimmed)' contains a line break, which is not allowed in mail headers.")
            }
        }
        let name = displayName?.trimmingWhitespace()
        self.displayName = (name?.isEmpty ?? true) ? nil : name
        self.localPart = local
        self.domain = domain
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

    static func isValidDomain(_ domain: String) -> Bool {
        guard !domain.isEmpty, domain.count <= 253, !domain.hasPrefix("."), !domain.hasSuffix(".") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" }
        }
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

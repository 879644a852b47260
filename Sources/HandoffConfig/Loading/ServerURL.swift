import Foundation

/// The parts of a server URL the settings need (`smtps://smtp.example.com:465`,
/// `imaps://imap.example.com/INBOX`), parsed strictly: no credentials, query or fragment.
struct ServerURL: Sendable, Equatable {
    enum Problem: Error, Equatable {
        /// `user:pass@host`: reported without repeating the URL.
        case credentials
        case malformed(String)
    }

    /// As written.
    let text: String
    /// Lower-cased.
    let scheme: String
    /// Without brackets for IPv6.
    let host: String
    let port: Int?
    /// Empty or starting with `/`, still percent-encoded.
    let path: String

    init(parsing text: String) throws(Problem) {
        guard !text.contains(where: { $0 == " " || $0 == "\t" }) else { throw .malformed("must not contain spaces.") }
        guard let separator = text.firstRange(of: "://") else {
            throw .malformed("is not a URL: it needs a scheme such as https:// before the host.")
        }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard let first = scheme.first, first.isLetter, scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) else {
            throw .malformed("is not a URL: it needs a scheme such as https:// before the host.")
        }
        let rest = text[separator.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if authority.contains("@") { throw .credentials }
        guard !rest.contains("?"), !rest.contains("#") else {
            throw .malformed("must not have a query (?…) or a fragment (#…).")
        }
        var host = Substring(authority)
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .malformed("has an IPv6 address without its closing ']'.") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .malformed("has text after the IPv6 address that is not ':PORT'.") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { throw .malformed("has no host name.") }
        var port: Int?
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw .malformed("has a port that is not a number from 1 to 65535.")
            }
            port = number
        }
        self.text = text
        self.scheme = scheme
        self.host = String(host)
        self.port = port
        self.path = String(rest[authorityEnd...])
    }

    /// The path without its leading slash, percent-decoded (an IMAP mailbox name).
    var decodedPathName: String {
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return trimmed.removingPercentEncoding ?? trimmed
    }

    /// `host` as it goes back into a URL: an IPv6 address in brackets.
    static func bracketed(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }
}

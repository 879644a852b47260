import HandoffCore

/// An extra header the caller adds to a message (e.g. `X-Handoff-ID`).
///
/// Validated when built, so an `OutgoingMessage` can never carry a header that would break
/// out of its line: the name is printable ASCII without colon or space, the value holds no
/// CR, LF or NUL. Names the writer sets itself (`From`, `Bcc`, `Content-Type`, …) are refused:
/// a second `From` would confuse clients, and a `Bcc` header would reveal blind copies.
/// A non-ASCII value is written as RFC 2047 encoded words.
public struct HeaderField: Sendable, Equatable {
    public let name: String
    public let value: String

    /// Header names the MIME writer owns, lower-cased.
    public static let reservedNames: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id", "in-reply-to",
        "references", "mime-version", "content-type", "content-transfer-encoding",
        "content-disposition",
    ]

    /// The longest name accepted, so that name, colon and a first word still fit a line.
    public static let maxNameLength = 76

    public init(_ name: String, _ value: String) throws(HandoffError) {
        guard !name.isEmpty, name.utf8.count <= Self.maxNameLength,
              name.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E && $0 != UInt8(ascii: ":") })
        else {
            throw .badInput("'\(name.debugDescription.dropFirst().dropLast())' is not a valid header name: use 1 to \(Self.maxNameLength) printable ASCII characters without spaces or colons (e.g. X-Handoff-ID).")
        }
        guard !Self.reservedNames.contains(name.lowercased()) else {
            throw .badInput("The header \(name) is set by the message itself and cannot be added as an extra header.")
        }
        try HeaderText.refuseLineBreaks(in: value, header: name)
        self.name = name
        self.value = value
    }
}

enum HeaderText {
    /// Refuses CR, LF and NUL in a header value, naming the header.
    ///
    /// Scans UTF-8 bytes rather than `Character`s: Swift treats "\r\n" as one character that
    /// equals neither "\r" nor "\n", so a character-level check lets CRLF through.
    static func refuseLineBreaks(in value: String, header: String) throws(HandoffError) {
        if value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) {
            throw .badInput("The \(header) header contains a line break (CR or LF), which is not allowed in mail headers: remove it and try again.")
        }
        if value.utf8.contains(0) {
            throw .badInput("The \(header) header contains a NUL character, which is not allowed in mail headers.")
        }
    }
}

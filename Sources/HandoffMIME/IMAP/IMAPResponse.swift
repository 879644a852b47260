/// One complete IMAP server response (RFC 9051 section 7), as the reader hands it out.
///
/// Only what a mailbox poller acts on has its own case; any other untagged response is kept
/// as `.other` with its text, so a server extension never breaks the reader.
public enum IMAPResponse: Sendable, Equatable {
    /// `A1 OK [CODE args] text`, the end of command `tag`.
    case tagged(tag: String, status: IMAPStatus, code: IMAPResponseCode?, text: String)
    /// `* OK [UIDVALIDITY 3] text`, `* BYE …`, `* PREAUTH …`.
    case status(IMAPStatus, code: IMAPResponseCode?, text: String)
    /// `* CAPABILITY IMAP4rev1 IDLE MOVE`, upper-cased.
    case capability([String])
    case exists(UInt32)
    case expunge(UInt32)
    case recent(UInt32)
    /// `* SEARCH 4 9`: UIDs after a UID SEARCH, sequence numbers otherwise.
    case search([UInt32])
    /// `* FLAGS (\Seen …)`.
    case flags([String])
    case fetch(IMAPFetch)
    /// `+ text`: the server waits for more (a literal, or IDLE has begun).
    case continuation(String)
    /// Any other untagged response, as text.
    case other(String)
}

public enum IMAPStatus: String, Sendable, Equatable {
    case ok = "OK", no = "NO", bad = "BAD", preauth = "PREAUTH", bye = "BYE"
}

/// `[UIDVALIDITY 3]`, `[CAPABILITY …]`, `[TRYCREATE]`: the name upper-cased, the rest as sent.
public struct IMAPResponseCode: Sendable, Equatable {
    public var name: String
    public var arguments: String

    public init(name: String, arguments: String = "") {
        self.name = name
        self.arguments = arguments
    }

    /// The number of a `[UIDVALIDITY n]` or `[UIDNEXT n]` code.
    public var number: UInt64? { UInt64(arguments) }

    /// The words of a `[CAPABILITY …]` code, upper-cased.
    public var words: [String] { arguments.split(separator: " ").map { $0.uppercased() } }
}

/// The items of one `* n FETCH (…)` response that a poller needs. Message bodies that came
/// as streamed literals are not here: the reader handed them out as literal events.
public struct IMAPFetch: Sendable, Equatable {
    public var sequence: UInt32
    public var uid: UInt32?
    public var size: Int64?
    public var flags: [String]?
    public var internalDate: String?
    /// Sections whose bytes were streamed (`BODY[]`, `BODY[HEADER]`), in order.
    public var streamedSections: [String]

    public init(sequence: UInt32, uid: UInt32? = nil, size: Int64? = nil, flags: [String]? = nil, internalDate: String? = nil, streamedSections: [String] = []) {
        self.sequence = sequence
        self.uid = uid
        self.size = size
        self.flags = flags
        self.internalDate = internalDate
        self.streamedSections = streamedSections
    }
}

/// What the reader knows when a streamed literal begins: which message and section the
/// bytes that follow belong to. `uid` and `size` are known when the server sent them before
/// the body (Dovecot does, in the order asked); the closing `.fetch` response has them too.
public struct IMAPLiteralStart: Sendable, Equatable {
    public var sequence: UInt32
    public var uid: UInt32?
    public var size: Int64?
    public var section: String
    public var length: Int64

    public init(sequence: UInt32, uid: UInt32? = nil, size: Int64? = nil, section: String, length: Int64) {
        self.sequence = sequence
        self.uid = uid
        self.size = size
        self.section = section
        self.length = length
    }
}

/// What the reader yields as bytes arrive.
public enum IMAPResponseEvent: Sendable, Equatable {
    case response(IMAPResponse)
    /// A message body begins (a literal after a `BODY[…]`/`RFC822…` item of a FETCH).
    case literalStart(IMAPLiteralStart)
    /// Bytes of that body, in order; their total is the literal's length.
    case literalData([UInt8])
    case literalEnd
}

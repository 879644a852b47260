import HandoffCurl
import HandoffMIME

/// What happened in one SMTP conversation, rebuilt from libcurl's transcript.
///
/// The reply grammar is `SMTPReplyParser`'s; this knows which command each reply answers.
///
/// Pure: no I/O, so it is tested with fixture tables. libcurl does not pipeline SMTP, so
/// every reply answers the last command sent; a reply before any command is the greeting,
/// and a reply after DATA's 354 with no command in between answers the message itself.
public struct SMTPSession: Sendable, Equatable {
    public var greeting: SMTPReply?
    /// The last EHLO reply (after STARTTLS, when there was one).
    public var ehlo: SMTPReply?
    public var startTLS: SMTPReply?
    /// The reply that ended the AUTH exchange (235, or the refusal).
    public var auth: SMTPReply?
    public var mailFrom: SMTPReply?
    /// Each RCPT TO with its reply, in order.
    public var recipients: [(address: String, reply: SMTPReply)] = []
    /// The reply to DATA (354 to go ahead).
    public var data: SMTPReply?
    /// The reply after the message and its final dot: the server's word on the delivery.
    public var final: SMTPReply?
    /// Replies to other commands (NOOP, QUIT, RSET), in order.
    public var other: [(command: String, reply: SMTPReply)] = []
    /// A reply the server sent without being asked (`421 … closing`): the last one.
    public var unsolicited: SMTPReply?

    public init() {}

    public static func == (left: SMTPSession, right: SMTPSession) -> Bool {
        left.greeting == right.greeting && left.ehlo == right.ehlo && left.startTLS == right.startTLS
            && left.auth == right.auth && left.mailFrom == right.mailFrom && left.data == right.data
            && left.final == right.final && left.unsolicited == right.unsolicited
            && left.recipients.map(\.address) == right.recipients.map(\.address)
            && left.recipients.map(\.reply) == right.recipients.map(\.reply)
            && left.other.map(\.command) == right.other.map(\.command) && left.other.map(\.reply) == right.other.map(\.reply)
    }

    /// The `SIZE` the server announced in its EHLO reply, if it gave a positive one.
    public var sizeLimit: Int64? {
        guard let ehlo else { return nil }
        for line in ehlo.lines {
            let words = line.split(separator: " ")
            if words.first?.uppercased() == "SIZE", words.count > 1, let limit = Int64(words[1]), limit > 0 { return limit }
        }
        return nil
    }

    /// The AUTH mechanisms the server offered in its EHLO reply.
    public var authMechanisms: [String] {
        guard let ehlo else { return [] }
        for line in ehlo.lines {
            let words = line.split(separator: " ")
            if let first = words.first, first.uppercased() == "AUTH" || first.uppercased() == "AUTH=" {
                return words.dropFirst().map { $0.uppercased() }
            }
        }
        return []
    }

    public var acceptedRecipients: [String] { recipients.filter { $0.reply.isPositive }.map(\.address) }
    public var refusedRecipients: [(address: String, reply: SMTPReply)] { recipients.filter { !$0.reply.isPositive } }

    /// Rebuilds the conversation from transcript lines.
    public static func parse(_ transcript: [TranscriptLine]) -> SMTPSession {
        var session = SMTPSession()
        var command: String?
        var commandAnswered = false
        var replies = SMTPReplyParser()

        func finish(_ reply: SMTPReply) {
            defer { commandAnswered = true }
            guard let current = command else {
                if session.greeting == nil { session.greeting = reply } else { session.unsolicited = reply }
                return
            }
            let verb = Self.verb(of: current)
            switch verb {
            case "EHLO", "HELO":
                if !commandAnswered { session.ehlo = reply } else { session.unsolicited = reply }
            case "STARTTLS":
                if !commandAnswered { session.startTLS = reply } else { session.unsolicited = reply }
            case "AUTH":
                session.auth = reply
            case "MAIL":
                if !commandAnswered { session.mailFrom = reply } else { session.unsolicited = reply }
            case "RCPT":
                if !commandAnswered { session.recipients.append((Self.address(in: current), reply)) } else { session.unsolicited = reply }
            case "DATA":
                if !commandAnswered {
                    session.data = reply
                } else if session.data?.code == 354, session.final == nil {
                    session.final = reply
                } else {
                    session.unsolicited = reply
                }
            default:
                if !commandAnswered { session.other.append((current, reply)) } else { session.unsolicited = reply }
            }
        }

        for line in transcript {
            switch line {
            case .sent(let text):
                // A line sent while AUTH is going on is a credential continuation.
                if let current = command, Self.verb(of: current) == "AUTH", Self.verb(of: text) != "AUTH",
                   !Self.isCommand(text) {
                    continue
                }
                command = text
                commandAnswered = false
            case .received(let text):
                if let reply = replies.feed(text) { finish(reply) }
            }
        }
        return session
    }

    private static let commands: Set<String> = ["EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT", "VRFY", "EXPN", "HELP"]

    private static func isCommand(_ line: String) -> Bool { commands.contains(verb(of: line)) }

    static func verb(of command: String) -> String {
        let word = command.prefix { $0 != " " && $0 != ":" }
        return word.uppercased()
    }

    /// `RCPT TO:<a@b.example> NOTIFY=…` → `a@b.example`.
    static func address(in command: String) -> String {
        guard let open = command.firstIndex(of: "<"), let close = command[open...].firstIndex(of: ">") else {
            let afterColon = command.split(separator: ":", maxSplits: 1).last ?? ""
            return String(afterColon.split(separator: " ").first ?? "")
        }
        return String(command[command.index(after: open)..<close])
    }
}

import HandoffCore
import HandoffCurl
import HandoffMIME
import Logging

/// One logged-in IMAP connection: tagged commands out, response events in, through a
/// `CurlStream` and the pure `IMAPResponseReader`. Knows nothing of mailboxes; the session
/// decides what the responses mean. Not thread-safe: one session drives it.
final class IMAPConnection {
    let account: IMAPAccount
    private let stream: CurlStream
    private var reader = IMAPResponseReader()
    private var events: [IMAPResponseEvent] = []
    private var nextEvent = 0
    private var tagNumber = 0
    /// The tag of a command whose tagged reply has not been read. A command cut short (a
    /// timeout, a file that could not be written mid-FETCH) leaves the rest of its replies
    /// on the wire, and nothing read after that could be trusted: the session is done.
    private var unfinished: String?
    private let logger: Logger

    /// Seconds the server may take for each step.
    var timeout: Double { Double(account.timeoutSeconds) }

    private init(account: IMAPAccount, stream: CurlStream, logger: Logger) {
        self.account = account
        self.stream = stream
        self.logger = logger
    }

    /// Connects and logs in (libcurl does both, with STARTTLS for `imap://`). A failure
    /// libcurl reports (login refused, certificate, no STARTTLS) comes back for the caller to
    /// word or retry; a connection comes back only when logged in.
    static func connect(_ request: CurlRequest, account: IMAPAccount, logger: Logger) async throws(HandoffError) -> Connected {
        let stream = CurlStream(name: "handoff.imap")
        let response = try await stream.connect(request)
        if let failure = response.failure {
            stream.close()
            return .refused(failure)
        }
        return .loggedIn(IMAPConnection(account: account, stream: stream, logger: logger))
    }

    enum Connected {
        case loggedIn(IMAPConnection)
        case refused(CurlFailure)
    }

    /// Sends `command` with a fresh tag; returns the tag. Commands never carry secrets (the
    /// login was libcurl's), but only the verb is logged: mailbox names are the VA's business.
    func send(_ command: String) async throws(HandoffError) -> String {
        if let unfinished {
            throw .unavailable("The IMAP connection to \(account.account) is out of step (the command \(unfinished) did not finish); open the inbox again.")
        }
        tagNumber += 1
        let tag = "h\(tagNumber)"
        logger.trace("imap command", metadata: ["imap.host": "\(account.host)", "imap.command": "\(Self.verb(of: command))"])
        unfinished = tag
        try await sendLine(tag + " " + command)
        return tag
    }

    /// A line without a tag (`DONE`, which ends IDLE).
    func sendLine(_ line: String) async throws(HandoffError) {
        if let failure = try await stream.send(Array((line + "\r\n").utf8), timeout: timeout) {
            throw failure.kind == .timedOut
                ? .temporary("The IMAP server \(account.account) did not take a command within \(account.timeoutSeconds) s; the next poll tries again.")
                : .unavailable("The connection to the IMAP server \(account.account) failed while sending: \(failure.message).")
        }
    }

    /// The next event, waiting at most `seconds`; nil when none came in that time.
    func next(within seconds: Double) async throws(HandoffError) -> IMAPResponseEvent? {
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, seconds) * 1000))
        while nextEvent >= events.count {
            events = []
            nextEvent = 0
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return nil }
            let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
            switch try await stream.receive(timeout: seconds) {
            case .bytes(let bytes):
                if bytes.isEmpty { throw .unavailable("The IMAP server \(account.account) closed the connection.") }
                do throws(HandoffError) {
                    events = try reader.feed(bytes)
                } catch {
                    throw .unavailable("The IMAP server \(account.account) sent what is not IMAP. \(error.message)")
                }
            case .failed(let failure):
                if failure.kind == .timedOut { return nil }
                throw .unavailable("The connection to the IMAP server \(account.account) failed while receiving: \(failure.message).")
            }
        }
        defer { nextEvent += 1 }
        let event = events[nextEvent]
        if case .response(.tagged(let tag, _, _, _)) = event, tag == unfinished { unfinished = nil }
        return event
    }

    /// Runs one command to its tagged reply: every event before it goes to `handle`; a NO or
    /// BAD becomes an error of `refusal` kind naming the command, the mailbox and the server's words.
    @discardableResult
    func run(
        _ command: String, refusal: HandoffError.Kind = .unavailable,
        handle: (IMAPResponseEvent) throws(HandoffError) -> Void = { _ in }
    ) async throws(HandoffError) -> (code: IMAPResponseCode?, text: String) {
        let tag = try await send(command)
        return try await finish(tag, command: command, refusal: refusal, handle: handle)
    }

    /// Reads up to the tagged reply to `tag`.
    @discardableResult
    func finish(
        _ tag: String, command: String, refusal: HandoffError.Kind = .unavailable,
        handle: (IMAPResponseEvent) throws(HandoffError) -> Void = { _ in }
    ) async throws(HandoffError) -> (code: IMAPResponseCode?, text: String) {
        let verb = Self.verb(of: command)
        while true {
            guard let event = try await next(within: timeout) else {
                throw .temporary("The IMAP server \(account.account) did not answer \(verb) on the mailbox \(account.mailbox) within \(account.timeoutSeconds) s; the next poll tries again.")
            }
            if case .response(.tagged(let replyTag, let status, let code, let text)) = event, replyTag == tag {
                guard status == .ok else {
                    throw HandoffError(refusal, "The IMAP server \(account.account) refused \(verb) on the mailbox \(account.mailbox): \(status.rawValue) \(text)")
                }
                return (code, text)
            }
            try handle(event)
        }
    }

    /// Says LOGOUT (without waiting long for the goodbye) and ends the connection.
    func close() async {
        if (try? await send("LOGOUT")) != nil {
            _ = try? await next(within: min(timeout, 2))
        }
        stream.close()
    }

    /// The command's verb for errors and logs: `UID FETCH`, `SELECT`.
    static func verb(of command: String) -> String {
        let words = command.split(separator: " ", maxSplits: 2)
        guard let first = words.first else { return command }
        if first.uppercased() == "UID", words.count > 1 { return "UID " + words[1].uppercased() }
        return first.uppercased()
    }
}

@available(*, unavailable)
extension IMAPConnection: Sendable {}

/// Gathers SMTP reply lines into replies (RFC 5321 4.2): `250-SIZE 1000` continues a
/// reply, `250 OK` ends it.
///
/// Fed one line at a time, because replies arrive interleaved with the commands that
/// caused them, and whoever reads a conversation needs each reply as soon as it is whole.
/// Lines that are not reply lines (no three-digit code) are skipped; a line whose code
/// differs from the reply being gathered starts a new reply, dropping the unfinished one.
public struct SMTPReplyParser: Sendable {
    private var pending: (code: Int, lines: [String])?

    public init() {}

    /// Takes one line, without its CRLF; returns the reply it completes, if it does.
    public mutating func feed(_ line: String) -> SMTPReply? {
        guard let parsed = SMTPReply.parseLine(line) else { return nil }
        var lines = pending?.code == parsed.code ? pending!.lines : []
        lines.append(String(parsed.text))
        if parsed.continues {
            pending = (parsed.code, lines)
            return nil
        }
        pending = nil
        return SMTPReply(code: parsed.code, lines: lines)
    }
}

/// Keeps credentials out of transcripts: a command line we sent is kept only when its verb
/// is known to carry no secret; any other line (AUTH, its base64 continuations, IMAP LOGIN,
/// HTTP headers) is reduced to a placeholder.
enum CommandRedaction {
    private static let harmless: Set<String> = [
        "EHLO", "HELO", "STARTTLS", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT", "VRFY", "EXPN", "HELP",
        "CAPABILITY", "CREATE", "SELECT", "EXAMINE", "APPEND", "SEARCH", "UID", "FETCH", "LIST", "LOGOUT",
    ]

    static func redact(_ line: String) -> String {
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard let first = words.first else { return line }
        if harmless.contains(first.uppercased()) { return line }
        // IMAP commands start with a tag: `A003 APPEND "Sent" (\Seen) {123}`.
        if words.count > 1, harmless.contains(words[1].uppercased()), first.allSatisfy({ $0.isLetter || $0.isNumber }) {
            return line
        }
        if first.uppercased() == "AUTH" { return "AUTH (credentials not recorded)" }
        return "(not recorded)"
    }
}

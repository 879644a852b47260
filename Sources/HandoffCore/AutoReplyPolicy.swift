/// Whether an automatic reply (the acknowledgement of a request) may answer a message.
public enum AutoReplyDecision: Sendable, Equatable {
    case reply
    /// Why not, in words the VA reads in the log and in `requests show`.
    case suppress(reason: String)
}

/// RFC 3834 section 2: an automatic reply must never answer another automatic message, a
/// mailing list or a bounce, or two robots answer each other for ever; nor our own mail.
public enum AutoReplyPolicy {
    /// Local parts of addresses that never read replies; compared lower-cased with `-` and
    /// `_` removed, so `MAILER-DAEMON`, `no_reply` and `do-not-reply` all match.
    static let robotLocalParts: Set<String> = ["mailerdaemon", "postmaster", "noreply", "donotreply"]

    public static func decide(
        autoSubmitted: String?, precedence: String?, listID: String?, sender: String, returnPathEmpty: Bool, ownAddresses: [String]
    ) -> AutoReplyDecision {
        if let autoSubmitted, headerToken(autoSubmitted) != "no" {
            return .suppress(reason: "the message says Auto-Submitted: \(shown(autoSubmitted)), so it was sent by a program")
        }
        if let precedence, ["bulk", "list", "junk"].contains(headerToken(precedence)) {
            return .suppress(reason: "the message says Precedence: \(shown(precedence)), so it went to many people")
        }
        if listID != nil {
            return .suppress(reason: "it came from a mailing list (List-Id)")
        }
        if returnPathEmpty {
            return .suppress(reason: "its Return-Path is empty (<>), as on a bounce or another automatic message")
        }
        guard let from = try? EmailAddress(parsing: sender) else {
            return .suppress(reason: "its sender '\(shown(sender))' is not an address a reply could go to")
        }
        let robot = String(from.localPart.lowercased().unicodeScalars.filter { $0 != "-" && $0 != "_" })
        if robotLocalParts.contains(robot) {
            return .suppress(reason: "it came from \(from.address), an address that does not read replies")
        }
        let own = Set(ownAddresses.compactMap { try? EmailAddress(parsing: $0) }.map(\.comparableAddress))
        if own.contains(from.comparableAddress) || own.contains(from.withoutPlusTag) {
            return .suppress(reason: "it came from our own address \(from.address)")
        }
        return .reply
    }

    /// `auto-replied` for `Auto-Replied; owner-email="x@y"`: the keyword before any parameter.
    private static func headerToken(_ value: String) -> String {
        (value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").trimmingWhitespace().lowercased()
    }

    /// A header value as it may be quoted in a reason: one line, not endless.
    private static func shown(_ value: String) -> String {
        let text = EscapedText.escaping(value.trimmingWhitespace())
        return text.count > 80 ? String(text.prefix(77)) + "…" : text
    }
}

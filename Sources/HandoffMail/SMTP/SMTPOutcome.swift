import HandoffCurl
import HandoffMIME

/// How one SMTP send ended, decided from the conversation and libcurl's result.
///
/// Pure, like `SMTPSession`, so every fault is a row in a test table. The order of the
/// checks matters: the server's own words win over libcurl's code (libcurl reports a
/// refused recipient as `CURLE_SEND_ERROR`, the same code as a dropped connection).
public enum SMTPOutcome: Sendable, Equatable {
    /// The server took the message (`final`), for `accepted`; `refused` did not get it.
    case delivered(final: SMTPReply, accepted: [String], refused: [RecipientRefusal])
    /// Nothing was delivered; the same send may work later (4xx, timeout, refused or dropped
    /// connection before the end of the message).
    case temporary(String)
    /// Nothing was delivered and sending again will not change that (5xx, a TLS policy
    /// failure); the text is the server's or libcurl's.
    case permanent(String)
    /// The server refused the login.
    case authenticationFailed(String)
    /// The whole message and its final dot went out but no reply came back: the server may
    /// have queued it. Sending again could deliver it twice.
    case possiblySent(String)
    /// The server offers no STARTTLS, or its certificate does not verify.
    case tlsRefused(String)

    public static func classify(_ session: SMTPSession, failure: CurlFailure?, uploadReachedEnd: Bool) -> SMTPOutcome {
        if let final = session.final {
            if final.isPositive {
                let refused = session.refusedRecipients.map { RecipientRefusal(address: $0.address, reply: $0.reply.text) }
                return .delivered(final: final, accepted: session.acceptedRecipients, refused: refused)
            }
            return byCode(final, "after the message was sent")
        }
        if let greeting = session.greeting, !greeting.isPositive { return byCode(greeting, "in its greeting") }
        if let reply = session.startTLS, !reply.isPositive { return .tlsRefused("the server refused STARTTLS: \(reply.text)") }
        if let reply = session.auth, !reply.isPositive {
            return reply.isTransient ? .temporary("login failed for now: \(reply.text)") : .authenticationFailed(reply.text)
        }
        if failure?.kind == .loginDenied { return .authenticationFailed(session.auth?.text ?? failure!.message) }
        if let reply = session.mailFrom, !reply.isPositive { return byCode(reply, "to MAIL FROM") }
        if !session.recipients.isEmpty, session.acceptedRecipients.isEmpty {
            let texts = session.recipients.map { "\($0.address): \($0.reply.text)" }.joined(separator: "; ")
            if session.recipients.contains(where: { $0.reply.isTransient }) {
                return .temporary("the server did not accept any recipient for now (\(texts))")
            }
            return .permanent("the server refused every recipient (\(texts))")
        }
        if let reply = session.data, !reply.isPositive { return byCode(reply, "to DATA") }
        if let reply = session.unsolicited, !reply.isPositive, !(session.data?.code == 354 && uploadReachedEnd) {
            return byCode(reply, "and closed the connection")
        }
        guard let failure else {
            // libcurl says fine but no final reply was seen: the transcript is incomplete.
            return .possiblySent("the transfer ended without the server's final reply")
        }
        if session.data?.code == 354, uploadReachedEnd, failure.kind != .sendFailed, failure.kind != .abortedByCallback {
            return .possiblySent("the whole message was sent but the server did not confirm it (\(failure.message))")
        }
        switch failure.kind {
        case .tlsNotOffered:
            return .tlsRefused("the server does not offer STARTTLS, and handoff never sends in plain text (\(failure.message))")
        case .certificateRejected:
            return .tlsRefused("its TLS certificate did not verify (\(failure.message))")
        case .loginDenied:
            return .authenticationFailed(failure.message)
        default:
            return .temporary(failure.message)
        }
    }

    private static func byCode(_ reply: SMTPReply, _ when: String) -> SMTPOutcome {
        let text = "the server replied \(when): \(reply.text)"
        return reply.isPermanent ? .permanent(text) : .temporary(text)
    }
}

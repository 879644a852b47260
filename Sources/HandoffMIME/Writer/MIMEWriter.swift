import HandoffCore

/// Lays out an `OutgoingMessage` as an RFC 5322 + MIME message.
///
/// Headers are built from validated parts, never concatenated from raw input: a CR or LF in
/// any header value is refused naming the header. Bodies are CRLF-normalised, text goes out
/// as 7bit or quoted-printable, attachments as base64 in 76-character lines, so the output
/// has no bare CR or LF and no line longer than 998 octets.
///
/// Reading the attachments is not done here: the layout names each file and its size, and
/// the transports' side streams it (see `RenderedMessage` in the mail module).
public enum MIMEWriter {
    /// Checks the message and fixes every byte but the attachments' encoded contents.
    ///
    /// - Parameters:
    ///   - boundary: the MIME boundary; a fresh random one unless a test fixes it. Every
    ///     boundary has the same length, so the size does not depend on which is used.
    ///   - attachmentSize: the size of an attachment's file (see `MessageLayout.init`).
    /// - Throws: `.badInput` naming the header, address or attachment that is wrong.
    public static func layout(
        _ message: OutgoingMessage,
        boundary: String = MessageLayout.makeBoundary(),
        attachmentSize: (MailAttachment) throws(HandoffError) -> Int64
    ) throws(HandoffError) -> MessageLayout {
        try MessageLayout(message, boundary: boundary, attachmentSize: attachmentSize)
    }
}

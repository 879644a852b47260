import HandoffCore

/// Renders an `OutgoingMessage` as an RFC 5322 + MIME message file.
///
/// Headers are built from validated parts, never concatenated from raw input: a CR or LF in
/// any header value is refused naming the header. Bodies are CRLF-normalised, text goes out
/// as 7bit or quoted-printable, attachments as base64 in 76-character lines, so the output
/// has no bare CR or LF and no line longer than 998 octets.
public enum MIMEWriter {
    /// Checks the message and fixes its bytes without encoding anything yet: the result
    /// streams the message to a server or a file (`RenderedMessage`).
    ///
    /// - Throws: `.badInput` naming the header, address or attachment that is wrong.
    public static func render(_ message: OutgoingMessage) throws(HandoffError) -> RenderedMessage {
        RenderedMessage(messageID: message.messageID, layout: try MessageLayout(message, boundary: MessageLayout.makeBoundary()))
    }

    /// Renders the message as RFC 5322 + MIME to `path`, streaming attachments from disk in
    /// fixed-size chunks (memory stays flat for any attachment size).
    ///
    /// The message is written to a temporary file in the same folder, synced, and renamed
    /// to `path` at the end: there is never a half-written file at `path`. An existing file
    /// there is replaced. The file is created with mode 0600.
    ///
    /// - Returns: the number of bytes written, always equal to `encodedSize(of:)` for the
    ///   same message and unchanged attachments.
    /// - Throws: `.badInput` naming the header, address or attachment path that is wrong
    ///   (including an attachment that changes size while it is read); I/O errors name the
    ///   path.
    @discardableResult
    public static func write(_ message: OutgoingMessage, to path: String) throws(HandoffError) -> Int64 {
        try render(message).write(to: path)
    }

    /// The exact size the rendered message will have, computed without writing or reading
    /// attachment contents (only their sizes), for size-based routing.
    ///
    /// Throws what `write` would throw for a bad message, so a message that measures fine
    /// also renders fine (barring I/O errors or files that change in between).
    public static func encodedSize(of message: OutgoingMessage) throws(HandoffError) -> Int64 {
        // Every boundary has the same length, so any one gives the same size.
        try MessageLayout(message, boundary: MessageLayout.makeBoundary()).size
    }
}

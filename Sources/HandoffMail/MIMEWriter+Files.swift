import HandoffCore
import HandoffMIME

/// The writer with the attachments' files behind it: their sizes come from the file
/// system, and the rendered message streams them when it is read.
extension MIMEWriter {
    /// Checks the message and fixes its bytes without encoding anything yet: the result
    /// streams the message to a server or a file (`RenderedMessage`).
    ///
    /// - Throws: `.badInput` naming the header, address or attachment that is wrong
    ///   (including an attachment file that is missing or not a regular file).
    public static func render(_ message: OutgoingMessage) throws(HandoffError) -> RenderedMessage {
        RenderedMessage(messageID: message.messageID, layout: try layout(message, attachmentSize: attachmentFileSize))
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
        try layout(message, attachmentSize: attachmentFileSize).size
    }

    /// The size of the attachment's file, which must exist and be a regular file.
    static func attachmentFileSize(_ attachment: MailAttachment) throws(HandoffError) -> Int64 {
        guard let status = MailFiles.status(attachment.path) else {
            throw .badInput("The attachment \(attachment.path) does not exist.")
        }
        guard status.kind == .regularFile else {
            throw .badInput("The attachment \(attachment.path) is not a regular file.")
        }
        return status.size
    }
}

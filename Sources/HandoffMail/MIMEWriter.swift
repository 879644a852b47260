import HandoffCore

/// Renders an `OutgoingMessage` as an RFC 5322 + MIME message file.
///
/// Headers are built from validated parts, never concatenated from raw input: a CR or LF in
/// any header value is refused naming the header. Bodies are CRLF-normalised, text goes out
/// as 7bit or quoted-printable, attachments as base64 in 76-character lines, so the output
/// has no bare CR or LF and no line longer than 998 octets.
public enum MIMEWriter {
    /// Attachments are read 57 × 8192 bytes (456 KiB) at a time: whole base64 lines per
    /// read, so nothing carries over between chunks, and large enough that system calls cost
    /// little. Memory use is these two buffers, whatever the attachment size.
    static let readChunkSize = Base64.bytesPerLine * 8192

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
        let layout = try MessageLayout(message, boundary: MessageLayout.makeBoundary())
        let file = try AtomicFile(finalPath: path)
        let output = file.output

        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: readChunkSize, alignment: 16)
        defer { input.deallocate() }
        let encoded = UnsafeMutableRawBufferPointer.allocate(
            byteCount: Base64LineEncoder.outputCapacity(forInputCount: readChunkSize), alignment: 16)
        defer { encoded.deallocate() }

        for piece in layout.pieces {
            switch piece {
            case .bytes(let bytes):
                try output.write(bytes)
            case .base64File(let attachmentPath, let expectedSize):
                let source = try InputFile(path: attachmentPath, role: "the attachment")
                var encoder = Base64LineEncoder()
                var total: Int64 = 0
                while true {
                    let count = try source.read(into: input)
                    guard count > 0 else { break }
                    total += Int64(count)
                    let written = encoder.encode(UnsafeRawBufferPointer(rebasing: input[0..<count]), into: encoded)
                    try output.write(UnsafeRawBufferPointer(rebasing: encoded[0..<written]))
                }
                guard total == expectedSize else {
                    throw .badInput("The attachment \(attachmentPath) changed while the message was being written (\(expectedSize) bytes before, \(total) read); nothing was written to \(path).")
                }
            }
        }
        guard output.bytesWritten == layout.size else {
            throw .internal("The message written to \(path) has \(output.bytesWritten) bytes where \(layout.size) were planned; it was not kept.")
        }
        try file.commit()
        return output.bytesWritten
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

import HandoffCore

/// A message laid out as literal bytes and attachment files still to be base64-encoded.
///
/// Everything is checked and every header built here, before any file is created, so
/// writing can only fail on I/O. Because the layout knows each attachment's size and
/// base64's size is exact, the message size is known without encoding anything.
///
/// The layout reads no file: the caller says how large each attachment is, and whoever
/// streams the message (the mail module's reader) opens the files and encodes them.
public struct MessageLayout: Sendable {
    /// One stretch of the message, in order.
    public enum Segment: Sendable, Equatable {
        /// Bytes that go out as they are: headers, text bodies, boundaries.
        case literal([UInt8])
        /// The file at `path` (of `size` bytes when laid out), as base64 lines joined by
        /// CRLF, with no CRLF after the last line.
        case base64File(path: String, size: Int64)
    }

    public private(set) var segments: [Segment] = []
    /// The exact number of bytes the segments make once encoded.
    public private(set) var size: Int64 = 0

    /// Boundaries start with `=_`, which base64 never produces, quoted-printable never
    /// produces (it always encodes `=` as `=3D` and follows a literal `=` only with hex or a
    /// line break), and 7bit bodies are not allowed to contain (`TextBody.isPlain`).
    public static let boundaryPrefix = "=_Handoff_"

    /// A fresh boundary with 130 random bits after the prefix.
    public static func makeBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        return boundaryPrefix + RandomToken.crockford(length: 26, using: &generator)
    }

    /// Checks the message and lays it out.
    ///
    /// - Parameter attachmentSize: the size of an attachment's file; called once per
    ///   attachment after its name and media type passed, so that its own errors (a file
    ///   that is missing) come in the same order as the other checks.
    /// - Throws: `.badInput` naming the header, address or attachment that is wrong.
    public init(
        _ message: OutgoingMessage, boundary: String,
        attachmentSize: (MailAttachment) throws(HandoffError) -> Int64
    ) throws(HandoffError) {
        let attachments = try message.attachments.map { (attachment) throws(HandoffError) in
            (attachment, try Self.check(attachment, size: attachmentSize))
        }
        var head = try Self.headers(of: message)
        let text = TextBody(message.textBody)
        let html = message.htmlBody.map(TextBody.init)

        if attachments.isEmpty {
            if let html {
                append(head + Self.multipartHeader("alternative", boundary) + crlf)
                appendAlternative(text, html, boundary: boundary)
                return
            }
            head += Self.textHeaders(text) + crlf
            append(head)
            append(text.encoded)
            return
        }

        head += Self.multipartHeader("mixed", boundary) + crlf
        if let html {
            // The inner boundary differs from the outer one but has the same length, so
            // the size computed with any boundary stays exact.
            let inner = String(boundary.dropLast(3)) + "ALT"
            append(head + Array("--\(boundary)\r\n".utf8) + Self.multipartHeader("alternative", inner) + crlf)
            appendAlternative(text, html, boundary: inner)
        } else {
            append(head + Array("--\(boundary)\r\n".utf8) + Self.textHeaders(text) + crlf)
            append(text.encoded)
        }
        for (attachment, fileSize) in attachments {
            append(Array("\r\n--\(boundary)\r\n".utf8) + Self.attachmentHeaders(attachment) + crlf)
            segments.append(.base64File(path: attachment.path, size: fileSize))
            size += Base64.encodedSize(ofByteCount: fileSize)
        }
        append(Array("\r\n--\(boundary)--\r\n".utf8))
    }

    /// A multipart/alternative body: the plain text, then the HTML, then the closing boundary.
    private mutating func appendAlternative(_ text: TextBody, _ html: TextBody, boundary: String) {
        append(Array("--\(boundary)\r\n".utf8) + Self.textHeaders(text) + crlf)
        append(text.encoded)
        append(Array("\r\n--\(boundary)\r\n".utf8) + Self.textHeaders(html, subtype: "html") + crlf)
        append(html.encoded)
        append(Array("\r\n--\(boundary)--\r\n".utf8))
    }

    private static func multipartHeader(_ subtype: String, _ boundary: String) -> [UInt8] {
        var line = HeaderLine(name: "Content-Type")
        line.append("multipart/\(subtype);")
        line.append("boundary=\"\(boundary)\"")
        return line.rendered
    }

    private mutating func append(_ bytes: [UInt8]) {
        segments.append(.literal(bytes))
        size += Int64(bytes.count)
    }

    // MARK: - Headers

    private static func headers(of message: OutgoingMessage) throws(HandoffError) -> [UInt8] {
        guard !(message.to.isEmpty && message.cc.isEmpty && message.bcc.isEmpty) else {
            throw .badInput("The message \(message.messageID) has no recipient: give at least one To, Cc or Bcc address.")
        }
        try HeaderText.refuseLineBreaks(in: message.subject, header: "Subject")

        var out: [UInt8] = []
        func addresses(_ name: String, _ list: [EmailAddress]) throws(HandoffError) {
            guard !list.isEmpty else { return }
            var line = HeaderLine(name: name)
            try HeaderEncoding.appendAddresses(list, header: name, to: &line)
            out += line.rendered
        }
        func field(_ name: String, _ tokens: [String]) {
            var line = HeaderLine(name: name)
            line.append(contentsOf: tokens)
            out += line.rendered
        }

        try addresses("From", [message.from])
        try addresses("Reply-To", message.replyTo.map { [$0] } ?? [])
        try addresses("To", message.to)
        try addresses("Cc", message.cc)
        var subject = HeaderLine(name: "Subject")
        HeaderEncoding.appendUnstructured(message.subject, to: &subject)
        out += subject.rendered
        field("Date", [MailDate.format(message.date, timeZone: message.timeZone)])
        field("Message-ID", [message.messageID.bracketed])
        if let inReplyTo = message.inReplyTo { field("In-Reply-To", [inReplyTo.bracketed]) }
        if !message.references.isEmpty { field("References", message.references.map(\.bracketed)) }
        for header in message.extraHeaders {
            // HeaderField validated the value when it was made; checked again because this
            // is the last place before the bytes are written.
            try HeaderText.refuseLineBreaks(in: header.value, header: header.name)
            var line = HeaderLine(name: header.name)
            HeaderEncoding.appendUnstructured(header.value, to: &line)
            out += line.rendered
        }
        field("MIME-Version", ["1.0"])
        return out
    }

    private static func textHeaders(_ text: TextBody, subtype: String = "plain") -> [UInt8] {
        Array("Content-Type: text/\(subtype); charset=utf-8\r\nContent-Transfer-Encoding: \(text.encoding.rawValue)\r\n".utf8)
    }

    private static func attachmentHeaders(_ attachment: MailAttachment) -> [UInt8] {
        var type = HeaderLine(name: "Content-Type")
        type.append(attachment.mediaType + ";")
        type.append(contentsOf: MIMEParameter.tokens(attribute: "name", value: attachment.fileName, isLast: true))
        var disposition = HeaderLine(name: "Content-Disposition")
        disposition.append("attachment;")
        disposition.append(contentsOf: MIMEParameter.tokens(attribute: "filename", value: attachment.fileName, isLast: true))
        return type.rendered + disposition.rendered + Array("Content-Transfer-Encoding: base64\r\n".utf8)
    }

    // MARK: - Attachments

    /// Checks an attachment's name and media type, then asks for its size.
    private static func check(
        _ attachment: MailAttachment, size: (MailAttachment) throws(HandoffError) -> Int64
    ) throws(HandoffError) -> Int64 {
        let name = attachment.fileName
        guard !name.isEmpty else {
            throw .badInput("The attachment \(attachment.path) has an empty file name: give the name the recipient should see.")
        }
        try HeaderText.refuseLineBreaks(in: name, header: "Content-Disposition (file name of the attachment \(attachment.path))")
        guard isMediaType(attachment.mediaType) else {
            throw .badInput("'\(attachment.mediaType.debugDescription.dropFirst().dropLast())' is not a media type for the attachment \(attachment.path): use type/subtype, e.g. application/zip.")
        }
        return try size(attachment)
    }

    /// `type/subtype`, both RFC 2045 tokens.
    static func isMediaType(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.utf8.count <= 127
                && part.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !"()<>@,;:\\\"/[]?=".utf8.contains($0) }
        }
    }
}

private let crlf: [UInt8] = [0x0D, 0x0A]

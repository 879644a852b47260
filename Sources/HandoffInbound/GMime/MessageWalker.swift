import CGMime
import Foundation
import HandoffCore

/// Walks one parsed message tree, read-only: chooses the text, saves every other leaf part
/// to the attachments folder, descends into forwarded messages and reads reports. Enforces
/// the part count, the depth and the deadline of `InboundLimits`; past one it stops, keeps
/// what it has and records a defect.
final class MessageWalker {
    /// A text part that may become the message's text; read only if chosen, so the HTML
    /// twin of a plain text is never decoded.
    struct BodyPiece {
        let part: UnsafeMutablePointer<GMimePart>
        let isHTML: Bool
    }

    /// What one message (top-level or forwarded) gathers besides its text.
    struct MessageContext {
        var forwarded: [InboundMessage] = []
        var report: InboundReport?
    }

    /// The most of a report's machine-readable part that is read.
    static let maxReportBytes = 64 * 1024

    let limits: InboundLimits
    let folder: String
    private var folderMade = false
    let defects: DefectCollector
    let options: OpaquePointer
    let deadline: ContinuousClock.Instant
    private(set) var attachments: [InboundAttachment] = []
    private var partCount = 0
    private var stopped = false

    init(limits: InboundLimits, folder: String, defects: DefectCollector, options: OpaquePointer) {
        self.limits = limits
        self.folder = folder
        self.defects = defects
        self.options = options
        deadline = .now + .milliseconds(Int64(max(0, limits.maxSeconds) * 1000))
    }

    /// The headers, text, attachments, forwards and report of `message`.
    func message(_ message: UnsafeMutablePointer<GMimeMessage>, depth: Int) throws(HandoffError) -> InboundMessage {
        var result = InboundMessage(headers: HeaderReader.headers(of: message, options: options))
        let firstAttachment = attachments.count
        var context = MessageContext()
        if let body = g_mime_message_get_mime_part(message) {
            let pieces = try walk(body, depth: depth + 1, context: &context)
            (result.text, result.textFromHTML) = text(of: pieces)
        }
        result.attachments = Array(attachments[firstAttachment...])
        result.forwarded = context.forwarded
        result.report = context.report
        return result
    }

    /// Walks `object` and below; returns the text pieces it offers.
    func walk(_ object: UnsafeMutablePointer<GMimeObject>, depth: Int, context: inout MessageContext) throws(HandoffError) -> [BodyPiece] {
        guard try enter(depth: depth) else { return [] }
        if handoff_gmime_is_message_part(object) != 0 {
            guard let inner = g_mime_message_part_get_message(handoff_gmime_message_part(object)) else {
                defects.add("a forwarded message part holds no message")
                return []
            }
            context.forwarded.append(try message(inner, depth: depth))
            return []
        }
        if handoff_gmime_is_multipart(object) != 0, let multipart = handoff_gmime_multipart(object) {
            let children = (0..<g_mime_multipart_get_count(multipart)).compactMap { g_mime_multipart_get_part(multipart, $0) }
            switch PartType.of(object).subtype {
            case "alternative":
                return try alternative(children, depth: depth, context: &context)
            case "report":
                return try report(object, children: children, depth: depth, context: &context)
            default:
                var pieces: [BodyPiece] = []
                for child in children { pieces += try walk(child, depth: depth + 1, context: &context) }
                return pieces
            }
        }
        if handoff_gmime_is_part(object) != 0, let part = handoff_gmime_part(object) {
            return try leaf(part, object: object)
        }
        return []
    }

    /// Counts the part and checks the limits; false when the part is not to be read.
    private func enter(depth: Int) throws(HandoffError) -> Bool {
        if stopped { return false }
        if depth > limits.maxDepth {
            defects.add("MIME nesting deeper than \(limits.maxDepth) levels: the deeper parts were not read")
            return false
        }
        if ContinuousClock.now > deadline {
            defects.add("the parse stopped after \(limits.maxSeconds) seconds: the remaining parts were not read")
            stopped = true
            return false
        }
        partCount += 1
        if partCount > limits.maxParts {
            defects.add("more than \(limits.maxParts) MIME parts: the remaining parts were not read")
            stopped = true
            return false
        }
        return true
    }

    /// multipart/alternative: every branch is walked (its attachments saved), and the text
    /// is the first branch with plain text, else the first with any text.
    private func alternative(_ children: [UnsafeMutablePointer<GMimeObject>], depth: Int, context: inout MessageContext) throws(HandoffError) -> [BodyPiece] {
        var plain: [BodyPiece]?
        var any: [BodyPiece]?
        for child in children {
            let pieces = try walk(child, depth: depth + 1, context: &context)
            guard !pieces.isEmpty else { continue }
            if plain == nil, pieces.allSatisfy({ !$0.isHTML }) { plain = pieces }
            if any == nil { any = pieces }
        }
        return plain ?? any ?? []
    }

    /// multipart/report: the first part is the human-readable text; the machine-readable
    /// part becomes `context.report`; the returned message or its headers give only the
    /// original Message-ID (its attachments are ours, not news).
    private func report(_ object: UnsafeMutablePointer<GMimeObject>, children: [UnsafeMutablePointer<GMimeObject>], depth: Int, context: inout MessageContext) throws(HandoffError) -> [BodyPiece] {
        guard let first = children.first else { return [] }
        let pieces = try walk(first, depth: depth + 1, context: &context)
        let reportType = g_mime_object_get_content_type_parameter(object, "report-type").map { String(cString: $0).lowercased() } ?? ""
        var originalID: String?
        var machineText: String?
        for child in children.dropFirst() {
            guard try enter(depth: depth + 1) else { break }
            if handoff_gmime_is_message_part(child) != 0 {
                if let inner = g_mime_message_part_get_message(handoff_gmime_message_part(child)) {
                    originalID = originalID ?? g_mime_message_get_message_id(inner).map { String(cString: $0) }
                }
                continue
            }
            guard handoff_gmime_is_part(child) != 0, let part = handoff_gmime_part(child) else { continue }
            switch PartType.of(child).full {
            case "message/delivery-status", "message/global-delivery-status", "message/disposition-notification",
                 "message/global-disposition-notification":
                machineText = machineText ?? boundedText(part, object: child)
            case "text/rfc822-headers", "message/global-headers":
                originalID = originalID ?? ReportFields.headerMessageID(boundedText(part, object: child))
            default:
                _ = try leaf(part, object: child)
            }
        }
        if let machineText {
            switch reportType {
            case "delivery-status":
                context.report = .deliveryStatus(ReportFields.deliveryStatus(machineText, originalMessageID: originalID))
            case "disposition-notification":
                context.report = .disposition(ReportFields.disposition(machineText, originalMessageID: originalID))
            default:
                defects.add("a multipart/report of unknown report-type was not read")
            }
        }
        return pieces
    }

    /// The first `maxReportBytes` of a small machine-readable part, as text.
    private func boundedText(_ part: UnsafeMutablePointer<GMimePart>, object: UnsafeMutablePointer<GMimeObject>) -> String {
        let read = PartDecoder.bytes(of: part, limit: Self.maxReportBytes)
        return CharsetText.decode(read.bytes, charset: nil).text
    }

    /// A leaf: text/plain and text/html without a file name or attachment disposition are
    /// text pieces; everything else is saved.
    private func leaf(_ part: UnsafeMutablePointer<GMimePart>, object: UnsafeMutablePointer<GMimeObject>) throws(HandoffError) -> [BodyPiece] {
        let type = PartType.of(object).full
        let disposition = g_mime_object_get_content_disposition(object)
        let isAttachment = disposition.map { g_mime_content_disposition_is_attachment($0) != 0 } ?? false
        let fileName = g_mime_part_get_filename(part).map { String(cString: $0) }.flatMap(HeaderReader.nonEmpty)
        if (type == "text/plain" || type == "text/html"), !isAttachment, fileName == nil {
            return [BodyPiece(part: part, isHTML: type == "text/html")]
        }
        let contentID = g_mime_object_get_content_id(object).map { String(cString: $0) }.flatMap(HeaderReader.nonEmpty)
        let inline = !isAttachment && (disposition != nil || contentID != nil)
        try save(part, type: type, originalName: fileName, inline: inline, contentID: contentID)
        return []
    }

    /// Streams the decoded part into a new file in the attachments folder.
    private func save(_ part: UnsafeMutablePointer<GMimePart>, type: String, originalName: String?, inline: Bool, contentID: String?) throws(HandoffError) {
        // Made with the first attachment: most mail has none, and a folder made and
        // removed for each message is a measurable part of reading a mailbox.
        if !folderMade {
            try FileSystem.createFolder(folder, hint: "Check that the data folder is writable.")
            folderMade = true
        }
        let safe = AttachmentFileName.sanitize(originalName, contentType: type, fallbackIndex: attachments.count + 1)
        let name = AttachmentFileName.unique(safe, in: folder)
        let path = Paths.join(folder, name)
        // The name is sanitised, so this holds; checked anyway, as nothing may land outside.
        guard !name.contains("/"), name != ".", name != "..", Paths.isSame(path, orInside: folder) else {
            defects.add("an attachment name could not be made safe and was not saved")
            return
        }
        let writer = try AttachmentWriter(path: path)
        var writeError: HandoffError?
        let outcome = PartDecoder.decode(part) { chunk in
            do throws(HandoffError) {
                try writer.append(chunk)
                return true
            } catch {
                writeError = error
                return false
            }
        }
        let sha256 = try writer.finish()
        if let writeError { throw writeError }
        if outcome.invalidBase64 { defects.add("invalid base64 in the attachment \(name): the bad characters were skipped") }
        if outcome.readFailed { defects.add("the attachment \(name) could not be read to its end") }
        attachments.append(InboundAttachment(
            savedName: name, originalName: originalName, contentType: type, size: writer.size, sha256: sha256,
            inline: inline, contentID: contentID
        ))
    }

    /// The chosen text pieces read, converted to UTF-8, joined and capped.
    private func text(of pieces: [BodyPiece]) -> (String, Bool) {
        var texts: [String] = []
        var used = 0
        for piece in pieces where used < limits.maxTextBytes {
            let text = self.text(of: piece).trimmingWhitespace(including: true)
            guard !text.isEmpty else { continue }
            texts.append(text)
            used += text.utf8.count + 2
        }
        var joined = texts.joined(separator: "\n\n")
        if joined.utf8.count > limits.maxTextBytes {
            joined = Self.prefix(joined, utf8Bytes: limits.maxTextBytes)
            defects.add("the text is longer than \(limits.maxTextBytes) bytes: the rest was cut")
        }
        return (joined, !texts.isEmpty && pieces.contains { $0.isHTML })
    }

    private func text(of piece: BodyPiece) -> String {
        let object = handoff_gmime_object(piece.part)
        // HTML shrinks when turned into text, so more of it is read.
        let limit = piece.isHTML ? limits.maxTextBytes * 4 : limits.maxTextBytes * 2
        let read = PartDecoder.bytes(of: piece.part, limit: limit)
        let charset = g_mime_object_get_content_type_parameter(object, "charset").map { String(cString: $0) }
        // Mail lines end in CRLF on the wire; the text is for reading, so lines end in LF.
        // Dropped from the bytes: every charset mail uses keeps CR and LF as single bytes.
        var bytes = read.truncated ? Self.withoutCutCharacter(read.bytes) : read.bytes
        if bytes.contains(0x0D) { bytes = Self.withoutCRBeforeLF(bytes) }
        let (text, guessed) = CharsetText.decode(bytes, charset: charset)
        if guessed { defects.add("the text is not valid in its declared charset \(charset ?? "us-ascii"): it was read as UTF-8 or Windows-1252") }
        if read.truncated { defects.add("the text is longer than \(limits.maxTextBytes) bytes: the rest was cut") }
        if read.outcome.invalidBase64 { defects.add("invalid base64 in the text: the bad characters were skipped") }
        return piece.isHTML ? HTMLText.text(fromHTML: text) : text
    }

    /// `bytes` with every CR that comes before an LF removed.
    static func withoutCRBeforeLF(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() where !(byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) {
            out.append(byte)
        }
        return out
    }

    /// `text` cut to at most `limit` UTF-8 bytes, on a scalar boundary.
    static func prefix(_ text: String, utf8Bytes limit: Int) -> String {
        let utf8 = text.utf8
        var end = utf8.index(utf8.startIndex, offsetBy: limit, limitedBy: utf8.endIndex) ?? utf8.endIndex
        while end > utf8.startIndex, end < utf8.endIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        return String(text[..<end])
    }

    /// Without a UTF-8 sequence the byte limit cut in half, so the rest still reads as UTF-8.
    static func withoutCutCharacter(_ bytes: [UInt8]) -> [UInt8] {
        var end = bytes.count
        var back = 0
        while end > 0, back < 3, bytes[end - 1] & 0xC0 == 0x80 {
            end -= 1
            back += 1
        }
        if end > 0, bytes[end - 1] >= 0xC0 { end -= 1 }
        return Array(bytes[..<end])
    }
}

@available(*, unavailable)
extension MessageWalker: Sendable {}

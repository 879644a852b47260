#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HandoffCore

/// Reads one raw message file (RFC 5322, as an IMAP fetch or a Maildir holds it) into an
/// `InboundMessage`, with its attachments decoded into a folder.
///
/// The parse is synchronous and may take a while on a large message (it reads the whole
/// file twice: once to hash and size it, once through GMime): callers run it off the
/// cooperative pool. It throws only when the file cannot be read or the folder cannot be
/// written; malformed mail gives a result with `defects`, never a crash or a hang.
public enum InboundParser {
    /// Parses `file`; attachments are written into `attachmentsFolder` (created with the
    /// first attachment, when missing), under sanitised names unique in that folder.
    ///
    /// A file over a limit of `limits` (its size, the parts or nesting it announces, its
    /// header section) is read for its headers only, with a defect saying why; nothing is
    /// written then. A parse that throws half-way may leave the attachments saved so far:
    /// give each attempt a fresh folder.
    public static func parse(file: String, attachmentsFolder: String, limits: InboundLimits = InboundLimits()) throws(HandoffError) -> InboundMessage {
        let scan = try RawPreScan.scan(file: file)
        let reasons = overLimits(scan, limits: limits)
        if !reasons.isEmpty {
            return try headersOnly(file: file, scan: scan, limits: limits, defects: reasons)
        }
        let defects = DefectCollector()
        let document = try GMimeDocument(file: file, defects: defects)
        var result: InboundMessage
        if let message = document.message {
            let walker = MessageWalker(limits: limits, folder: attachmentsFolder, defects: defects, options: document.options)
            result = try walker.message(message, depth: 0)
        } else {
            defects.add("not a mail message: no headers were found")
            result = InboundMessage()
        }
        if result.headers.from.isEmpty { defects.add("no From address") }
        result.defects = defects.all
        result.size = scan.size
        result.sha256 = scan.sha256
        return result
    }

    /// Reads only the headers of `file` (at most `limits.maxHeaderBytes` of them), for mail
    /// too large to parse: `headersOnly` is true and `text` empty. Size and SHA-256 are
    /// those of the whole file.
    public static func parseHeaders(file: String, limits: InboundLimits = InboundLimits()) throws(HandoffError) -> InboundMessage {
        try headersOnly(file: file, scan: try RawPreScan.scan(file: file), limits: limits, defects: [])
    }

    /// Why the pre-scan says the full parse would cost too much; empty when it would not.
    static func overLimits(_ scan: RawPreScan, limits: InboundLimits) -> [String] {
        var reasons: [String] = []
        if scan.size > limits.maxMessageBytes {
            reasons.append("the message is \(scan.size) bytes, over the limit of \(limits.maxMessageBytes): only its headers were read")
        }
        if scan.dashLines > limits.maxParts * 2 {
            reasons.append("the message announces \(scan.dashLines) MIME parts, over the limit of \(limits.maxParts): only its headers were read")
        }
        // A container per level: more than this many cannot all fit under the depth limit
        // without also being a pathological number of siblings.
        if scan.containerLines > limits.maxDepth * 8 {
            reasons.append("the message declares \(scan.containerLines) multipart or message parts: only its headers were read")
        }
        if let end = scan.headerEnd ?? (scan.size > 0 ? scan.size : nil), end > Int64(limits.maxHeaderBytes) {
            reasons.append("the header section is over \(limits.maxHeaderBytes) bytes: it was cut there and only the headers were read")
        }
        return reasons
    }

    /// Copies the header section (capped) to a temporary file and parses that, so GMime
    /// never sees the costly body.
    static func headersOnly(file: String, scan: RawPreScan, limits: InboundLimits, defects reasons: [String]) throws(HandoffError) -> InboundMessage {
        let length = Int(min(scan.headerEnd ?? scan.size, Int64(max(0, limits.maxHeaderBytes))))
        let copy = try HeaderCopy(of: file, length: length)
        defer { copy.remove() }
        let defects = DefectCollector()
        reasons.forEach(defects.add)
        let document = try GMimeDocument(file: copy.path, defects: defects)
        var result = InboundMessage(headersOnly: true)
        if let message = document.message {
            result.headers = HeaderReader.headers(of: message, options: document.options)
        }
        result.defects = defects.all
        result.size = scan.size
        result.sha256 = scan.sha256
        return result
    }
}

/// The first `length` bytes of a mail file, ended by a blank line, in a temporary file.
struct HeaderCopy {
    let path: String

    init(of file: String, length: Int) throws(HandoffError) {
        var bytes: [UInt8] = []
        if length > 0 {
            guard let handle = FileHandle(forReadingAtPath: file) else {
                throw .unavailable("Cannot read the mail file \(file): \(FileSystem.errnoText()).")
            }
            defer { try? handle.close() }
            do {
                bytes = [UInt8](try handle.read(upToCount: length) ?? Data())
            } catch {
                throw .unavailable("Cannot read the mail file \(file): \(error.localizedDescription)")
            }
        }
        bytes += Array("\n\n".utf8)
        path = Paths.join(FileManager.default.temporaryDirectory.path, "handoff-headers-" + UUID().uuidString.lowercased())
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .unavailable("Cannot create a temporary file for the headers of \(file): \(FileSystem.errnoText()).")
        }
        defer { _ = close(fd) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            unlink(path)
            throw .unavailable("Cannot write a temporary file for the headers of \(file): \(FileSystem.errnoText()).")
        }
    }

    func remove() {
        unlink(path)
    }
}

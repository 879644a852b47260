import Dispatch
import HandoffCore
import HandoffMIME
import Logging

/// The embedded-default transport: each message becomes `<directory>/<message id>.eml`.
///
/// Nothing leaves the machine; any mail client opens the files. The message id is the
/// idempotency key: a second send of the same id writes nothing and reports `alreadySent`.
public struct FileTransport: MailTransport {
    /// The folder the messages are written to; created on first send.
    public let directory: String
    private let logger: Logger

    public init(directory: String, logger: Logger) {
        var folder = directory
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        self.directory = folder.isEmpty ? "." : folder
        self.logger = logger
    }

    /// Writes the message under its final name: into a temporary file in the same folder,
    /// fsync, then a no-replace link, so a crash leaves either no file or the whole one.
    ///
    /// If the file for this id already exists with the same bytes, nothing is written and
    /// `alreadySent` is true. If it exists with different bytes, the send is refused: the
    /// id was used for another message (or the same message was rendered twice), and
    /// silently keeping either would hide it. Callers resuming a send ask `wasSent` first.
    ///
    /// The writing runs on a Dispatch queue, so a large message never blocks the
    /// cooperative thread pool.
    public func send(_ message: RenderedMessage, envelope: Envelope) async throws(HandoffError) -> SendResult {
        let result: Result<SendResult, HandoffError> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(returning: Result { () throws(HandoffError) in
                    try sendNow(message, envelope: envelope)
                })
            }
        }
        return try result.get()
    }

    /// Whether the file for this id exists.
    public func wasSent(messageID: MessageID) async -> Bool? {
        MailFiles.status(path(for: messageID)) != nil
    }

    /// Where the message with this id is (or would be) written.
    public func path(for messageID: MessageID) -> String {
        (directory == "/" ? "/" : directory + "/") + Self.fileName(for: messageID)
    }

    /// A file name that is safe everywhere and unique per id: letters, digits and
    /// `.-_@+=` stay, every other byte (and a leading dot, which would hide the file) becomes
    /// `%XX`, so two different ids never share a name. Very long ids are shortened and made
    /// unique again with a hash of the whole id.
    public static func fileName(for messageID: MessageID) -> String {
        var name = ""
        for (index, byte) in messageID.value.utf8.enumerated() {
            let keep = isASCIILetterOrDigit(byte) || ".-_@+=".utf8.contains(byte)
            if keep, !(index == 0 && byte == UInt8(ascii: ".")) {
                name.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                name += "%" + Hex.string([byte], uppercase: true)
            }
        }
        if name.utf8.count > 200 {
            name = String(name.prefix(180)) + "~" + fnv1a64Hex(messageID.value)
        }
        return name + ".eml"
    }

    // MARK: - Work

    private func sendNow(_ message: RenderedMessage, envelope: Envelope) throws(HandoffError) -> SendResult {
        let messageID = message.messageID
        guard !envelope.recipients.isEmpty else {
            throw .badInput("The message \(messageID) has no recipient in its envelope; nothing was written.")
        }
        try FileSystem.createFolder(directory)
        let target = path(for: messageID)

        if MailFiles.status(target) != nil {
            return try existing(target, message: message, envelope: envelope)
        }
        let file = try MessageFile(finalPath: target)
        try message.copy(into: file, path: target)
        guard try file.commitIfAbsent() else {
            // Another send of the same id finished between the check and the link.
            return try existing(target, message: message, envelope: envelope)
        }
        logger.debug("message written", metadata: ["message.id": "\(messageID)", "file.path": "\(target)", "size": "\(message.size)"])
        // The reply goes into the ledger and the client's receipts: the file's name only,
        // never the folder layout of the VA's machine (`location` keeps the full path).
        return SendResult(serverReply: "written to \(Self.fileName(for: messageID))", accepted: envelope.recipients, location: target)
    }

    private func existing(_ target: String, message: RenderedMessage, envelope: Envelope) throws(HandoffError) -> SendResult {
        let messageID = message.messageID
        guard try Self.sameBytes(message, target) else {
            logger.warning("a different message has this id's file", metadata: ["message.id": "\(messageID)", "file.path": "\(target)"])
            throw .badInput("A different message with id \(messageID) was already written to \(target); it was not replaced. If this is the same delivery sent again, it was already sent; otherwise give the new message a new id.")
        }
        logger.info("message already written, not written again", metadata: ["message.id": "\(messageID)", "file.path": "\(target)"])
        return SendResult(serverReply: "already written to \(Self.fileName(for: messageID))", accepted: envelope.recipients, location: target, alreadySent: true)
    }

    private static let chunkSize = 1 << 20

    /// Compares a message with a file chunk by chunk (sizes first), holding neither whole.
    static func sameBytes(_ message: RenderedMessage, _ path: String) throws(HandoffError) -> Bool {
        guard let status = MailFiles.status(path), status.size == message.size else { return false }
        let reader = message.openReader()
        let file = try InputFile(path: path, role: "the sent message")
        let leftBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { leftBuffer.deallocate() }
        let rightBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { rightBuffer.deallocate() }
        while true {
            let leftCount = try reader.read(into: leftBuffer)
            let rightCount = try file.read(into: rightBuffer)
            guard leftCount == rightCount else { return false }
            guard leftCount > 0 else { return true }
            guard MailFiles.equalBytes(leftBuffer.baseAddress!, rightBuffer.baseAddress!, leftCount) else { return false }
        }
    }

    /// 64-bit FNV-1a: no security role, only keeps shortened file names apart.
    private static func fnv1a64Hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

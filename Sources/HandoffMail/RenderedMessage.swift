import HandoffCore
import HandoffMIME

/// A message whose every byte is decided, ready to be streamed any number of times.
///
/// The bytes are decided by the writer's `MessageLayout`; this adds the files behind it.
/// Rendering checks the headers and the attachments' sizes and fixes the MIME boundary, but
/// encodes nothing: the bytes are produced as they are read (`openReader`), base64-encoding
/// the attachment straight from its file. So sending a message never writes a copy of it to
/// disk first, and a second reading (the copy for the Sent folder, a comparison with a file
/// already written) gives exactly the same bytes as the first, as long as the attachments
/// are unchanged (a changed one is refused, never sent half old and half new).
public struct RenderedMessage: Sendable {
    public let messageID: MessageID
    let layout: MessageLayout

    /// The exact number of bytes a reader produces.
    public var size: Int64 { layout.size }

    init(messageID: MessageID, layout: MessageLayout) {
        self.messageID = messageID
        self.layout = layout
    }

    /// A reader positioned at the first byte of the message.
    public func openReader() -> MessageReader {
        MessageReader(self)
    }

    /// Writes the message to `path`: a temporary file in the same folder, synced, then
    /// renamed, so there is never a half-written file at `path`. Mode 0600.
    ///
    /// - Returns: the number of bytes written, always `size`.
    @discardableResult
    public func write(to path: String) throws(HandoffError) -> Int64 {
        let file = try MessageFile(finalPath: path)
        try copy(into: file, path: path)
        try file.commit()
        return file.bytesWritten
    }

    /// Streams every byte into `output`; `path` names the destination in errors.
    func copy(into output: MessageFile, path: String) throws(HandoffError) {
        let reader = openReader()
        // Larger than the output's own buffer, so each block is written straight through
        // instead of being copied into that buffer first.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4 * MessageFile.bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count: Int
            do throws(HandoffError) {
                count = try reader.read(into: buffer)
            } catch {
                throw HandoffError(error.kind, "\(error.message) Nothing was written to \(path).")
            }
            guard count > 0 else { break }
            try output.write(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        try output.flush()
    }
}

/// Produces a rendered message's bytes in order, in buffers of any size.
///
/// Literal segments (headers, text bodies, boundaries) are copied; each attachment is read in
/// blocks of whole base64 lines and encoded into a small buffer that the next reads drain.
/// Memory stays at these two buffers whatever the attachment's size.
public final class MessageReader {
    /// 57 × 2048 bytes (114 KiB) per block: whole base64 lines, so nothing carries over
    /// between blocks; large enough that system calls cost little, small enough to stay in
    /// cache while it is encoded and handed on.
    static let blockSize = Base64.bytesPerLine * 2048

    private let message: RenderedMessage
    private var segmentIndex = 0
    /// How far into the current literal segment, or into the encoded block.
    private var offset = 0
    private var produced: Int64 = 0

    // The attachment being encoded.
    private var attachment: InputFile?
    private var attachmentBytesRead: Int64 = 0
    private var encoder = Base64LineEncoder()
    private var input: UnsafeMutableRawBufferPointer?
    private var encoded: UnsafeMutableRawBufferPointer?
    private var encodedCount = 0

    init(_ message: RenderedMessage) {
        self.message = message
    }

    deinit {
        input?.deallocate()
        encoded?.deallocate()
    }

    /// Fills `buffer` completely unless the message ends first; returns the count, 0 at the end.
    /// - Throws: `.badInput` when an attachment is gone or changed size since rendering.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(HandoffError) -> Int {
        var filled = 0
        let segments = message.layout.segments
        while filled < buffer.count, segmentIndex < segments.count {
            let room = UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])
            switch segments[segmentIndex] {
            case .literal(let bytes):
                let count = min(room.count, bytes.count - offset)
                bytes.withUnsafeBytes { source in
                    room.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count]))
                }
                filled += count
                offset += count
                if offset == bytes.count { nextSegment() }
            case .base64File(let path, let expectedSize):
                if offset == encodedCount {
                    guard try encodeNextBlock(of: path, expectedSize: expectedSize) else {
                        nextSegment()
                        continue
                    }
                }
                let count = min(room.count, encodedCount - offset)
                room.copyMemory(from: UnsafeRawBufferPointer(rebasing: encoded![offset..<offset + count]))
                filled += count
                offset += count
            }
        }
        produced += Int64(filled)
        if filled == 0, produced != message.size {
            throw .internal("The message \(message.messageID) came to \(produced) bytes where \(message.size) were planned.")
        }
        return filled
    }

    private func nextSegment() {
        segmentIndex += 1
        offset = 0
        encodedCount = 0
        attachment = nil
        attachmentBytesRead = 0
        encoder = Base64LineEncoder()
    }

    /// Reads and encodes the attachment's next block; false once it has all been read.
    private func encodeNextBlock(of path: String, expectedSize: Int64) throws(HandoffError) -> Bool {
        if attachment == nil {
            attachment = try InputFile(path: path, role: "the attachment")
        }
        let input = self.input ?? .allocate(byteCount: Self.blockSize, alignment: 16)
        self.input = input
        let encoded = self.encoded ?? .allocate(byteCount: Base64LineEncoder.outputCapacity(forInputCount: Self.blockSize), alignment: 16)
        self.encoded = encoded
        let count = try attachment!.read(into: input)
        attachmentBytesRead += Int64(count)
        guard attachmentBytesRead <= expectedSize, count > 0 || attachmentBytesRead == expectedSize else {
            throw .badInput("The attachment \(path) changed while the message was being sent (\(expectedSize) bytes before, \(attachmentBytesRead) read).")
        }
        guard count > 0 else { return false }
        encodedCount = encoder.encode(UnsafeRawBufferPointer(rebasing: input[0..<count]), into: encoded)
        offset = 0
        return true
    }
}

@available(*, unavailable)
extension MessageReader: Sendable {}

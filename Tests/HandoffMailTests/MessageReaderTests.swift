import Foundation
import HandoffTestSupport
import HandoffCore
import HandoffMIME
import Testing
@testable import HandoffMail

/// A rendered message is read by libcurl in whatever buffer sizes it asks for, and read
/// again for the Sent copy: every reading must give the same bytes as the written file.
@Suite("Message reader")
struct MessageReaderTests {
    static func message(in folder: String, attachmentBytes: Int) throws -> RenderedMessage {
        let attachment = try Fixture.file("files.zip", in: folder, bytes: Fixture.randomBytes(count: attachmentBytes, seed: 11))
        return try MIMEWriter.render(Fixture.message(attachments: [
            MailAttachment(path: attachment, fileName: "files.zip", mediaType: "application/zip"),
        ]))
    }

    /// Reads the whole message in buffers of `size` bytes.
    static func readAll(_ message: RenderedMessage, bufferSize size: Int) throws -> [UInt8] {
        let reader = message.openReader()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1)
        defer { buffer.deallocate() }
        var out: [UInt8] = []
        while true {
            let count = try reader.read(into: buffer)
            if count == 0 { return out }
            // Every read but the last fills the buffer: callers count on whole buffers.
            out += buffer[0..<count]
        }
    }

    @Test("Any buffer size gives the bytes of the written file", .temporaryFolder,
          arguments: [1, 7, 76, 78, 4096, 65_536, 116_736, 1 << 20])
    func bufferSizes(size: Int) throws {
        let folder = try TemporaryFolder.path()
        // Not a multiple of 57 or 3, and larger than one encoding block (57 × 2048 bytes).
        let message = try Self.message(in: folder, attachmentBytes: 57 * 2048 * 2 + 100)
        try message.write(to: folder + "/m.eml")
        let file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/m.eml")))

        let read = try Self.readAll(message, bufferSize: size)
        #expect(read.count == file.count)
        #expect(read == file)
        #expect(Int64(read.count) == message.size)
    }

    @Test("Two readings of one rendered message are identical", .temporaryFolder)
    func repeatable() throws {
        let folder = try TemporaryFolder.path()
        let message = try Self.message(in: folder, attachmentBytes: 250_000)
        #expect(try Self.readAll(message, bufferSize: 65_536) == Self.readAll(message, bufferSize: 65_536))
    }

    @Test("An attachment that grew or shrank after rendering is refused, naming it", .temporaryFolder, arguments: [-1, 1])
    func changedAttachment(delta: Int) throws {
        let folder = try TemporaryFolder.path()
        let message = try Self.message(in: folder, attachmentBytes: 200_000)
        _ = try Fixture.file("files.zip", in: folder, bytes: Fixture.randomBytes(count: 200_000 + delta, seed: 11))

        let error = #expect(throws: HandoffError.self) { try Self.readAll(message, bufferSize: 65_536) }
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains(folder + "/files.zip") == true)
        #expect(error?.message.contains("changed") == true)
    }

    @Test("Writing a message whose attachment vanished leaves no file", .temporaryFolder)
    func vanishedAttachment() throws {
        let folder = try TemporaryFolder.path()
        let message = try Self.message(in: folder, attachmentBytes: 1000)
        try FileManager.default.removeItem(atPath: folder + "/files.zip")

        let error = #expect(throws: HandoffError.self) { try message.write(to: folder + "/m.eml") }
        #expect(error?.message.contains(folder + "/files.zip") == true)
        #expect(error?.message.contains("Nothing was written to \(folder)/m.eml") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }
}

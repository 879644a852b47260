import Foundation
import HandoffTestSupport
import HandoffCore
import HandoffMIME
import Logging
import Testing
@testable import HandoffMail

@Suite("File transport")
struct FileTransportTests {
    static let envelope = Envelope(sender: "pat@va.example", recipients: ["client@demo.example"])
    static let logger = Logger(label: "handoff.test")

    /// A rendered message with an attachment under `folder`, and the bytes it streams.
    static func rendered(in folder: String, text: String = "Hello\n") throws -> (message: RenderedMessage, bytes: Data) {
        let attachment = try Fixture.file("files.zip", in: folder, bytes: Fixture.randomBytes(count: 300_000, seed: 7))
        let message = try MIMEWriter.render(Fixture.message(text: text, attachments: [
            MailAttachment(path: attachment, fileName: "files.zip", mediaType: "application/zip"),
        ]))
        let copy = folder + "/\(UUID().uuidString).eml"
        try message.write(to: copy)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
        try FileManager.default.removeItem(atPath: copy)
        return (message, bytes)
    }

    @Test("Writes exactly one .eml named after the message id, with the message's bytes", .temporaryFolder)
    func send() async throws {
        let folder = try TemporaryFolder.path()
        let source = try Self.rendered(in: folder)
        let transport = FileTransport(directory: folder + "/var/sent/", logger: Self.logger)
        let id = Fixture.messageID()

        #expect(await transport.wasSent(messageID: id) == false)
        let result = try await transport.send(source.message, envelope: Self.envelope)

        let expectedPath = folder + "/var/sent/H-7K2M9QXA4D.TEST@va.example.eml"
        // The reply names the file only: it reaches receipts, which must not show the VA's folders.
        #expect(result == SendResult(serverReply: "written to H-7K2M9QXA4D.TEST@va.example.eml", accepted: ["client@demo.example"],
                                     refused: [], location: expectedPath, alreadySent: false))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/var/sent") == ["H-7K2M9QXA4D.TEST@va.example.eml"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: expectedPath)) == source.bytes)
        #expect(await transport.wasSent(messageID: id) == true)
        #expect(await transport.wasSent(messageID: Fixture.messageID("<other@va.example>")) == false)
    }

    @Test("Sending the same message again writes nothing and reports alreadySent", .temporaryFolder)
    func idempotent() async throws {
        let folder = try TemporaryFolder.path()
        let source = try Self.rendered(in: folder)
        let log = RecordedLog()
        let transport = FileTransport(directory: folder + "/sent", logger: log.logger())
        let id = Fixture.messageID()
        let first = try await transport.send(source.message, envelope: Self.envelope)
        let target = try #require(first.location)
        let before = try FileManager.default.attributesOfItem(atPath: target)[.modificationDate] as? Date

        // The same rendered message again: its bytes are read anew and compared.
        let second = try await transport.send(source.message, envelope: Self.envelope)

        #expect(!first.alreadySent)
        #expect(second.alreadySent)
        #expect(second.location == target)
        #expect(second.serverReply == "already written to \((target as NSString).lastPathComponent)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/sent") == [FileTransport.fileName(for: id)])
        #expect(try FileManager.default.attributesOfItem(atPath: target)[.modificationDate] as? Date == before)
        // The transport says so through the logger it was given, naming the message and file.
        #expect(log.entries.map(\.message) == ["message written", "message already written, not written again"])
        #expect(log.entries.last?.level == .info)
        #expect(log.entries.allSatisfy { $0.metadata["message.id"] == id.bracketed && $0.metadata["file.path"] == target })
    }

    @Test("A different message under an id already used is refused and nothing is replaced", .temporaryFolder)
    func conflict() async throws {
        let folder = try TemporaryFolder.path()
        let transport = FileTransport(directory: folder + "/sent", logger: Self.logger)
        let id = Fixture.messageID()
        let first = try Self.rendered(in: folder, text: "first")
        let result = try await transport.send(first.message, envelope: Self.envelope)
        let second = try Self.rendered(in: folder, text: "second")
        #expect(second.message.messageID == id)

        let error = await #expect(throws: HandoffError.self) {
            try await transport.send(second.message, envelope: Self.envelope)
        }
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains("already written") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: try #require(result.location))) == first.bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/sent").count == 1)
    }

    @Test("Concurrent sends of one id: one writes, the others find it sent", .temporaryFolder)
    func concurrentSends() async throws {
        let folder = try TemporaryFolder.path()
        let source = try Self.rendered(in: folder).message
        let transport = FileTransport(directory: folder + "/sent", logger: Self.logger)
        let id = Fixture.messageID()
        let results = try await withThrowingTaskGroup(of: SendResult.self) { group in
            for _ in 0..<8 {
                group.addTask { try await transport.send(source, envelope: Self.envelope) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { !$0.alreadySent }.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/sent") == [FileTransport.fileName(for: id)])
    }

    @Test("Bad input is refused before anything is written", .temporaryFolder)
    func refusals() async throws {
        let folder = try TemporaryFolder.path()
        let transport = FileTransport(directory: folder + "/sent", logger: Self.logger)
        let source = try Self.rendered(in: folder)
        // The attachment disappears between rendering and sending.
        try FileManager.default.removeItem(atPath: folder + "/files.zip")
        let missing = await #expect(throws: HandoffError.self) {
            try await transport.send(source.message, envelope: Self.envelope)
        }
        #expect(missing?.message.contains(folder + "/files.zip") == true)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder + "/sent")) ?? [] == [])

        let noRecipient = await #expect(throws: HandoffError.self) {
            try await transport.send(source.message, envelope: Envelope(sender: "pat@va.example", recipients: []))
        }
        #expect(noRecipient?.kind == .badInput)
        #expect(!FileManager.default.fileExists(atPath: folder + "/sent/" + FileTransport.fileName(for: Fixture.messageID())))
    }

    @Test("File names are safe and distinct per id", arguments: [
        ("<abc@va.example>", "abc@va.example.eml"),
        ("<a/b@va.example>", "a%2Fb@va.example.eml"),
        ("<a%2Fb@va.example>", "a%252Fb@va.example.eml"),
        ("<.hidden@va.example>", "%2Ehidden@va.example.eml"),
        ("<a..b@va.example>", "a..b@va.example.eml"),
        ("<CAF=x+y$z@mail.example>", "CAF=x+y%24z@mail.example.eml"),
    ])
    func fileNames(id: String, expected: String) throws {
        #expect(FileTransport.fileName(for: try MessageID(parsing: id)) == expected)
    }

    @Test("Very long ids get short names that stay distinct")
    func longIDs() throws {
        let base = String(repeating: "x", count: 400)
        let first = FileTransport.fileName(for: try MessageID(parsing: "<\(base)1@va.example>"))
        let second = FileTransport.fileName(for: try MessageID(parsing: "<\(base)2@va.example>"))
        #expect(first != second)
        #expect(first.utf8.count <= 255 && second.utf8.count <= 255)
        #expect(first.hasSuffix(".eml"))
    }
}

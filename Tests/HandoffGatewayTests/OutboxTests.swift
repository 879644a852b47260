import Foundation
import HandoffCore
import HandoffGateway
import HandoffStore
import Testing

@Suite("Outbox folders")
struct OutboxTests {
    @Test("a READY folder is queued once, delivered, and moved to .delivered/<name>-<id>; one without READY is left alone")
    func readyFolder() async throws {
        let workspace = try Workspace()
        let ready = try workspace.makeDeliverable("outbox/acme/brochure")
        try Data().write(to: URL(fileURLWithPath: ready + "/READY"))
        let unfinished = try workspace.makeDeliverable("outbox/acme/still-copying")
        let gateway = try workspace.gateway()

        let scan = try await gateway.scanOutbox()
        #expect(scan.queued.count == 1)
        #expect(try await gateway.scanOutbox().queued.isEmpty, "a second scan must not queue the folder again")
        _ = try await gateway.drain()

        let id = try #require(scan.queued.first)
        #expect(!FileManager.default.fileExists(atPath: ready))
        #expect(FileManager.default.fileExists(atPath: workspace.root + "/outbox/acme/.delivered/brochure-\(id.rawValue)/report.txt"))
        #expect(FileManager.default.fileExists(atPath: unfinished))
        #expect(try gateway.summary(of: id)?.status == "sent")
        // The package is named after the folder, not its moved name, and holds the
        // client's files only: READY is Handoff's.
        let package = try #require(try await gateway.store.package(for: id))
        #expect(package.fileName == "brochure.zip")
        #expect(try package.packageInfo().manifest.files.map(\.path).sorted() == ["data/listings.csv", "report.txt"])
    }

    @Test("READY overrides recipients, route and message")
    func readyOverrides() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("outbox/acme/lease")
        try Data("# for the boss\nto: Boss <boss@acme.test>\nvia: link\nmessage: Signed copy inside.\n".utf8)
            .write(to: URL(fileURLWithPath: folder + "/READY"))
        let gateway = try workspace.gateway()
        let id = try #require(try await gateway.scanOutbox().queued.first)
        _ = try await gateway.drain()
        let summary = try #require(try gateway.summary(of: id))
        #expect(summary.recipients == ["boss@acme.test"])
        #expect(summary.route == "link")
        let text = try workspace.contents(of: try #require(try workspace.sentMessages().first))
        #expect(text.contains("Signed copy inside."))
    }

    @Test("a READY naming an address outside the project moves the folder to .failed with the reason, queuing nothing")
    func refusedRecipient() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("outbox/acme/leak")
        try Data("to: someone@rival.test\n".utf8).write(to: URL(fileURLWithPath: folder + "/READY"))
        let gateway = try workspace.gateway()
        let scan = try await gateway.scanOutbox()
        #expect(scan.queued.isEmpty)
        #expect(scan.refused.count == 1)
        let error = try workspace.contents(of: workspace.root + "/outbox/acme/.failed/leak/ERROR.txt")
        #expect(error.contains("someone@rival.test"))
        #expect(try await gateway.store.jobs().isEmpty)
    }

    @Test("a malformed READY names its line")
    func badMarker() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("outbox/acme/typo")
        try Data("to: dana@acme.test\nvai: link\n".utf8).write(to: URL(fileURLWithPath: folder + "/READY"))
        let gateway = try workspace.gateway()
        _ = try await gateway.scanOutbox()
        let error = try workspace.contents(of: workspace.root + "/outbox/acme/.failed/typo/ERROR.txt")
        #expect(error.contains("READY:2"))
        #expect(error.contains("vai"))
    }

    @Test("a folder that fails for good goes to .failed/<name>-<id> with ERROR.txt saying what to do")
    func failedDelivery() async throws {
        let workspace = try Workspace(mail: "max_attachment_mb = 1", project: "deliver = \"email\"")
        let folder = try workspace.makeDeliverable("outbox/acme/huge", files: ["clip.bin": randomData(1_200_000)])
        try Data().write(to: URL(fileURLWithPath: folder + "/READY"))
        let gateway = try workspace.gateway()
        let id = try #require(try await gateway.scanOutbox().queued.first)
        _ = try await gateway.drain()
        let error = try workspace.contents(of: workspace.root + "/outbox/acme/.failed/huge-\(id.rawValue)/ERROR.txt")
        #expect(error.contains("over the mail limit"))
        let job = try #require(try await gateway.store.job(forHandoff: id)?.id)
        #expect(error.contains("run `handoff queue retry \(job)`: this folder goes back into the outbox"))
        #expect(error.contains("`handoff queue cancel \(job)`"))
    }

    /// Queues `outbox/acme/brochure` for bob, then has it refused at send time (before
    /// packaging) because the allow list was narrowed meanwhile; widens the list again.
    /// Returns the handoff and the folder's place; the folder is under `.failed/`.
    func failBeforePackaging(_ workspace: Workspace) async throws -> (HandoffID, String) {
        let folder = try workspace.makeDeliverable("outbox/acme/brochure")
        try Data("to: bob@acme.test\n".utf8).write(to: URL(fileURLWithPath: folder + "/READY"))
        let id = try #require(try await workspace.gateway().scanOutbox().queued.first)
        let original = try workspace.contents(of: workspace.configPath)
        let narrowed = original.replacingOccurrences(of: "allow = [\"acme.test\"]", with: "allow = [\"dana@acme.test\"]")
        #expect(narrowed != original)
        try Data(narrowed.utf8).write(to: URL(fileURLWithPath: workspace.configPath))
        _ = try await workspace.gateway().drain()
        #expect(FileManager.default.fileExists(atPath: workspace.root + "/outbox/acme/.failed/brochure-\(id.rawValue)/ERROR.txt"))
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(try await workspace.gateway().store.package(for: id) == nil)
        try Data(original.utf8).write(to: URL(fileURLWithPath: workspace.configPath))
        return (id, folder)
    }

    @Test("queue retry puts a .failed folder back where it was, without ERROR.txt; once sent it moves to .delivered")
    func retryRestoresFolder() async throws {
        let workspace = try Workspace()
        let (id, folder) = try await failBeforePackaging(workspace)
        let failed = workspace.root + "/outbox/acme/.failed/brochure-\(id.rawValue)"
        let gateway = try workspace.gateway()
        let job = try #require(try await gateway.store.job(forHandoff: id)?.id)
        let outcome = try gateway.retry(job: job)
        #expect(outcome.restoredFolder == folder)
        #expect(outcome.restoreProblem == nil)
        #expect(FileManager.default.fileExists(atPath: folder + "/report.txt"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/ERROR.txt"))
        #expect(!FileManager.default.fileExists(atPath: failed))
        // A scan meanwhile sees the same READY, now queued again: it neither queues a
        // second delivery nor sends the folder back to .failed.
        let scan = try await gateway.scanOutbox()
        #expect(scan.queued.isEmpty && scan.moved.isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder))

        _ = try await gateway.drain()
        #expect(try await gateway.store.handoff(id)?.status == .sent)
        #expect(FileManager.default.fileExists(atPath: workspace.root + "/outbox/acme/.delivered/brochure-\(id.rawValue)/report.txt"))
        #expect(try workspace.sentMessages().count == 1)
        // The package holds the client's files only, not the old ERROR.txt.
        let manifest = try #require(try await gateway.store.package(for: id)).manifest
        #expect(!manifest.contains("ERROR.txt") && manifest.contains("report.txt"))
    }

    @Test("queue retry refuses while a new folder of the same name (no READY, still being copied) is in the failed one's place")
    func retryRefusesNewFolderInPlace() async throws {
        let workspace = try Workspace()
        let (id, folder) = try await failBeforePackaging(workspace)
        let failed = workspace.root + "/outbox/acme/.failed/brochure-\(id.rawValue)"
        try workspace.makeDeliverable("outbox/acme/brochure", files: ["half.bin": Data("partial".utf8)])
        let gateway = try workspace.gateway()
        let job = try #require(try await gateway.store.job(forHandoff: id)?.id)

        let error = try #require(throws: HandoffError.self) { try gateway.retry(job: job) }
        #expect(error.kind == .badInput)
        #expect(error.message.contains("Job \(job) was not queued again: \(folder) is a different folder"))
        #expect(error.message.contains("the failed one is at \(failed)"))
        // Nothing moved, nothing queued: the new folder is as it was, the old one still failed.
        #expect(try gateway.store.job(job)?.state == .failed)
        #expect(FileManager.default.fileExists(atPath: folder + "/half.bin"))
        #expect(FileManager.default.fileExists(atPath: failed + "/report.txt"))
        _ = try await gateway.drain()
        #expect(try workspace.sentMessages().isEmpty)
    }

    @Test("an outbox folder whose READY is gone by the time its job runs is not sent")
    func markerRemovedBeforeSend() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("outbox/acme/brochure")
        try Data().write(to: URL(fileURLWithPath: folder + "/READY"))
        let gateway = try workspace.gateway()
        let id = try #require(try await gateway.scanOutbox().queued.first)
        try FileManager.default.removeItem(atPath: folder + "/READY")
        _ = try await gateway.drain()
        #expect(try await gateway.store.handoff(id)?.status == .failed)
        #expect(try await gateway.store.handoff(id)?.lastError?.contains("has no READY file now") == true)
        #expect(try workspace.sentMessages().isEmpty)
    }

    @Test("READY markers parse every key and refuse bad values", arguments: [
        ("via: fax", "via must be email, link or auto"),
        ("encrypt: maybe", "encrypt must be yes or no"),
        ("to: not-an-address", "not an email address"),
        ("just some text", "expected 'key: value'"),
    ])
    func markerErrors(line: String, expected: String) throws {
        let error = try #require(throws: HandoffError.self) { try ReadyMarker(parsing: line, path: "READY") }
        #expect(error.message.contains(expected))
        #expect(error.message.hasPrefix("READY:1:"))
    }

    /// The same three settings as an editor on each platform saves them.
    static let acceptedMarkers: [(String, [UInt8])] = [
        ("LF", Array("to: boss@acme.test\nencrypt: yes\nmessage: Hi\n".utf8)),
        ("CRLF (Windows)", Array("to: boss@acme.test\r\nencrypt: yes\r\nmessage: Hi\r\n".utf8)),
        ("CR (old Mac)", Array("to: boss@acme.test\rencrypt: yes\rmessage: Hi".utf8)),
        ("UTF-8 with BOM and CRLF (Notepad)", [0xEF, 0xBB, 0xBF] + Array("to: boss@acme.test\r\nencrypt: yes\r\nmessage: Hi\r\n".utf8)),
    ]

    @Test("READY files with LF, CRLF or CR line endings, with or without a UTF-8 BOM, keep every override", arguments: acceptedMarkers)
    func markerLineEndings(name: String, bytes: [UInt8]) throws {
        let workspace = try Workspace()
        let path = workspace.root + "/READY"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let marker = try ReadyMarker(contentsOf: path)
        #expect(marker.to.map(\.address) == ["boss@acme.test"], "\(name)")
        #expect(marker.encrypt == true, "\(name)")
        #expect(marker.message == "Hi", "\(name)")
    }

    static let refusedMarkers: [(String, [UInt8], String)] = [
        ("Latin-1", Array("to: boss@acme.test\nmessage: Gr".utf8) + [0xFC, 0xDF, 0x65], "READY:2: is not UTF-8 text"),
        ("UTF-16 LE with BOM (Notepad's Unicode)", [0xFF, 0xFE] + utf16("to: boss@acme.test\r\n"), "saved as UTF-16"),
        ("UTF-16 BE with BOM", [0xFE, 0xFF] + utf16("encrypt: yes", bigEndian: true), "saved as UTF-16"),
        ("UTF-16 LE without BOM", utf16("encrypt: yes\r\n"), "READY:1: has NUL bytes"),
        ("random bytes", [0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28], "READY:1: is not UTF-8 text"),
        ("a control character", Array("message: hi\u{1B}[31m".utf8), "READY:1: has a control character (U+001B)"),
        ("an unknown key", Array("to: boss@acme.test\r\nencrypted: yes\r\n".utf8), "READY:2: unknown key 'encrypted'"),
        ("a line that is not 'key: value'", Array("encrypt yes\n".utf8), "READY:1: expected 'key: value'"),
    ]

    @Test("a READY that is not UTF-8 text or not understood is refused: the folder goes to .failed with the reason, nothing is queued", arguments: refusedMarkers)
    func refusedMarkerBytes(name: String, bytes: [UInt8], expected: String) async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("outbox/acme/lease")
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/READY"))
        let gateway = try workspace.gateway()
        let scan = try await gateway.scanOutbox()
        #expect(scan.queued.isEmpty, "\(name)")
        #expect(scan.refused == [workspace.root + "/outbox/acme/.failed/lease"], "\(name)")
        let error = try workspace.contents(of: workspace.root + "/outbox/acme/.failed/lease/ERROR.txt")
        #expect(error.contains(expected), "\(name): \(error)")
        #expect(try await gateway.store.jobs().isEmpty, "\(name)")
    }

    @Test("a READY that is a folder is refused, not read as 'no overrides'")
    func markerFolder() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("outbox/acme/lease")
        try FileManager.default.createDirectory(atPath: folder + "/READY", withIntermediateDirectories: false)
        let gateway = try workspace.gateway()
        let scan = try await gateway.scanOutbox()
        #expect(scan.queued.isEmpty)
        let error = try workspace.contents(of: workspace.root + "/outbox/acme/.failed/lease/ERROR.txt")
        #expect(error.contains("READY is a folder; it must be a plain text file"))
        #expect(try await gateway.store.jobs().isEmpty)
    }

    @Test("a CRLF READY from the outbox encrypts and goes to its own recipients")
    func crlfMarkerDelivered() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("outbox/acme/lease")
        try Data("to: Boss <boss@acme.test>\r\nencrypt: yes\r\n".utf8).write(to: URL(fileURLWithPath: folder + "/READY"))
        let gateway = try workspace.gateway()
        let id = try #require(try await gateway.scanOutbox().queued.first)
        let record = try #require(try await gateway.store.handoff(id))
        #expect(record.encrypt)
        #expect(try record.decodedRecipients().to.map(\.address) == ["boss@acme.test"])
    }
}

/// Text as UTF-16 bytes; little-endian is what Notepad saves as "Unicode".
func utf16(_ text: String, bigEndian: Bool = false) -> [UInt8] {
    text.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
}

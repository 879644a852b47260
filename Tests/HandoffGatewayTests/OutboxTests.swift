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

        let scan = try gateway.scanOutbox()
        #expect(scan.queued.count == 1)
        #expect(try gateway.scanOutbox().queued.isEmpty, "a second scan must not queue the folder again")
        _ = try await gateway.drain()

        let id = try #require(scan.queued.first)
        #expect(!FileManager.default.fileExists(atPath: ready))
        #expect(FileManager.default.fileExists(atPath: workspace.root + "/outbox/acme/.delivered/brochure-\(id.rawValue)/report.txt"))
        #expect(FileManager.default.fileExists(atPath: unfinished))
        #expect(try gateway.summary(of: id)?.status == "sent")
        // The package is named after the folder, not its moved name, and holds the
        // client's files only: READY is Handoff's.
        let package = try #require(try gateway.store.package(for: id))
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
        let id = try #require(try gateway.scanOutbox().queued.first)
        _ = try await gateway.drain()
        let summary = try #require(try gateway.summary(of: id))
        #expect(summary.recipients == ["boss@acme.test"])
        #expect(summary.route == "link")
        let text = try workspace.contents(of: try #require(try workspace.sentMessages().first))
        #expect(text.contains("Signed copy inside."))
    }

    @Test("a READY naming an address outside the project moves the folder to .failed with the reason, queuing nothing")
    func refusedRecipient() throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("outbox/acme/leak")
        try Data("to: someone@rival.test\n".utf8).write(to: URL(fileURLWithPath: folder + "/READY"))
        let gateway = try workspace.gateway()
        let scan = try gateway.scanOutbox()
        #expect(scan.queued.isEmpty)
        #expect(scan.refused.count == 1)
        let error = try workspace.contents(of: workspace.root + "/outbox/acme/.failed/leak/ERROR.txt")
        #expect(error.contains("someone@rival.test"))
        #expect(try gateway.store.jobs().isEmpty)
    }

    @Test("a malformed READY names its line")
    func badMarker() throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("outbox/acme/typo")
        try Data("to: dana@acme.test\nvai: link\n".utf8).write(to: URL(fileURLWithPath: folder + "/READY"))
        let gateway = try workspace.gateway()
        _ = try gateway.scanOutbox()
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
        let id = try #require(try gateway.scanOutbox().queued.first)
        _ = try await gateway.drain()
        let error = try workspace.contents(of: workspace.root + "/outbox/acme/.failed/huge-\(id.rawValue)/ERROR.txt")
        #expect(error.contains("over the mail limit"))
        let job = try #require(try gateway.store.job(forHandoff: id)?.id)
        #expect(error.contains("run `handoff queue retry \(job)`: this folder goes back into the outbox"))
        #expect(error.contains("`handoff queue cancel \(job)`"))
    }

    @Test("queue retry puts a .failed folder back where it was, without ERROR.txt; once sent it moves to .delivered")
    func retryRestoresFolder() async throws {
        // Queued for bob, then refused at send time (before packaging): the allow list
        // was narrowed in the meantime.
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("outbox/acme/brochure")
        try Data("to: bob@acme.test\n".utf8).write(to: URL(fileURLWithPath: folder + "/READY"))
        let id = try #require(try workspace.gateway().scanOutbox().queued.first)
        let original = try workspace.contents(of: workspace.configPath)
        let narrowed = original.replacingOccurrences(of: "allow = [\"acme.test\"]", with: "allow = [\"dana@acme.test\"]")
        #expect(narrowed != original)
        try Data(narrowed.utf8).write(to: URL(fileURLWithPath: workspace.configPath))
        _ = try await workspace.gateway().drain()
        let failed = workspace.root + "/outbox/acme/.failed/brochure-\(id.rawValue)"
        #expect(FileManager.default.fileExists(atPath: failed + "/ERROR.txt"))
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(try workspace.gateway().store.package(for: id) == nil)

        // The VA widens the list again and retries.
        try Data(original.utf8).write(to: URL(fileURLWithPath: workspace.configPath))
        let gateway = try workspace.gateway()
        let job = try #require(try gateway.store.job(forHandoff: id)?.id)
        let outcome = try gateway.retry(job: job)
        #expect(outcome.restoredFolder == folder)
        #expect(outcome.restoreProblem == nil)
        #expect(FileManager.default.fileExists(atPath: folder + "/report.txt"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/ERROR.txt"))
        #expect(!FileManager.default.fileExists(atPath: failed))
        // A scan meanwhile sees the same READY, now queued again: it neither queues a
        // second delivery nor sends the folder back to .failed.
        let scan = try gateway.scanOutbox()
        #expect(scan.queued.isEmpty && scan.moved.isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder))

        _ = try await gateway.drain()
        #expect(try gateway.store.handoff(id)?.handoffStatus == .sent)
        #expect(FileManager.default.fileExists(atPath: workspace.root + "/outbox/acme/.delivered/brochure-\(id.rawValue)/report.txt"))
        #expect(try workspace.sentMessages().count == 1)
        // The package holds the client's files only, not the old ERROR.txt.
        let manifest = try #require(try gateway.store.package(for: id)).manifest
        #expect(!manifest.contains("ERROR.txt") && manifest.contains("report.txt"))
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
}

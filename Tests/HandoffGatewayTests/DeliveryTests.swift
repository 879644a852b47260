import Foundation
import HandoffConfig
import Logging
import HandoffTestSupport
import HandoffCore
import HandoffGateway
import HandoffStore
import Testing

@Suite("Delivery end to end on the file transport")
struct DeliveryTests {
    @Test("a delivery is packaged, written as one .eml and ledgered queued → packaged → sent")
    func deliverAndDrain() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: folder, project: "acme", message: "Here is the brochure.")
        let report = try await gateway.drain()
        #expect(report.failures.isEmpty)
        let summary = try #require(try gateway.summary(of: queued.record.handoffID))
        #expect(summary.status == "sent")
        #expect(summary.route == "email")
        #expect(summary.files == 2)
        #expect(summary.recipients == ["dana@acme.test"])

        let messages = try workspace.sentMessages()
        #expect(messages.count == 1)
        let text = try workspace.contents(of: messages[0])
        #expect(text.contains("X-Handoff-ID: \(queued.record.id)"))
        #expect(text.contains("Here is the brochure."))
        #expect(text.contains(try #require(summary.sha256)))

        let kinds = try await gateway.store.ledgerEvents(handoff: queued.record.handoffID).map(\.kind)
        #expect(kinds == ["queued", "packaged", "sent"])
        #expect(try gateway.store.verifyLedger().allSatisfy { $0.problem == nil })
        // The source given to `deliver` stays where it is.
        #expect(FileManager.default.fileExists(atPath: folder))
    }

    @Test("the attachment in the .eml is the package, byte for byte (read back by Python's email package)")
    func attachmentMatchesPackage() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/photos", files: ["a.jpg": randomData(300_000), "notes.txt": Data("ok\n".utf8)])
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: folder, project: "acme")
        _ = try await gateway.drain()
        let package = try #require(try await gateway.store.package(for: queued.record.handoffID))
        let message = try #require(try workspace.sentMessages().first)
        let digest = try python("""
            import email, email.policy, hashlib, sys
            msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
            parts = [p for p in msg.iter_attachments()]
            print(len(parts), parts[0].get_filename(), hashlib.sha256(parts[0].get_content()).hexdigest())
            """, [message])
        #expect(digest.trimmingCharacters(in: .whitespacesAndNewlines) == "1 photos.zip \(package.sha256)")
    }

    @Test("a recipient outside the project is refused by name and nothing is queued")
    func guardRefuses() throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        let gateway = try workspace.gateway()
        let error = try #require(throws: HandoffError.self) {
            try gateway.deliver(path: folder, project: "acme", to: [try EmailAddress(parsing: "dana@acme.test")], bcc: [try EmailAddress(parsing: "rival@other.test")])
        }
        #expect(error.kind == .badInput)
        #expect(error.exitCode == 65)
        #expect(error.message.contains("rival@other.test"))
        #expect(try gateway.store.jobs().isEmpty)
    }

    @Test("an unknown project or a missing folder is refused before anything is queued")
    func badIntake() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        let unknown = try #require(throws: HandoffError.self) { try gateway.deliver(path: workspace.root, project: "nope") }
        #expect(unknown.message.contains("nope"))
        let missing = try #require(throws: HandoffError.self) { try gateway.deliver(path: workspace.root + "/absent", project: "acme") }
        #expect(missing.message.contains("absent"))
        try FileManager.default.createSymbolicLink(atPath: workspace.root + "/loop", withDestinationPath: "loop")
        let loop = try #require(throws: HandoffError.self) { try gateway.deliver(path: workspace.root + "/loop", project: "acme") }
        #expect(loop.message.contains("symbolic link loop"), "a loop is not a missing file: \(loop.message)")
        #expect(try gateway.store.jobs().isEmpty)
    }

    @Test("a deliverable removed after queuing fails for good, naming its path")
    func sourceGone() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: folder, project: "acme")
        try FileManager.default.removeItem(atPath: folder)
        let report = try await gateway.drain()
        #expect(report.failures.count == 1)
        let record = try #require(try await gateway.store.handoff(queued.record.handoffID))
        #expect(record.status == .failed)
        #expect(record.lastError?.contains(folder) == true)
        #expect(try await gateway.store.job(forHandoff: queued.record.handoffID)?.state == .failed)
        #expect(try workspace.sentMessages().isEmpty)
    }

    @Test("--via link publishes the package and mails a signed link instead of attaching it")
    func viaLink() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: folder, project: "acme", via: .link)
        _ = try await gateway.drain()
        let record = try #require(try await gateway.store.handoff(queued.record.handoffID))
        #expect(record.decidedRoute == .link)
        let link = try #require(record.linkUrl)
        #expect(link.hasPrefix("http://127.0.0.1:8787/d/\(record.id)/brochure.zip?exp="))
        #expect(FileManager.default.fileExists(atPath: workspace.root + "/var/links/\(record.id)/brochure.zip"))
        let text = try workspace.contents(of: try #require(try workspace.sentMessages().first))
        #expect(text.contains("/d/\(record.id)/brochure.zip"))
        #expect(!text.contains("Content-Disposition: attachment"))
        let kinds = try await gateway.store.ledgerEvents(handoff: record.handoffID).map(\.kind)
        #expect(kinds == ["queued", "packaged", "published", "sent"])
        // The run's line gives the VA the link too.
        let line = try #require(try gateway.summary(of: record.handoffID)).line
        #expect(line.contains("  via link  ") && line.hasSuffix("  link \(link)"))
    }

    @Test("auto routing sends a package over the mail limit as a link")
    func autoRoutesLargeToLink() async throws {
        let workspace = try Workspace(mail: "max_attachment_mb = 1")
        let folder = try workspace.makeDeliverable("work/video", files: ["clip.bin": randomData(900_000)])
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: folder, project: "acme")
        _ = try await gateway.drain()
        // 900 KB fits 1 MiB raw, but not once base64-encoded: the encoded size decides.
        #expect(try await gateway.store.handoff(queued.record.handoffID)?.decidedRoute == .link)
    }

    @Test("deliver = email refuses a package that does not fit, without sending anything")
    func emailTooLarge() async throws {
        let workspace = try Workspace(mail: "max_attachment_mb = 1", project: "deliver = \"email\"")
        let folder = try workspace.makeDeliverable("work/video", files: ["clip.bin": randomData(900_000)])
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: folder, project: "acme")
        _ = try await gateway.drain()
        let record = try #require(try await gateway.store.handoff(queued.record.handoffID))
        #expect(record.status == .failed)
        #expect(record.lastError?.contains("--via link") == true)
        #expect(try workspace.sentMessages().isEmpty)
    }

    @Test("an encrypted package goes out with its passphrase in a second message only")
    func encrypted() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/contracts")
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: folder, project: "acme", encrypt: true)
        _ = try await gateway.drain()
        let package = try #require(try await gateway.store.package(for: queued.record.handoffID))
        let passphrase = try #require(package.passphrase)
        let texts = try workspace.sentMessages().map { try workspace.contents(of: $0) }
        #expect(texts.count == 2)
        #expect(texts.filter { $0.contains(passphrase) }.count == 1)
        #expect(texts.filter { $0.contains("Content-Disposition: attachment") && !$0.contains(passphrase) }.count == 1)
        // The passphrase never enters the ledger.
        let events = try await gateway.store.ledgerEvents(handoff: queued.record.handoffID)
        #expect(!events.map(\.detail).contains { $0.contains(passphrase) })
        // ...but the transport's word on the passphrase message does.
        let keyEvent = try #require(events.first { $0.decodedDetail()["part"] == "passphrase" })
        #expect(keyEvent.decodedDetail()["reply"]?.hasPrefix("written to ") == true)
    }

    @Test("a gateway loaded without its mail secret queues, but refuses to run jobs")
    func drainNeedsSecrets() async throws {
        let workspace = try Workspace(mail: "")
        let text = try workspace.contents(of: workspace.configPath).replacingOccurrences(
            of: "transport = \"file\"",
            with: "transport = \"smtp\"\nurl = \"smtp://127.0.0.1:1\"\nusername = \"pat@va.test\"\npassword = \"env:HANDOFF_TEST_UNSET_PASSWORD\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: workspace.configPath))
        let config = try ConfigLoader.load(path: workspace.configPath, environment: [:], secrets: .deferred)
        let gateway = try Gateway(config: config, logger: Logger(label: "handoff.test"))
        let queued = try gateway.deliver(path: try workspace.makeDeliverable("work/brochure"), project: "acme")

        let error = await #expect(throws: HandoffError.self) { try await gateway.drain() }
        #expect(error?.kind == .config)
        #expect(error?.message.contains("HANDOFF_TEST_UNSET_PASSWORD, which is not set") == true)
        // Nothing was touched: the delivery waits, unclaimed.
        #expect(try await gateway.store.job(forHandoff: queued.record.handoffID)?.attempts == 0)
    }

    @Test("draining twice sends nothing twice")
    func drainTwice() async throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        _ = try gateway.deliver(path: try workspace.makeDeliverable("work/a"), project: "acme")
        _ = try await gateway.drain()
        let second = try await gateway.drain()
        #expect(second.handoffs.isEmpty)
        #expect(try workspace.sentMessages().count == 1)
    }
}

import Crypto
import Foundation
import HandoffCLITesting
import HandoffConfig
import HandoffCore
import HandoffGateway
import HandoffStore
import HandoffTestSupport
import Logging
import Testing

/// `inbox poll` end to end against the stack's Postfix and Dovecot. Each test reads an IMAP
/// folder of its own: mail to `va+FOLDER@va.test` goes through Postfix into that folder of
/// the VA's mailbox (Dovecot's detail delivery), so the tests never share mail.
@Suite("Inbox poll against Postfix and Dovecot")
struct InboxPollTests {
    let stack: TestStack
    let root: String

    init() throws {
        stack = try TestStack.load()
        root = try TemporaryFolder.create()
    }

    /// A Handoff installation whose inbox is `folder` on the stack's IMAP server.
    func gateway(folder: String, implicitTLS: Bool = true) throws -> (Gateway, String) {
        let port = stack[implicitTLS ? "IMAPS_PORT" : "IMAP_PORT"]
        let config = """
            [gateway]
            data_dir = "var"
            outbox = "outbox"
            sender = "Pat Example <va@va.test>"

            [mail]
            transport = "file"

            [[inbox.mailbox]]
            name = "test"
            source = "\(implicitTLS ? "imaps" : "imap")://127.0.0.1:\(port)/\(folder)"
            username = "\(stack["VA_USER"])"
            password = "env:HANDOFF_TEST_IMAP_PASSWORD"
            ca_file = "\(stack.caFile)"

            [projects.acme]
            name = "Acme Realty"
            contacts = ["client@acme.test"]
            allow = ["acme.test"]
            """
        try FileManager.default.createDirectory(atPath: root + "/config", withIntermediateDirectories: true)
        let path = root + "/config/handoff.toml"
        try Data(config.utf8).write(to: URL(fileURLWithPath: path))
        let loaded = try ConfigLoader.load(path: path, environment: ["HANDOFF_TEST_IMAP_PASSWORD": stack["VA_PASSWORD"]])
        var logger = Logger(label: "test.inbox.poll")
        logger.logLevel = .critical
        return (try Gateway(config: loaded, logger: logger), path)
    }

    static func message(_ number: Int, attachment: [UInt8]? = nil, messageID: String? = nil) -> [UInt8] {
        var lines = [
            "From: Client <client@acme.test>", "To: va@va.test", "Subject: Task \(number)",
            "Message-ID: <\(messageID ?? "task-\(number)-\(UUID().uuidString)@acme.test")>", "Date: Wed, 02 Dec 2026 10:00:00 +0000",
            "MIME-Version: 1.0",
        ]
        if let attachment {
            lines += [
                "Content-Type: multipart/mixed; boundary=\"b\"", "", "--b", "Content-Type: text/plain", "", "Task \(number), file attached.",
                "--b", "Content-Type: application/pdf", "Content-Disposition: attachment; filename=\"brief-\(number).pdf\"",
                "Content-Transfer-Encoding: base64", "",
            ]
            let encoded = Data(attachment).base64EncodedString()
            var index = encoded.startIndex
            while index < encoded.endIndex {
                let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
                lines.append(String(encoded[index..<end]))
                index = end
            }
            lines += ["--b--"]
        } else {
            lines += ["Content-Type: text/plain", "", "Please do task \(number)."]
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// Hands `message` to Postfix's SMTP port for `va+folder@va.test`.
    func sendThroughPostfix(_ message: [UInt8], folder: String) throws {
        let file = root + "/outgoing-\(UUID().uuidString).eml"
        try Data(message).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = [
            "--silent", "--show-error", "smtp://127.0.0.1:\(stack["SMTP_PORT"])", "--mail-from", "client@acme.test",
            "--mail-rcpt", "va+\(folder)@va.test", "--upload-file", file,
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "curl could not hand the message to Postfix")
    }

    /// Waits (bounded) until Postfix has delivered `count` messages into the folder.
    func waitForDelivery(_ client: IMAPInboxClient, folder: String, count: Int) async throws {
        let deadline = Date().addingTimeInterval(30)
        while try await client.flags(in: folder).count < count {
            guard Date() < deadline else {
                Issue.record("Postfix did not deliver \(count) messages into \(folder) within 30 s")
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test("mail sent through Postfix becomes requests with exact attachments, flagged \\Seen; a second poll adds nothing", arguments: [true, false])
    func postfixToRequests(implicitTLS: Bool) async throws {
        defer { TemporaryFolder.remove(root) }
        let client = try await IMAPInboxClient.login(stack)
        let folder = try await client.makeMailbox("poll")
        let pdf = (0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try sendThroughPostfix(Self.message(1, attachment: pdf), folder: folder)
        try sendThroughPostfix(Self.message(2), folder: folder)
        try await waitForDelivery(client, folder: folder, count: 2)

        let (gateway, _) = try gateway(folder: folder, implicitTLS: implicitTLS)
        let report = try await gateway.pollMailbox(gateway.config.inbox.mailboxes[0])
        #expect(report.fetched == 2)
        #expect(report.requests.count == 2)
        let details = try await gateway.store.requestDetails(project: try ProjectID("acme"))
        #expect(details.count == 2)
        let attachment = try #require(details.flatMap { $0.messages.flatMap(\.attachments) }.first)
        #expect(attachment.sha256 == Self.sha256(pdf))
        let request = try #require(details.first { !$0.messages.flatMap(\.attachments).isEmpty })
        let saved = root + "/var/requests/acme/\(request.summary.id)/\(attachment.savedName)"
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: saved))) == pdf)
        #expect(try await client.flags(in: folder).values.allSatisfy { $0.contains("\\Seen") })

        let again = try await gateway.pollMailbox(gateway.config.inbox.mailboxes[0])
        #expect(again.fetched == 0)
        #expect(try await gateway.store.requests().count == 2)
    }

    @Test("doctor logs in to the mailbox and reports its message count and UIDVALIDITY; a wrong password fails it")
    func doctor() async throws {
        defer { TemporaryFolder.remove(root) }
        let client = try await IMAPInboxClient.login(stack)
        let folder = try await client.makeMailbox("doctor")
        for number in 1...2 { try await client.append(Self.message(number), to: folder) }
        let validity = try #require(try await client.uidValidity(of: folder))
        let (_, configPath) = try gateway(folder: folder)

        let good = await runInProcess(["doctor", "--config", configPath], environment: ["HANDOFF_TEST_IMAP_PASSWORD": stack["VA_PASSWORD"]])
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        let line = try #require(good.stdout.split(separator: "\n").first { $0.contains("mailbox test") })
        #expect(line.hasPrefix("ok"))
        #expect(line.contains("2 messages"))
        #expect(line.contains("UIDVALIDITY \(validity)"))
        #expect(!good.stdout.contains(stack["VA_PASSWORD"]))

        let bad = await runInProcess(["doctor", "--config", configPath], environment: ["HANDOFF_TEST_IMAP_PASSWORD": "not-the-Pa55word"])
        #expect(bad.status == 69)
        #expect(bad.stdout.split(separator: "\n").contains { $0.hasPrefix("FAIL") && $0.contains("mailbox test") })
        #expect(!bad.stdout.contains("not-the-Pa55word") && !bad.stderr.contains("not-the-Pa55word"))
    }

    @Test("the first poll of a mailbox with old mail reads only from `since` (7 days)")
    func sinceOnFirstPoll() async throws {
        defer { TemporaryFolder.remove(root) }
        let client = try await IMAPInboxClient.login(stack)
        let folder = try await client.makeMailbox("since")
        try await client.append(Self.message(1), to: folder, date: "01-Jan-2025 10:00:00 +0000")
        try await client.append(Self.message(2), to: folder, date: "15-Mar-2025 10:00:00 +0000")
        try await client.append(Self.message(3), to: folder)

        let (gateway, _) = try gateway(folder: folder)
        let report = try await gateway.pollMailbox(gateway.config.inbox.mailboxes[0])
        #expect(report.fetched == 1)
        let subjects = try await gateway.store.requests().compactMap(\.subject)
        #expect(subjects == ["Task 3"])
        // Later mail comes in whatever its date: the checkpoint, not `since`, decides now.
        try await client.append(Self.message(4), to: folder, date: "01-Feb-2025 10:00:00 +0000")
        #expect(try await gateway.pollMailbox(gateway.config.inbox.mailboxes[0]).fetched == 1)
    }

    @Test("a UIDVALIDITY change reads the folder again and stores only what is new")
    func uidValidityChange() async throws {
        defer { TemporaryFolder.remove(root) }
        let client = try await IMAPInboxClient.login(stack)
        let folder = try await client.makeMailbox("validity")
        let messages = (1...3).map { Self.message($0) }
        for message in messages { try await client.append(message, to: folder) }
        let (gateway, _) = try gateway(folder: folder)
        let mailbox = gateway.config.inbox.mailboxes[0]
        #expect(try await gateway.pollMailbox(mailbox).requests.count == 3)
        let before = try #require(try await gateway.store.mailboxCheckpoint(mailbox.name))

        try await client.recreate(folder)
        for message in messages { try await client.append(message, to: folder) }
        // The same Message-ID with other content is a new message, not a duplicate.
        let reusedID = String(decoding: messages[0], as: UTF8.self).split(separator: "\r\n").first { $0.hasPrefix("Message-ID: <") }
        let id = try #require(reusedID).dropFirst("Message-ID: <".count).dropLast()
        try await client.append(Self.message(9, messageID: String(id)), to: folder)
        #expect(try await client.uidValidity(of: folder) != before.uidValidity)

        let report = try await gateway.pollMailbox(mailbox)
        #expect(report.rescanned)
        #expect(report.fetched == 4)
        #expect(report.ignored == 3)
        #expect(report.requests.count == 1)
        #expect(try await gateway.store.requests().count == 4)
    }

    @Test("a poll killed mid-way and run again loses and doubles nothing")
    func killedMidPoll() async throws {
        defer { TemporaryFolder.remove(root) }
        let client = try await IMAPInboxClient.login(stack)
        let folder = try await client.makeMailbox("kill")
        let count = 300
        let attachment = (0..<30_000).map { UInt8(truncatingIfNeeded: $0) }
        var ids: [String] = []
        for number in 1...count {
            let id = "kill-\(number)-\(UUID().uuidString)@acme.test"
            ids.append(id)
            try await client.append(Self.message(number, attachment: attachment, messageID: id), to: folder)
        }
        let (_, configPath) = try gateway(folder: folder)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try handoffExecutable())
        process.arguments = ["inbox", "poll", "--once", "--config", configPath]
        process.environment = ["HANDOFF_TEST_IMAP_PASSWORD": stack["VA_PASSWORD"], "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Killed once some requests are on disk: in the middle of storing a batch.
        let requests = root + "/var/requests/acme"
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline,
              ((try? FileManager.default.contentsOfDirectory(atPath: requests))?.count ?? 0) < 20 {
            try await Task.sleep(for: .milliseconds(5))
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the poll ended before it could be killed; make the folder bigger")

        let (gateway, _) = try gateway(folder: folder)
        _ = try await gateway.pollMailbox(gateway.config.inbox.mailboxes[0])
        let details = try await gateway.store.requestDetails()
        let stored = details.flatMap(\.messages).compactMap(\.messageID)
        #expect(stored.count == count)
        #expect(Set(stored) == Set(ids))
        #expect(try await client.flags(in: folder).values.allSatisfy { $0.contains("\\Seen") })
    }
}

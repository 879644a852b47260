import Foundation
import HandoffCLITesting
import HandoffCore
@testable import HandoffGateway
import HandoffStore
import Testing

/// Client mail dropped into the default Maildir, read by `handoff inbox poll --once`, and
/// checked through `handoff requests` as a VA would.
@Suite("Inbox: mail becomes requests")
struct InboxIngestTests {
    static func mail(
        from: String = "Dana Client <dana@acme.test>", to: String = "pat@va.test", subject: String = "Flyer for 12 Harbour View",
        id: String, headers: [String] = [], body: String = "Please make a flyer.", attachment: (name: String, data: String)? = nil
    ) -> String {
        var lines = ["From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: Wed, 02 Dec 2026 09:00:00 +0000", "Message-ID: <\(id)>"] + headers
        lines.append("MIME-Version: 1.0")
        if let attachment {
            lines += [
                "Content-Type: multipart/mixed; boundary=\"b1\"", "", "--b1", "Content-Type: text/plain; charset=utf-8", "", body,
                "--b1", "Content-Type: application/octet-stream", "Content-Disposition: attachment; filename=\"\(attachment.name)\"",
                "Content-Transfer-Encoding: base64", "", Data(attachment.data.utf8).base64EncodedString(), "--b1--", "",
            ]
        } else {
            lines += ["Content-Type: text/plain; charset=utf-8", "", body, ""]
        }
        return lines.joined(separator: "\n")
    }

    func poll(_ workspace: Workspace) async throws -> [[String: Any]] {
        let result = await runInProcess(["inbox", "poll", "--once", "--json", "--config", workspace.configPath])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    func request(_ id: String, _ workspace: Workspace) async throws -> [String: Any] {
        let result = await runInProcess(["requests", "show", id, "--json", "--config", workspace.configPath])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test("a client's mail becomes a request of its project, with its attachment on disk")
    func newRequest() async throws {
        let workspace = try Workspace()
        let file = try workspace.deliverToMaildir(Self.mail(id: "m1@acme.test", attachment: ("brief.txt", "twelve rooms")))
        let polled = try await poll(workspace)
        #expect(polled.first?["newRequests"] as? [String] == ["R-1"])

        let request = try await request("R-1", workspace)
        #expect(request["project"] as? String == "acme")
        #expect(request["state"] as? String == "open")
        #expect(request["subject"] as? String == "Flyer for 12 Harbour View")
        let messages = try #require(request["messages"] as? [[String: Any]])
        #expect(messages.count == 1)
        #expect((messages.first?["text"] as? String)?.contains("Please make a flyer.") == true)
        let attachment = try #require((messages.first?["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["name"] as? String == "brief.txt")
        let path = try #require(attachment["path"] as? String)
        #expect(path == "requests/acme/R-1/brief.txt")
        #expect(try workspace.contents(of: workspace.root + "/var/" + path) == "twelve rooms")
        #expect(attachment["sha256"] as? String == "c5e3be747b6f814e4110d6f39b0941a93010a36ff9abfd6f57ed1861e35ab3ee")

        // Flagged as seen, never deleted.
        let cur = try FileManager.default.contentsOfDirectory(atPath: workspace.root + "/var/maildir/cur")
        #expect(cur == [file + ":2,S"])
        // A second poll adds nothing.
        let again = try await poll(workspace)
        #expect(again.first?["fetched"] as? Int == 0)
    }

    @Test("a reply joins its request; the same Message-ID quoted by a stranger does not")
    func threading() async throws {
        let workspace = try Workspace()
        try workspace.deliverToMaildir(Self.mail(id: "m1@acme.test"))
        _ = try await poll(workspace)
        try workspace.deliverToMaildir(Self.mail(subject: "Re: Flyer", id: "m2@acme.test", headers: ["In-Reply-To: <m1@acme.test>"], body: "Blue, please."))
        try workspace.deliverToMaildir(Self.mail(from: "eve@elsewhere.test", subject: "Re: Flyer [#R-1]", id: "m3@elsewhere.test", headers: ["In-Reply-To: <m1@acme.test>"]))
        let polled = try await poll(workspace)
        #expect(polled.first?["joined"] as? [String] == ["R-1"])
        #expect(polled.first?["newRequests"] as? [String] == ["R-2"])

        let first = try await request("R-1", workspace)
        #expect((first["messages"] as? [[String: Any]])?.count == 2)
        let stranger = try await request("R-2", workspace)
        #expect(stranger["project"] is NSNull)
        #expect(stranger["state"] as? String == "unmatched")
    }

    @Test("a reply read in the same poll as the mail it answers joins the request that mail opened")
    func threadingWithinOneBatch() async throws {
        let workspace = try Workspace()
        let first = try workspace.deliverToMaildir(Self.mail(id: "b1@acme.test"), name: "1000.A.test")
        let second = try workspace.deliverToMaildir(
            Self.mail(subject: "Re: Flyer", id: "b2@acme.test", headers: ["In-Reply-To: <b1@acme.test>"], body: "Blue."), name: "1000.B.test")
        // Same modification time: the Maildir is read by time, then by name.
        let stamp = Date().addingTimeInterval(-60)
        for name in [first, second] {
            try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: workspace.root + "/var/maildir/new/" + name)
        }
        let polled = try await poll(workspace)
        #expect(polled.first?["newRequests"] as? [String] == ["R-1"])
        #expect(polled.first?["joined"] as? [String] == ["R-1"])
        #expect((try await request("R-1", workspace)["messages"] as? [[String: Any]])?.count == 2)
    }

    @Test("the same message delivered twice is stored once")
    func duplicateInOneBatch() async throws {
        let workspace = try Workspace()
        try workspace.deliverToMaildir(Self.mail(id: "d1@acme.test"), name: "1000.A.test")
        try workspace.deliverToMaildir(Self.mail(id: "d1@acme.test"), name: "1000.B.test")
        let polled = try await poll(workspace)
        #expect(polled.first?["fetched"] as? Int == 2)
        #expect(polled.first?["newRequests"] as? [String] == ["R-1"])
        #expect(polled.first?["ignored"] as? Int == 1)
    }

    @Test("one poll of a mailbox at a time: a second one is skipped (exit 75) and reads nothing")
    func onePollAtATime() async throws {
        let workspace = try Workspace()
        try workspace.deliverToMaildir(Self.mail(id: "l1@acme.test"))
        var held: MailboxPollLock? = try MailboxPollLock.acquire(workspace.root + "/var/inbox/inbox/poll.lock", mailbox: "inbox")
        let skipped = await runInProcess(["inbox", "poll", "--once", "--config", workspace.configPath])
        #expect(skipped.status == 75)
        #expect(skipped.stderr.contains("being read by another Handoff process"))
        #expect(held != nil)
        held = nil
        #expect(try await poll(workspace).first?["fetched"] as? Int == 1)
    }

    @Test("a Maildir that is not there is a setting to fix: exit 78, naming the path; nothing is created")
    func missingMaildir() async throws {
        let workspace = try Workspace(inbox: "source = \"maildir:mail/missing\"")
        let result = await runInProcess(["inbox", "poll", "--once", "--config", workspace.configPath])
        #expect(result.status == 78)
        #expect(result.stderr.contains(workspace.root + "/mail/missing"))
        #expect(!FileManager.default.fileExists(atPath: workspace.root + "/mail/missing"))
    }

    @Test("an unknown sender goes to triage; assign moves the request and its files")
    func triage() async throws {
        let workspace = try Workspace()
        try workspace.deliverToMaildir(Self.mail(from: "new@stranger.test", id: "s1@stranger.test", attachment: ("../../etc/passwd", "x")))
        _ = try await poll(workspace)
        let request = try await request("R-1", workspace)
        let attachment = try #require(((request["messages"] as? [[String: Any]])?.first?["attachments"] as? [[String: Any]])?.first)
        let path = try #require(attachment["path"] as? String)
        #expect(path.hasPrefix("requests/_unmatched/R-1/"))
        #expect(!path.dropFirst("requests/_unmatched/R-1/".count).contains("/"))
        #expect(attachment["original_name"] as? String == "../../etc/passwd")

        let assigned = await runInProcess(["requests", "assign", "R-1", "-p", "acme", "--config", workspace.configPath])
        #expect(assigned.status == 0, "\(assigned.stderr)")
        let moved = try await self.request("R-1", workspace)
        #expect(moved["project"] as? String == "acme")
        let newPath = try #require(((moved["messages"] as? [[String: Any]])?.first?["attachments"] as? [[String: Any]])?.first?["path"] as? String)
        #expect(newPath.hasPrefix("requests/acme/R-1/"))
        #expect(FileManager.default.fileExists(atPath: workspace.root + "/var/" + newPath))
    }

    @Test("acknowledgements: threaded, marked auto-replied, never to automatic mail, at most 3 per sender an hour")
    func acknowledgements() async throws {
        let workspace = try Workspace(project: "acknowledge = true")
        try workspace.deliverToMaildir(Self.mail(id: "a1@acme.test"))
        try workspace.deliverToMaildir(Self.mail(subject: "Out of office", id: "a2@acme.test", headers: ["Auto-Submitted: auto-replied"]))
        let run = await runInProcess(["run", "--once", "--config", workspace.configPath])
        #expect(run.status == 0, "\(run.stderr)")
        let sent = try workspace.sentMessages()
        #expect(sent.count == 1)
        let ack = try workspace.contents(of: try #require(sent.first))
        #expect(ack.contains("Auto-Submitted: auto-replied"))
        #expect(ack.contains("In-Reply-To: <a1@acme.test>"))
        #expect(ack.contains("[#R-1]"))
        #expect(ack.contains("To: dana@acme.test") || ack.contains("To: <dana@acme.test>"))

        for index in 3...7 { try workspace.deliverToMaildir(Self.mail(subject: "Task \(index)", id: "a\(index)@acme.test")) }
        _ = await runInProcess(["run", "--once", "--config", workspace.configPath])
        #expect(try workspace.sentMessages().count == 3)
    }

    @Test("a bounce marks the handoff bounced and never becomes a request; a read receipt is recorded")
    func reports() async throws {
        let workspace = try Workspace(gateway: "notify_failures = true")
        let folder = try workspace.makeDeliverable("outbox/acme/flyer")
        let queued = await runInProcess(["deliver", folder, "-p", "acme", "--config", workspace.configPath])
        #expect(queued.status == 0, "\(queued.stderr)")
        _ = await runInProcess(["run", "--once", "--config", workspace.configPath])
        let sent = try workspace.contents(of: try #require(try workspace.sentMessages().first))
        let messageID = try #require(sent.split(separator: "\r\n").first { $0.hasPrefix("Message-ID: ") }).dropFirst("Message-ID: ".count)

        let dsn = """
            From: Mail Delivery System <MAILER-DAEMON@relay.acme.test>
            To: pat@va.test
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <dsn1@relay.acme.test>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="r1"

            --r1
            Content-Type: text/plain

            I'm sorry to have to inform you that your message could not be delivered.
            --r1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; relay.acme.test

            Final-Recipient: rfc822; dana@acme.test
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 no such mailbox

            --r1
            Content-Type: text/rfc822-headers

            From: pat@va.test
            To: dana@acme.test
            Message-ID: \(messageID)

            --r1--

            """
        try workspace.deliverToMaildir(dsn)
        let polled = try await poll(workspace)
        #expect(polled.first?["reports"] as? Int == 1)
        #expect((polled.first?["newRequests"] as? [String])?.isEmpty == true)

        let list = await runInProcess(["queue", "list", "--json", "--config", workspace.configPath])
        #expect(list.stdout.contains("\"handoffStatus\" : \"bounced\""))
        let handoff = try HandoffID(parsing: queued.stdout.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: .whitespaces).first ?? "")
        let events = try await workspace.gateway().store.ledgerEvents(handoff: handoff)
        let bounced = try #require(events.last { $0.kind == "bounced" })
        guard case .bounced(let payload) = bounced.payload else { Issue.record("not a bounced payload"); return }
        #expect(payload.recipient == "dana@acme.test")
        #expect(payload.status == "5.1.1")
        // notify_failures: the VA hears of the bounce, once.
        let notices = try workspace.sentMessages().map { try workspace.contents(of: $0) }.filter { $0.contains("X-Handoff-Notice: bounced") }
        #expect(notices.count == 1)
        #expect(notices.first?.contains("dana@acme.test: 5.1.1") == true)
        let receipt = await runInProcess(["receipts", "acme", "--format", "md", "--config", workspace.configPath])
        #expect(receipt.stdout.contains("Returned undelivered for dana@acme.test"), "\(receipt.stdout)\(receipt.stderr)")

        let mdn = """
            From: Dana Client <dana@acme.test>
            To: pat@va.test
            Subject: Read: your files
            Message-ID: <mdn1@acme.test>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=disposition-notification; boundary="m1"

            --m1
            Content-Type: text/plain

            Your message was displayed.
            --m1
            Content-Type: message/disposition-notification

            Final-Recipient: rfc822; dana@acme.test
            Original-Message-ID: \(messageID)
            Disposition: manual-action/MDN-sent-manually; displayed

            --m1--

            """
        try workspace.deliverToMaildir(mdn)
        let read = try await poll(workspace)
        #expect(read.first?["reports"] as? Int == 1)
        let after = try await workspace.gateway().store.ledgerEvents(handoff: handoff)
        #expect(after.contains { $0.kind == "displayed" })
        let requests = await runInProcess(["requests", "list", "--json", "--config", workspace.configPath])
        #expect(requests.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]" || !requests.stdout.contains("R-"))
    }
}

@Suite("Acknowledgement subjects")
struct AcknowledgementSubjectTests {
    @Test("Re: once, the request tag once, and no control character from the client's subject", arguments: [
        ("Flyer", "Re: Flyer [#R-7]"),
        ("Re: Flyer", "Re: Flyer [#R-7]"),
        ("Re: Flyer [#R-7]", "Re: Flyer [#R-7]"),
        ("Flyer\r\nBcc: eve@evil.test", "Re: Flyer  Bcc: eve@evil.test [#R-7]"),
        ("", "Re: your request [#R-7]"),
    ])
    func subject(_ original: String, _ expected: String) {
        #expect(Gateway.tagged(Gateway.replySubject(original), with: RequestID(number: 7)) == expected)
    }
}

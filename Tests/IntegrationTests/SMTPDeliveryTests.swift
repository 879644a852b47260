import Foundation
import HandoffCore
import HandoffMail
import HandoffStore
import Testing
@testable import HandoffGateway

/// Deliveries through the stack's real Postfix (submission: STARTTLS + AUTH), read back
/// from Dovecot over IMAP and parsed by Python's email package.
@Suite("SMTP against Postfix and Dovecot", .serialized)
struct SMTPDeliveryTests {
    let stack: TestStack

    init() throws {
        stack = try TestStack.load()
    }

    var client: Mailbox { Mailbox(stack: stack, user: stack["CLIENT_USER"], password: stack["CLIENT_PASSWORD"]) }
    var other: Mailbox { Mailbox(stack: stack, user: stack["OTHER_USER"], password: stack["OTHER_PASSWORD"]) }

    @Test("delivered, fetched back over IMAP: the attachment is the package byte for byte; Bcc gets it unseen")
    func deliverAndReadBack() async throws {
        let workspace = try MailWorkspace(stack: stack)
        let folder = try workspace.deliverable("brochure", files: ["photo.jpg": randomData(3_000_000), "notes.txt": Data("Final cut\n".utf8)])
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: folder, project: "acme", bcc: [try EmailAddress(parsing: stack["OTHER_USER"])])
        let id = queued.record.handoffID
        let errors = try await gateway.runDueJobs()
        #expect(errors.isEmpty, "\(errors.map(\.message))")

        let (handoff, job) = try gateway.state(of: id)
        #expect(handoff.status == .sent)
        #expect(job.state == .succeeded)
        #expect(handoff.serverReply?.hasPrefix("250 2.0.0 Ok: queued as ") == true)
        let sent = try #require(try await gateway.store.ledgerEvents(handoff: id).first { $0.kind == "sent" }).decodedDetail()
        #expect(sent["accepted"] == "\(stack["CLIENT_USER"]), \(stack["OTHER_USER"])")
        #expect(sent["reply"] == handoff.serverReply)

        let package = try #require(try await gateway.store.package(for: id))
        let uids = try await client.waitFor(header: "X-Handoff-ID", id.rawValue)
        #expect(uids.count == 1)
        let mail = try ParsedMail.parse(try await client.fetch(uid: try #require(uids.first)))
        #expect(mail.attachments == ["brochure.zip": package.sha256])
        #expect(mail.bcc == nil)
        #expect(mail.to?.contains(stack["CLIENT_USER"]) == true)

        let hidden = try await other.waitFor(header: "X-Handoff-ID", id.rawValue)
        #expect(hidden.count == 1)
        let blind = try ParsedMail.parse(try await other.fetch(uid: try #require(hidden.first)))
        #expect(blind.attachments == ["brochure.zip": package.sha256])
        #expect(blind.bcc == nil)
        #expect(blind.to?.contains(stack["OTHER_USER"]) == false)
        #expect(blind.cc == nil)
    }

    @Test("implicit TLS (smtps://) delivers too")
    func implicitTLS() async throws {
        let workspace = try MailWorkspace(stack: stack, url: stack.smtpsURL)
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: try workspace.deliverable("memo", files: ["memo.txt": Data("hi\n".utf8)]), project: "acme")
        #expect(try await gateway.runDueJobs().isEmpty)
        #expect(try gateway.state(of: queued.record.handoffID).handoff.status == .sent)
        #expect(try await client.waitFor(header: "X-Handoff-ID", queued.record.id).count == 1)
    }

    @Test("a wrong password fails at once: authentication failed for USER at HOST, never retried")
    func wrongPassword() async throws {
        let workspace = try MailWorkspace(stack: stack, mail: MailWorkspace.login(stack, password: "HANDOFF_TEST_WRONG_PASSWORD"))
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: try workspace.deliverable("memo", files: ["memo.txt": Data("hi\n".utf8)]), project: "acme", via: .email)
        let errors = try await gateway.runDueJobs()
        #expect(errors.first?.kind == .config)
        #expect(errors.first?.message.hasPrefix("authentication failed for \(stack["VA_USER"]) at 127.0.0.1") == true)
        #expect(errors.first?.message.contains("not-the-password") == false)
        let (handoff, job) = try gateway.state(of: queued.record.handoffID)
        #expect(handoff.status == .failed)
        #expect(job.state == .failed)
        #expect(job.attempts == 1)
    }

    @Test("a certificate from an unknown CA is refused, with or without a ca_file", arguments: [true, false])
    func unknownCA(withBadCAFile: Bool) async throws {
        let workspace = try MailWorkspace(stack: stack, mail: MailWorkspace.login(stack, caFile: withBadCAFile ? stack.badCAFile : nil))
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: try workspace.deliverable("memo", files: ["memo.txt": Data("hi\n".utf8)]), project: "acme", via: .email)
        let errors = try await gateway.runDueJobs()
        #expect(errors.first?.kind == .config)
        #expect(errors.first?.message.contains("TLS with 127.0.0.1:") == true)
        #expect(try gateway.state(of: queued.record.handoffID).handoff.status == .failed)
    }

    @Test("a recipient the server refuses (550) fails with its words and is not retried")
    func refusedRecipient() async throws {
        let workspace = try MailWorkspace(stack: stack)
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(
            path: try workspace.deliverable("memo", files: ["memo.txt": Data("hi\n".utf8)]), project: "acme",
            to: [try EmailAddress(parsing: stack.bounceAddress)])
        let errors = try await gateway.runDueJobs()
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("550 5.1.1") == true)
        let (handoff, job) = try gateway.state(of: queued.record.handoffID)
        #expect(handoff.status == .failed)
        #expect(handoff.lastError?.contains("no such mailbox") == true)
        #expect(job.state == .failed)
        #expect(job.attempts == 1)
    }

    @Test("notify_failures: a recipient refused with 550 brings the VA one notice in their own mailbox, the client none")
    func failureNotice() async throws {
        let workspace = try MailWorkspace(stack: stack, gateway: "notify_failures = true")
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(
            path: try workspace.deliverable("memo", files: ["memo.txt": Data("hi\n".utf8)]), project: "acme",
            to: [try EmailAddress(parsing: stack.bounceAddress)])
        let id = queued.record.handoffID
        let errors = try await gateway.runDueJobs()
        #expect(errors.count == 1)
        let (handoff, job) = try gateway.state(of: id)
        #expect(handoff.status == .failed)
        #expect(job.state == .failed)
        let jobID = try #require(job.id)
        let recorded = try #require(try await gateway.store.ledgerEvents(handoff: id).last { $0.kind == "notice_sent" }).decodedDetail()
        #expect(recorded["to"] == stack["VA_USER"])
        #expect(recorded["reply"]?.hasPrefix("250 ") == true)

        let va = Mailbox(stack: stack, user: stack["VA_USER"], password: stack["VA_PASSWORD"])
        // The delivery itself reached nobody, so the only message about this handoff is the notice.
        let uids = try await va.waitFor(header: "X-Handoff-ID", id.rawValue)
        #expect(uids.count == 1)
        let notice = try ParsedMail.parse(try await va.fetch(uid: try #require(uids.first)))
        #expect(notice.subject == "Handoff \(id.rawValue) to Acme Realty failed")
        #expect(notice.to == "Pat Example <\(stack["VA_USER"])>")
        #expect(notice.messageID == recorded["message_id"])
        #expect(notice.attachments.isEmpty)
        let text = try #require(notice.text)
        #expect(text.contains("Recipients:   \(stack.bounceAddress)\n"))
        #expect(text.contains("550 5.1.1"))
        #expect(text.contains("  handoff queue retry \(jobID)\n"))
        // The refused recipient's domain is served by the same Dovecot: nothing reached the client.
        #expect(try await client.search(header: "X-Handoff-ID", id.rawValue).isEmpty)
    }

    @Test("partial acceptance: recorded per recipient, partially_sent, never sent again")
    func partialAcceptance() async throws {
        let workspace = try MailWorkspace(stack: stack)
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(
            path: try workspace.deliverable("memo", files: ["memo.txt": Data("hi\n".utf8)]), project: "acme",
            to: [try EmailAddress(parsing: stack["CLIENT_USER"]), try EmailAddress(parsing: stack.bounceAddress)])
        let id = queued.record.handoffID
        #expect(try await gateway.runDueJobs().isEmpty)
        let (handoff, job) = try gateway.state(of: id)
        #expect(handoff.status == .partiallySent)
        #expect(job.state == .succeeded)
        #expect(handoff.lastError?.contains("\(stack.bounceAddress): 550 5.1.1") == true)
        let sent = try #require(try await gateway.store.ledgerEvents(handoff: id).first { $0.kind == "sent" }).decodedDetail()
        #expect(sent["accepted"] == stack["CLIENT_USER"])
        #expect(sent["refused"]?.hasPrefix("\(stack.bounceAddress): 550 5.1.1") == true)
        #expect(sent["partial"] == "yes")
        // Nothing is due any more, even far in the future: the accepted one got it once.
        #expect(try await gateway.runDueJobs(at: Date().addingTimeInterval(86_400)).isEmpty)
        #expect(try await client.waitFor(header: "X-Handoff-ID", id.rawValue).count == 1)
    }

    @Test("a reply to a request threads: Re: subject, In-Reply-To, References")
    func threadedReply() async throws {
        let workspace = try MailWorkspace(stack: stack)
        let gateway = try workspace.gateway()
        try gateway.store.saveRequest(id: "R-7", project: try ProjectID("acme"), messageID: "<req-7@client.acme.test>", subject: "Listing photos, please")
        let queued = try gateway.deliver(path: try workspace.deliverable("photos", files: ["a.txt": Data("a\n".utf8)]), project: "acme", request: "R-7")
        #expect(try await gateway.runDueJobs().isEmpty)
        let uids = try await client.waitFor(header: "X-Handoff-ID", queued.record.id)
        let mail = try ParsedMail.parse(try await client.fetch(uid: try #require(uids.first)))
        #expect(mail.subject == "Re: Listing photos, please")
        #expect(mail.inReplyTo == "<req-7@client.acme.test>")
        #expect(mail.references == "<req-7@client.acme.test>")
    }

    @Test("the server's SIZE decides: email refuses before sending, auto sends a link")
    func sizeRouting() async throws {
        // 24 MB of random bytes grow to about 32.4 MB in base64: over the 30 MiB limit,
        // under max_attachment_mb = 100.
        let workspace = try MailWorkspace(stack: stack)
        let folder = try workspace.deliverable("video", files: ["cut.bin": randomData(24_000_000)])
        let gateway = try workspace.gateway()
        #expect(try await gateway.transport.messageSizeLimit() == stack.sizeLimit)

        let byEmail = try gateway.deliver(path: folder, project: "acme", via: .email)
        let errors = try await gateway.runDueJobs()
        #expect(errors.first?.message.contains("over the mail limit") == true)
        #expect(try gateway.state(of: byEmail.record.handoffID).handoff.status == .failed)
        #expect(try gateway.state(of: byEmail.record.handoffID).handoff.messageId == nil)

        let auto = try gateway.deliver(path: folder, project: "acme", via: .auto, idempotencyKey: "auto")
        #expect(try await gateway.runDueJobs().isEmpty)
        let handoff = try gateway.state(of: auto.record.handoffID).handoff
        #expect(handoff.status == .sent)
        #expect(handoff.decidedRoute == .link)
    }

    @Test("sent_folder: the exact message is appended to the VA's Sent folder, and found there by Message-ID")
    func sentFolder() async throws {
        let workspace = try MailWorkspace(stack: stack, mail: MailWorkspace.login(stack) + "\nsent_folder = \"\(stack.imapsURL)/Sent\"")
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: try workspace.deliverable("memo", files: ["memo.txt": Data("copy me\n".utf8)]), project: "acme")
        let id = queued.record.handoffID
        #expect(try await gateway.runDueJobs().isEmpty)
        let handoff = try gateway.state(of: id).handoff
        let sent = try #require(try await gateway.store.ledgerEvents(handoff: id).first { $0.kind == "sent" }).decodedDetail()
        #expect(sent["sent_copy"] == "saved in Sent")

        let sentBox = Mailbox(stack: stack, user: stack["VA_USER"], password: stack["VA_PASSWORD"], folder: "Sent")
        let uids = try await sentBox.search(header: "X-Handoff-ID", id.rawValue)
        #expect(uids.count == 1)
        let delivered = try await client.waitFor(header: "X-Handoff-ID", id.rawValue)
        let copy = try ParsedMail.parse(try await sentBox.fetch(uid: try #require(uids.first)))
        let received = try ParsedMail.parse(try await client.fetch(uid: try #require(delivered.first)))
        #expect(copy.messageID == handoff.messageId)
        #expect(copy.attachments == received.attachments)

        // A fresh transport (as after a restart) finds the message there by its Message-ID.
        let restarted = try workspace.gateway()
        let messageID = try MessageIDFixture.parse(try #require(handoff.messageId))
        #expect(await restarted.transport.wasSent(messageID: messageID) == true)
        #expect(await restarted.transport.wasSent(messageID: try MessageIDFixture.parse("<never-sent@va.test>")) == nil)
    }
}

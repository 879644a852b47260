import Foundation
import HandoffCore
import HandoffCurl
import HandoffTestSupport
import HandoffMIME
import Logging
import Testing
@testable import HandoffMail

/// The IMAP inbox against the stack's Dovecot: libcurl logs in (CONNECT_ONLY), the session
/// speaks IMAP itself. Each test works in a mailbox of its own, so they run in parallel.
@Suite("IMAP inbox against Dovecot")
struct IMAPInboxTests {
    let stack: TestStack
    let logger = Logger(label: "test.imap.inbox")

    init() throws {
        stack = try TestStack.load()
    }

    func account(_ mailbox: String, implicitTLS: Bool = true, password: String? = nil, caFile: String? = nil) -> IMAPAccount {
        let port = Int(stack[implicitTLS ? "IMAPS_PORT" : "IMAP_PORT"]) ?? 0
        return IMAPAccount(
            host: "127.0.0.1", port: port, tls: implicitTLS ? .implicitTLS : .startTLS, mailbox: mailbox,
            login: .password(username: stack["VA_USER"], password: Secret(password ?? stack["VA_PASSWORD"], source: "test")),
            trust: TLSTrust(caFile: caFile ?? stack.caFile), timeoutSeconds: 20)
    }

    func open(_ account: IMAPAccount) async throws -> any InboxSession {
        try await IMAPInboxSource(name: "test", account: account).open(logger: logger)
    }

    @Test("libcurl logs in on CONNECT_ONLY for imap:// (STARTTLS) and imaps://: SELECT needs the authenticated state", arguments: [false, true])
    func connectOnlyLogsIn(implicitTLS: Bool) async throws {
        let stream = CurlStream(name: "test.imap.pin")
        defer { stream.close() }
        let response = try await stream.connect(try IMAPInboxClient.request(stack, implicitTLS: implicitTLS))
        #expect(response.failure == nil)
        let sent = try await stream.send(Array("p1 SELECT INBOX\r\n".utf8), timeout: 10)
        #expect(sent == nil)
        var reader = IMAPResponseReaderForTests()
        let tagged = try await reader.tagged("p1", from: stream)
        #expect(tagged == .ok)
    }

    @Test("pending, fetch and markProcessed: bytes exact, \\Seen only after markProcessed", arguments: [false, true])
    func pollCycle(implicitTLS: Bool) async throws {
        let client = try await IMAPInboxClient.login(stack)
        let mailbox = try await client.makeMailbox()
        let messages = (1...3).map { IMAPInboxClient.message($0) }
        for message in messages { try await client.append(message, to: mailbox) }

        let session = try await open(account(mailbox, implicitTLS: implicitTLS))
        #expect(session.uidValidity != 0)
        #expect(try await client.uidValidity(of: mailbox) == session.uidValidity)
        #expect(try await session.messageCount() == 3)
        let refs = try await session.pending(afterUID: 0, since: nil)
        #expect(refs.map(\.size) == messages.map { Int64($0.count) })
        #expect(refs.map(\.key) == refs.map { String($0.uid) })

        let folder = try TemporaryFolder.create()
        defer { TemporaryFolder.remove(folder) }
        let fetched = try await session.fetch(refs, into: folder, maxBytes: 1 << 20)
        #expect(fetched.count == 3)
        for (message, original) in zip(fetched, messages) {
            #expect(message.complete)
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: message.file))) == original)
        }
        #expect(try await client.flags(in: mailbox).values.allSatisfy { !$0.contains("\\Seen") })

        try await session.markProcessed(Array(refs.prefix(2)), moveTo: nil)
        let flags = try await client.flags(in: mailbox)
        #expect(flags[refs[0].uid]?.contains("\\Seen") == true)
        #expect(flags[refs[1].uid]?.contains("\\Seen") == true)
        #expect(flags[refs[2].uid]?.contains("\\Seen") == false)
        #expect(try await session.pending(afterUID: refs[1].uid, since: nil).map(\.uid) == [refs[2].uid])
        #expect(try await session.pending(afterUID: refs[2].uid, since: nil).isEmpty)
        await session.close()
    }

    @Test("a 300 KB message of long lines arrives byte for byte")
    func longLines() async throws {
        let client = try await IMAPInboxClient.login(stack)
        let mailbox = try await client.makeMailbox()
        var generator = SeededGenerator(seed: 300)
        let line = { (count: Int) in String((0..<count).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement(using: &generator)! }) }
        let body = (0..<30).map { _ in line(10_000) }.joined(separator: "\r\n")
        let message = IMAPInboxClient.message(1, body: body)
        #expect(message.count > 300_000)
        try await client.append(message, to: mailbox)

        let session = try await open(account(mailbox))
        let folder = try TemporaryFolder.create()
        defer { TemporaryFolder.remove(folder) }
        let fetched = try await session.fetch(try await session.pending(afterUID: 0, since: nil), into: folder, maxBytes: 1 << 20)
        #expect(fetched.count == 1)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: try #require(fetched.first).file))) == message)
        await session.close()
    }

    @Test("a batch of 100 messages: all fetched, each exact, in UID order")
    func hundred() async throws {
        let client = try await IMAPInboxClient.login(stack)
        let mailbox = try await client.makeMailbox()
        let messages = (1...100).map { IMAPInboxClient.message($0) }
        for message in messages { try await client.append(message, to: mailbox) }

        let session = try await open(account(mailbox))
        let refs = try await session.pending(afterUID: 0, since: nil)
        #expect(refs.count == 100)
        #expect(refs.map(\.uid) == refs.map(\.uid).sorted())
        let folder = try TemporaryFolder.create()
        defer { TemporaryFolder.remove(folder) }
        let fetched = try await session.fetch(refs, into: folder, maxBytes: 1 << 20)
        #expect(try fetched.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0.file))) } == messages)
        await session.close()
    }

    @Test("a message over maxBytes comes as its header only, marked incomplete, with its real size")
    func headerOnly() async throws {
        let client = try await IMAPInboxClient.login(stack)
        let mailbox = try await client.makeMailbox()
        let message = IMAPInboxClient.message(1, body: String(repeating: "x", count: 5_000))
        try await client.append(message, to: mailbox)
        let session = try await open(account(mailbox))
        let folder = try TemporaryFolder.create()
        defer { TemporaryFolder.remove(folder) }
        let fetched = try #require(try await session.fetch(try await session.pending(afterUID: 0, since: nil), into: folder, maxBytes: 1_000).first)
        #expect(!fetched.complete)
        #expect(fetched.ref.size == Int64(message.count))
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: fetched.file)), as: UTF8.self)
        #expect(text.hasPrefix("From: Client"))
        #expect(text.hasSuffix("\r\n\r\n"))
        #expect(!text.contains("xxxx"))
        #expect(try await client.flags(in: mailbox).values.allSatisfy { !$0.contains("\\Seen") })
        await session.close()
    }

    @Test("SINCE: a day after today finds nothing, a day before finds the message")
    func since() async throws {
        let client = try await IMAPInboxClient.login(stack)
        let mailbox = try await client.makeMailbox()
        try await client.append(IMAPInboxClient.message(1), to: mailbox)
        let session = try await open(account(mailbox))
        #expect(try await session.pending(afterUID: 0, since: Date().addingTimeInterval(2 * 86_400)).isEmpty)
        #expect(try await session.pending(afterUID: 0, since: Date().addingTimeInterval(-2 * 86_400)).count == 1)
        await session.close()
    }

    @Test("processed messages move to the processed folder (UID MOVE), read")
    func moveToProcessed() async throws {
        let client = try await IMAPInboxClient.login(stack)
        let mailbox = try await client.makeMailbox()
        let processed = try await client.makeMailbox("processed")
        try await client.append(IMAPInboxClient.message(1), to: mailbox)
        let session = try await open(account(mailbox))
        let refs = try await session.pending(afterUID: 0, since: nil)
        try await session.markProcessed(refs, moveTo: processed)
        #expect(try await client.flags(in: mailbox).isEmpty)
        let moved = try await client.flags(in: processed)
        #expect(moved.count == 1)
        #expect(moved.values.first?.contains("\\Seen") == true)
        await session.close()
    }

    @Test("IDLE wakes when another client appends")
    func idle() async throws {
        let client = try await IMAPInboxClient.login(stack)
        let mailbox = try await client.makeMailbox()
        let session = try await open(account(mailbox))
        #expect(session.canIdle)
        #expect(try await session.waitForNews(upTo: 0.3) == false)
        let started = ContinuousClock.now
        // Another client, on its own connection, appends while the session waits.
        let stack = stack
        let appender = Task {
            try await IMAPInboxClient.login(stack).append(IMAPInboxClient.message(1), to: mailbox)
        }
        #expect(try await session.waitForNews(upTo: 30) == true)
        try await appender.value
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(try await session.pending(afterUID: 0, since: nil).count == 1)
        await session.close()
    }

    @Test("XOAUTH2: a refresh token logs in and the mailbox opens")
    func oauth() async throws {
        let client = try await IMAPInboxClient.login(stack)
        let mailbox = try await client.makeMailbox()
        try await client.append(IMAPInboxClient.message(1), to: mailbox)
        let refreshToken = try await ScriptedOAuthTokenServer(stack: stack).grant(for: stack["VA_USER"])
        var account = account(mailbox)
        account.login = .oauth(
            username: stack["VA_USER"],
            client: OAuthClient(
                clientID: stack["OAUTH_CLIENT_ID"], clientSecret: Secret(stack["OAUTH_CLIENT_SECRET"], source: "test"),
                refreshToken: Secret(refreshToken, source: "test"), tokenURL: stack["OAUTH_TOKEN_URL"]))
        let session = try await open(account)
        #expect(try await session.pending(afterUID: 0, since: nil).count == 1)
        await session.close()
    }

    @Test("a wrong password is .unavailable, naming the account and the way out, never the password")
    func wrongPassword() async throws {
        do {
            _ = try await open(account("INBOX", password: "wrong-secret-pass"))
            Issue.record("logged in with a wrong password")
        } catch let error as HandoffError {
            #expect(error.kind == .unavailable)
            #expect(error.message.contains(stack["VA_USER"]))
            #expect(error.message.contains("Check username and password"))
            #expect(!error.message.contains("wrong-secret-pass"))
        }
    }

    @Test("a certificate from another CA is refused, naming ca_file", arguments: [false, true])
    func badCA(implicitTLS: Bool) async throws {
        do {
            _ = try await open(account("INBOX", implicitTLS: implicitTLS, caFile: stack.badCAFile))
            Issue.record("connected with the wrong CA")
        } catch let error as HandoffError {
            #expect(error.kind == .unavailable)
            #expect(error.message.contains("ca_file"))
        }
    }

    @Test("a mailbox that does not exist is a .config error naming it")
    func missingMailbox() async throws {
        do {
            _ = try await open(account("no-such-mailbox-here"))
            Issue.record("selected a mailbox that does not exist")
        } catch let error as HandoffError {
            #expect(error.kind == .config)
            #expect(error.message.contains("no-such-mailbox-here"))
            #expect(error.message.contains("SELECT"))
        }
    }
}

/// Reads the pin test's reply with the grammar under test elsewhere.
struct IMAPResponseReaderForTests {
    var reader = IMAPResponseReader()

    mutating func tagged(_ tag: String, from stream: CurlStream) async throws -> IMAPStatus? {
        while true {
            guard case .bytes(let bytes) = try await stream.receive(timeout: 10), !bytes.isEmpty else { return nil }
            for case .response(.tagged(tag, let status, _, _)) in try reader.feed(bytes) { return status }
        }
    }
}

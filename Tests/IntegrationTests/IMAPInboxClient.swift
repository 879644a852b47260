import Foundation
import HandoffCore
import HandoffCurl
import HandoffMIME
import Testing
@testable import HandoffMail

/// A second IMAP client for the inbox tests: logs in on its own connection (libcurl's
/// CONNECT_ONLY, like the inbox), makes test mailboxes, appends messages (as another mail
/// client or an MDA would) and reads flags back.
final class IMAPInboxClient {
    private let stream = CurlStream(name: "test.imap.client")
    private var reader = IMAPResponseReader()
    private var pending: [IMAPResponseEvent] = []
    private var tagNumber = 0

    static func request(_ stack: TestStack, user: String? = nil, password: String? = nil, implicitTLS: Bool = true, caFile: String? = nil) throws -> CurlRequest {
        var request = CurlRequest(url: (implicitTLS ? stack.imapsURL : stack["IMAP_URL"]) + "/")
        request.username = user ?? stack["VA_USER"]
        request.password = password ?? stack["VA_PASSWORD"]
        request.extraTrustAnchors = Array(try Data(contentsOf: URL(fileURLWithPath: caFile ?? stack.caFile)))
        request.connectTimeout = 10
        request.stallTimeout = 10
        return request
    }

    /// Logs in as the VA (or fails the test with libcurl's reason).
    static func login(_ stack: TestStack, implicitTLS: Bool = true) async throws -> IMAPInboxClient {
        let client = IMAPInboxClient()
        let response = try await client.stream.connect(try request(stack, implicitTLS: implicitTLS))
        if let failure = response.failure { throw HandoffError.unavailable("test client login: \(failure.message)") }
        return client
    }

    deinit {
        stream.close()
    }

    /// Sends a command (and, after it, a LITERAL+ body) and returns every response up to and
    /// including its tagged one; a NO or BAD throws.
    @discardableResult
    func command(_ text: String, literal: [UInt8]? = nil) async throws -> [IMAPResponse] {
        tagNumber += 1
        let tag = "t\(tagNumber)"
        var bytes = Array("\(tag) \(text)".utf8)
        if let literal { bytes += Array(" {\(literal.count)+}\r\n".utf8) + literal }
        bytes += Array("\r\n".utf8)
        if let failure = try await stream.send(bytes, timeout: 30) { throw HandoffError.unavailable("send: \(failure.message)") }
        var responses: [IMAPResponse] = []
        while true {
            let event = try await nextEvent()
            guard case .response(let response) = event else { continue }
            responses.append(response)
            if case .tagged(tag, let status, _, let text) = response {
                guard status == .ok else { throw HandoffError.unavailable("\(text) → \(status) \(text)") }
                return responses
            }
        }
    }

    private func nextEvent() async throws -> IMAPResponseEvent {
        while pending.isEmpty {
            switch try await stream.receive(timeout: 30) {
            case .bytes(let bytes):
                if bytes.isEmpty { throw HandoffError.unavailable("the test server closed the connection") }
                pending = try reader.feed(bytes)
            case .failed(let failure):
                throw HandoffError.unavailable("receive: \(failure.message)")
            }
        }
        return pending.removeFirst()
    }

    /// A new, empty mailbox with a unique name, so tests running at once never share one.
    ///
    /// Dovecot's Maildir storage can refuse one of several CREATEs made at the same moment
    /// with "Mailbox already exists" (they race on its UIDVALIDITY file), so a refused
    /// CREATE is tried again under a new name.
    func makeMailbox(_ prefix: String = "inbox-test") async throws -> String {
        var attempt = 0
        while true {
            attempt += 1
            let name = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
            do {
                try await command("CREATE \(IMAPString.quoted(name))")
                return name
            } catch let error as HandoffError where attempt < 5 && error.message.contains("already exists") {
                continue
            }
        }
    }

    /// - Parameter date: the internal date (`01-Jan-2025 10:00:00 +0000`), which SINCE
    ///   reads; now when nil.
    func append(_ message: [UInt8], to mailbox: String, date: String? = nil) async throws {
        let internalDate = date.map { " \"\($0)\"" } ?? ""
        try await command("APPEND \(IMAPString.quoted(mailbox))\(internalDate)", literal: message)
    }

    /// Deletes and creates `mailbox` again: the server gives it a new UIDVALIDITY.
    func recreate(_ mailbox: String) async throws {
        try await command("DELETE \(IMAPString.quoted(mailbox))")
        try await command("CREATE \(IMAPString.quoted(mailbox))")
    }

    /// The mailbox's UIDVALIDITY, as EXAMINE reports it.
    func uidValidity(of mailbox: String) async throws -> UInt64? {
        for response in try await command("EXAMINE \(IMAPString.quoted(mailbox))") {
            if case .status(.ok, let code?, _) = response, code.name == "UIDVALIDITY" { return code.number }
        }
        return nil
    }

    /// The flags of each message in `mailbox`, by UID (EXAMINE: read-only, changes nothing).
    func flags(in mailbox: String) async throws -> [UInt32: [String]] {
        try await command("EXAMINE \(IMAPString.quoted(mailbox))")
        var flags: [UInt32: [String]] = [:]
        for response in try await command("UID FETCH 1:* (UID FLAGS)") {
            if case .fetch(let fetch) = response, let uid = fetch.uid { flags[uid] = fetch.flags ?? [] }
        }
        return flags
    }

    /// A small message with CRLF line ends, numbered so each is different.
    static func message(_ number: Int, body: String? = nil) -> [UInt8] {
        let text = """
            From: Client <client@acme.test>\r
            To: VA <va@va.test>\r
            Subject: Request \(number)\r
            Message-ID: <inbox-\(number)-\(UUID().uuidString)@acme.test>\r
            Date: Wed, 02 Dec 2026 10:00:00 +0000\r
            \r
            \(body ?? "Please do task \(number).")\r

            """
        return Array(text.utf8)
    }
}

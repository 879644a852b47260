import Foundation
import HandoffCore
import HandoffCurl

/// Reads a test user's mailbox on the stack's Dovecot over IMAPS, with libcurl.
struct Mailbox {
    let stack: TestStack
    let user: String
    let password: String
    var folder = "INBOX"
    private let connection = CurlConnection(name: "test.imap")

    init(stack: TestStack, user: String, password: String, folder: String = "INBOX") {
        self.stack = stack
        self.user = user
        self.password = password
        self.folder = folder
    }

    private func request(_ suffix: String = "") throws -> CurlRequest {
        var request = CurlRequest(url: "\(stack.imapsURL)/\(folder)\(suffix)")
        request.username = user
        request.password = password
        request.extraTrustAnchors = Array(try Data(contentsOf: URL(fileURLWithPath: stack.caFile)))
        request.connectTimeout = 10
        request.stallTimeout = 10
        request.maxBodyBytes = 64 << 20
        return request
    }

    /// UIDs of the messages whose `header` contains `value`.
    func search(header: String, _ value: String) async throws -> [Int] {
        var request = try request()
        request.customRequest = "UID SEARCH HEADER \(header) \"\(value)\""
        let response = try await connection.perform(request)
        if let failure = response.failure { throw HandoffError.unavailable("IMAP search as \(user): \(failure.message)") }
        let lines = response.transcript.compactMap { line -> String? in
            if case .received(let text) = line { return text }
            return nil
        }
        return lines.flatMap { line -> [Int] in
            let words = line.split(separator: " ")
            guard words.count >= 2, words[0] == "*", words[1].uppercased() == "SEARCH" else { return [] }
            return words.dropFirst(2).compactMap { Int($0) }
        }
    }

    /// The raw message with this UID.
    func fetch(uid: Int) async throws -> Data {
        let response = try await connection.perform(try request(";UID=\(uid)"))
        if let failure = response.failure { throw HandoffError.unavailable("IMAP fetch as \(user): \(failure.message)") }
        return Data(response.body)
    }

    /// Waits for Postfix to hand the message to Dovecot (it queues first, then delivers over
    /// LMTP): polls the search, bounded, and returns the UIDs once `count` are there.
    func waitFor(header: String, _ value: String, count: Int = 1, seconds: Double = 30) async throws -> [Int] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let uids = try await search(header: header, value)
            if uids.count >= count || Date() > deadline { return uids }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

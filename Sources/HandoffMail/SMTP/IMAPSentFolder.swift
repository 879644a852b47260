import Foundation
import HandoffCore
import HandoffCurl

/// The VA's IMAP folder that keeps a copy of every sent message (`sent_folder`), so their
/// own mail client shows what Handoff sent, and so a resumed job can look a message up.
public struct IMAPFolderSettings: Sendable {
    /// `imap://HOST:PORT` (STARTTLS required) or `imaps://HOST:PORT`, without a path.
    public var serverURL: String
    public var mailbox: String
    public var username: String
    public var password: Secret
    public var trust: TLSTrust

    public init(serverURL: String, mailbox: String, username: String, password: Secret, trust: TLSTrust) {
        self.serverURL = serverURL
        self.mailbox = mailbox
        self.username = username
        self.password = password
        self.trust = trust
    }

    var host: String { URL(string: serverURL)?.host ?? serverURL }

    /// The folder's URL, its name percent-encoded (`Sent Items` → `Sent%20Items`).
    var mailboxURL: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = mailbox.addingPercentEncoding(withAllowedCharacters: allowed) ?? mailbox
        return (serverURL.hasSuffix("/") ? serverURL : serverURL + "/") + encoded
    }
}

/// APPEND and UID SEARCH against the sent folder, through libcurl.
struct IMAPSentFolder: Sendable {
    let settings: IMAPFolderSettings
    let extraTrustAnchors: [UInt8]?
    let timeout: Int
    private let connection = CurlConnection(name: "handoff.imap")

    init(settings: IMAPFolderSettings, extraTrustAnchors: [UInt8]?, timeout: Int) {
        self.settings = settings
        self.extraTrustAnchors = extraTrustAnchors
        self.timeout = timeout
    }

    private func request() -> CurlRequest {
        var request = CurlRequest(url: settings.mailboxURL)
        request.username = settings.username
        request.password = settings.password.reveal()
        request.extraTrustAnchors = extraTrustAnchors
        request.insecureSkipVerify = settings.trust.insecureSkipVerify
        request.connectTimeout = timeout
        request.stallTimeout = timeout
        return request
    }

    /// Appends the message exactly as sent (streamed, like the SMTP upload).
    /// A folder that does not exist yet (the server says `[TRYCREATE]`) is created once.
    func append(_ message: RenderedMessage) async throws(HandoffError) {
        var request = request()
        request.upload = message.upload
        var response = try await connection.perform(request)
        if response.failure != nil, Self.saysTryCreate(response.transcript) {
            var create = self.request()
            create.url = settings.serverURL
            create.customRequest = "CREATE \"\(settings.mailbox.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
            _ = try await connection.perform(create)
            response = try await connection.perform(request)
        }
        if let failure = response.failure {
            throw .unavailable("Could not save a copy in \(settings.mailbox) on \(settings.host) for \(settings.username): \(failure.message).")
        }
    }

    static func saysTryCreate(_ transcript: [TranscriptLine]) -> Bool {
        transcript.contains { line in
            if case .received(let text) = line { return text.uppercased().contains("[TRYCREATE]") }
            return false
        }
    }

    /// Whether a message with this Message-ID is in the folder.
    func contains(_ messageID: MessageID) async throws(HandoffError) -> Bool {
        var request = request()
        request.customRequest = "UID SEARCH HEADER Message-ID \"\(messageID.bracketed)\""
        let response = try await connection.perform(request)
        if let failure = response.failure {
            throw .unavailable("Could not search \(settings.mailbox) on \(settings.host) for \(settings.username): \(failure.message).")
        }
        let lines = response.transcript.compactMap { line -> String? in
            if case .received(let text) = line { return text }
            return nil
        } + String(decoding: response.body, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
        return !IMAPSearchResult.uids(in: lines).isEmpty
    }
}

/// Reads the `* SEARCH 4 9` lines of an IMAP SEARCH response (RFC 9051 7.3.4). Pure.
enum IMAPSearchResult {
    static func uids(in lines: [String]) -> [Int] {
        var uids: [Int] = []
        for line in lines {
            let words = line.split(separator: " ")
            guard words.count >= 2, words[0] == "*", words[1].uppercased() == "SEARCH" else { continue }
            uids += words.dropFirst(2).compactMap { Int($0) }
        }
        return uids
    }
}

import Foundation
import HandoffCore
import HandoffCurl
import HandoffMIME
import Logging

/// The VA's IMAP folder that keeps a copy of every sent message (`sent_folder`), so their
/// own mail client shows what Handoff sent, and so a resumed job can look a message up.
/// The configuration checks it when it loads; this is what the transport needs of it.
public typealias IMAPFolderSettings = IMAPFolder

extension IMAPFolder {
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
    private let logger: Logger
    private let connection = CurlConnection(name: "handoff.imap")

    init(settings: IMAPFolderSettings, extraTrustAnchors: [UInt8]?, timeout: Int, logger: Logger) {
        self.settings = settings
        self.extraTrustAnchors = extraTrustAnchors
        self.timeout = timeout
        self.logger = logger
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
            create.customRequest = "CREATE \(IMAPString.quoted(settings.mailbox))"
            _ = try await connection.perform(create)
            logger.info("the sent folder did not exist; asked the server to create it", metadata: ["imap.host": "\(settings.host)", "imap.mailbox": "\(settings.mailbox)"])
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

    /// For `handoff doctor`: logs in, then opens the folder read-only; changes nothing.
    /// A folder that does not exist yet is fine (the first copy creates it).
    func check() async -> Result<String, HandoffError> {
        var login = request()
        login.url = settings.serverURL
        login.customRequest = "NOOP"
        let account = "\(settings.username) at \(settings.host)"
        do throws(HandoffError) {
            let response = try await connection.perform(login)
            if let failure = response.failure {
                // A wrong password or certificate is a setting to fix; anything else, a
                // server that could not be reached.
                let setting: Set<CurlFailure.Kind> = [.loginDenied, .certificateRejected, .tlsNotOffered]
                let kind: HandoffError.Kind = setting.contains(failure.kind) ? .config : .unavailable
                return .failure(HandoffError(kind, "Cannot log in to the sent folder's server as \(account): \(failure.message)."))
            }
            var examine = request()
            examine.url = settings.serverURL
            examine.customRequest = "EXAMINE \(IMAPString.quoted(settings.mailbox))"
            if try await connection.perform(examine).failure != nil {
                return .success("logged in as \(account); \(settings.mailbox) does not exist yet and is created with the first copy")
            }
            return .success("logged in as \(account); copies go to \(settings.mailbox)")
        } catch {
            return .failure(error)
        }
    }

    /// Whether a message with this Message-ID is in the folder.
    func contains(_ messageID: MessageID) async throws(HandoffError) -> Bool {
        var request = request()
        request.customRequest = "UID SEARCH HEADER Message-ID \(IMAPString.quoted(messageID.bracketed))"
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

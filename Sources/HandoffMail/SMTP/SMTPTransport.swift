import Foundation
import HandoffCore
import HandoffCurl
import HandoffMIME
import Logging

/// Sends messages to a submission server over libcurl: `smtp://` with STARTTLS required, or
/// `smtps://`; AUTH with a password or an OAuth 2.0 token; certificates verified.
///
/// The message streams through libcurl's read callback, its attachment base64-encoded from
/// the package file as libcurl sends it, so memory does not grow with the attachment and
/// no copy of the message is written to disk first. Connections stay open between sends (one per concurrent
/// worker), so a batch of deliveries is one SMTP session. The server's replies are read from
/// libcurl's protocol trace (`SMTPSession`) and classified (`SMTPOutcome`): the final reply
/// and each recipient's answer go back in the `SendResult`.
public struct SMTPTransport: MailTransport {
    public struct Configuration: Sendable {
        public var server: SMTPServer
        /// The name given in EHLO: normally the sender's domain.
        public var ehloDomain: String
        /// Where a copy of each sent message goes, if anywhere.
        public var sentFolder: IMAPFolderSettings?

        public init(server: SMTPServer, ehloDomain: String, sentFolder: IMAPFolderSettings? = nil) {
            self.server = server
            self.ehloDomain = ehloDomain
            self.sentFolder = sentFolder
        }
    }

    public let configuration: Configuration
    let login: SMTPLogin
    private let extraTrustAnchors: [UInt8]?
    private let pool = ConnectionPool(name: "handoff.smtp")
    private let memory = SMTPMemory()
    private let sentFolder: IMAPSentFolder?
    private let logger: Logger

    public init(_ configuration: Configuration, logger: Logger) throws(HandoffError) {
        self.configuration = configuration
        self.logger = logger
        let server = configuration.server
        let anchors = try Self.readTrustAnchors(server.trust.caFile)
        extraTrustAnchors = anchors
        login = try SMTPLogin.make(server, extraTrustAnchors: anchors, logger: logger)
        if let folder = configuration.sentFolder {
            let folderAnchors = folder.trust.caFile == server.trust.caFile ? anchors : try Self.readTrustAnchors(folder.trust.caFile)
            sentFolder = IMAPSentFolder(settings: folder, extraTrustAnchors: folderAnchors, timeout: server.timeoutSeconds, logger: logger)
        } else {
            sentFolder = nil
        }
    }

    var host: String { configuration.server.host }
    var endpoint: String { "\(configuration.server.host):\(configuration.server.port)" }
    var account: String { login.username ?? "(no login)" }

    // MARK: - MailTransport

    public func send(_ message: RenderedMessage, envelope: Envelope) async throws(HandoffError) -> SendResult {
        let messageID = message.messageID
        guard !envelope.recipients.isEmpty else {
            throw .badInput("The message \(messageID) has no recipient in its envelope; nothing was sent.")
        }
        await memory.record(messageID, .sending)
        let session: SMTPSession
        let outcome: SMTPOutcome
        do throws(HandoffError) {
            var (request, freshToken) = try await baseRequest()
            request.mailFrom = envelope.sender
            request.mailRecipients = envelope.recipients
            request.allowRecipientFailures = true
            request.upload = message.upload
            (session, outcome, _) = try await transfer(request, freshToken: freshToken)
        } catch {
            // Thrown before the transfer or by the message's reader (an attachment gone or
            // changed), which stops the upload before its final dot: the server has nothing.
            await memory.record(messageID, .notSent)
            throw error
        }

        logger.debug("smtp conversation ended", metadata: [
            "message.id": "\(messageID)", "smtp.endpoint": "\(endpoint)", "smtp.outcome": "\(outcome)",
        ])
        switch outcome {
        case .delivered(let final, let accepted, let refused):
            await memory.record(messageID, .sent)
            var result = SendResult(serverReply: final.text, accepted: accepted, refused: refused)
            result.sentCopy = await saveCopy(of: message)
            return result
        case .possiblySent(let reason):
            await memory.record(messageID, .possiblySent)
            throw .temporary("The message \(messageID) was possibly sent through \(endpoint): \(reason). It is not sent again on its own.")
        default:
            await memory.record(messageID, .notSent)
            throw error(for: outcome, session: session, what: "the message \(messageID)")
        }
    }

    /// After a failed send in this process: false when the server surely did not take the
    /// message, nil when it may have. After a restart nothing is remembered: the sent folder
    /// is asked when there is one, otherwise the answer is nil (possibly sent).
    public func wasSent(messageID: MessageID) async -> Bool? {
        switch await memory.state(of: messageID) {
        case .sent: return true
        case .notSent: return false
        case .sending, .possiblySent, nil: break
        }
        guard let sentFolder else { return nil }
        do throws(HandoffError) {
            return try await sentFolder.contains(messageID) ? true : nil
        } catch {
            // Unknown either way: the caller treats the message as possibly sent.
            logger.warning("cannot look the message up in the sent folder: \(error.message)", metadata: ["message.id": "\(messageID)"])
            return nil
        }
    }

    /// The server's SIZE limit from its EHLO reply, learned from the first conversation; a
    /// NOOP-only session finds it out when no send has happened yet (its connection is then
    /// reused by the first send).
    public func messageSizeLimit() async throws(HandoffError) -> Int64? {
        if await memory.knowsSizeLimit { return await memory.sizeLimit }
        let report = try await probe(purpose: "the size-limit check before sending (no message yet)")
        if let failure = report.failure { throw failure }
        return report.sizeLimit
    }

    /// For `handoff doctor`: logs in to the sent folder's server and looks for the folder,
    /// changing nothing. Nil when no sent folder is configured; the error when it fails.
    public func checkSentFolder() async -> Result<String, HandoffError>? {
        await sentFolder?.check()
    }

    // MARK: - Conversation

    /// The request every conversation starts from: URL, TLS, time limits and login.
    /// `freshToken` is true when an OAuth access token was fetched for it just now.
    func baseRequest() async throws(HandoffError) -> (request: CurlRequest, freshToken: Bool) {
        var freshToken = false
        let server = configuration.server
        let scheme = server.tls == .implicitTLS ? "smtps" : "smtp"
        // The URL's path is the EHLO name.
        var request = CurlRequest(url: "\(scheme)://\(Self.urlHost(server.host)):\(server.port)/\(configuration.ehloDomain)")
        request.requireTLS = true
        request.extraTrustAnchors = extraTrustAnchors
        request.insecureSkipVerify = server.trust.insecureSkipVerify
        request.connectTimeout = server.timeoutSeconds
        request.stallTimeout = server.timeoutSeconds
        switch login {
        case .none:
            break
        case .password(let user, let password):
            request.username = user
            request.password = password.reveal()
        case .bearer(let user, let token):
            request.username = user
            request.bearerToken = token.reveal()
        case .oauth(let user, let source):
            request.username = user
            (request.bearerToken, freshToken) = try await source.token()
        }
        return (request, freshToken)
    }

    /// Runs one SMTP transfer on a pooled connection and classifies it. A refused OAuth
    /// token that came from the cache (revoked, or expired early) is fetched anew and tried
    /// once more; one fetched for this very transfer is not, since a new one would fare
    /// no better.
    func transfer(_ request: CurlRequest, freshToken: Bool) async throws(HandoffError) -> (SMTPSession, SMTPOutcome, CurlFailure?) {
        var result = try await transferOnce(request)
        if !freshToken, case .authenticationFailed = result.1, case .oauth(_, let source) = login {
            logger.info("the server refused a cached OAuth access token; fetching a new one", metadata: ["smtp.endpoint": "\(endpoint)"])
            await source.invalidate()
            var retry = request
            retry.bearerToken = try await source.token().token
            result = try await transferOnce(retry)
        }
        return result
    }

    private func transferOnce(_ request: CurlRequest) async throws(HandoffError) -> (SMTPSession, SMTPOutcome, CurlFailure?) {
        let connection = await pool.checkOut()
        let response: CurlResponse
        do {
            response = try await connection.perform(request)
        } catch {
            await pool.checkIn(connection)
            throw error
        }
        await pool.checkIn(connection)
        let session = SMTPSession.parse(response.transcript)
        if session.ehlo != nil { await memory.learn(sizeLimit: session.sizeLimit) }
        return (session, SMTPOutcome.classify(session, failure: response.failure, uploadReachedEnd: response.uploadReachedEnd), response.failure)
    }

    /// The error a person reads for an outcome that did not deliver.
    func error(for outcome: SMTPOutcome, session: SMTPSession, what: String) -> HandoffError {
        switch outcome {
        case .delivered, .possiblySent:
            return .internal("\(what): not an error outcome.")
        case .temporary(let reason):
            return .temporary("Sending \(what) through \(endpoint) failed for now: \(reason). It will be tried again.")
        case .permanent(let reason):
            return .badInput("\(host) did not accept \(what): \(reason).")
        case .authenticationFailed(let reply):
            return .config("authentication failed for \(account) at \(host): \(reply). Check username and password (or the OAuth token) in [mail].")
        case .tlsRefused(let reason):
            let hint = configuration.server.trust.caFile == nil
                ? "If the server uses a private CA, set ca_file to its certificate."
                : "Check that ca_file (\(configuration.server.trust.caFile!)) is the CA that signed the server's certificate."
            return .config("TLS with \(endpoint) failed: \(reason). \(hint)")
        }
    }

    /// APPENDs the sent message to the sent folder; the send stands whatever happens here.
    private func saveCopy(of message: RenderedMessage) async -> String? {
        guard let sentFolder else { return nil }
        do throws(HandoffError) {
            try await sentFolder.append(message)
            return "saved in \(sentFolder.settings.mailbox)"
        } catch {
            return "not saved: \(error.message)"
        }
    }

    // MARK: - Helpers

    static func urlHost(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }

    /// The PEM bytes of `ca_file`, checked to hold at least one certificate.
    static func readTrustAnchors(_ path: String?) throws(HandoffError) -> [UInt8]? {
        guard let path else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .config("ca_file \(path) cannot be read.")
        }
        guard String(decoding: data, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw .config("ca_file \(path) holds no PEM certificate (-----BEGIN CERTIFICATE-----).")
        }
        return Array(data)
    }
}

/// What one transport remembers between sends: the server's SIZE limit and how each
/// message's last attempt ended in this process.
actor SMTPMemory {
    enum Attempt: Sendable { case sending, sent, notSent, possiblySent }

    /// Whether an EHLO reply was seen yet; `sizeLimit` is nil also when the server gave none.
    private(set) var knowsSizeLimit = false
    private(set) var sizeLimit: Int64?
    private var attempts: [String: Attempt] = [:]

    func learn(sizeLimit limit: Int64?) {
        knowsSizeLimit = true
        sizeLimit = limit
    }

    func record(_ id: MessageID, _ attempt: Attempt) {
        attempts[id.value] = attempt
    }

    func state(of id: MessageID) -> Attempt? {
        attempts[id.value]
    }
}

import Foundation
import HandoffConfig
import HandoffCore
import HandoffMail
import Logging

/// Turns `[mail]` (and `[inbox]`, for the sent folder) into the SMTP transport's own
/// description of its server: the mail module knows nothing of the configuration file.
extension Gateway {
    static func smtpConfiguration(_ config: HandoffConfiguration, _ settings: SMTPSettings, logger: Logger) throws(HandoffError) -> SMTPTransport.Configuration {
        if settings.insecureSkipVerify {
            // Loud on purpose, every time a transport is built: this is for a test server only.
            logger.warning(
                "TLS certificate verification is OFF for the mail server (insecure_skip_verify = true in [mail]): anyone on the network path can read and change what is sent.",
                metadata: ["host": "\(settings.host)"])
        }
        return SMTPTransport.Configuration(
            server: try smtpServer(settings), ehloDomain: config.gateway.sender.domain,
            sentFolder: try sentFolder(config, settings))
    }

    /// `[mail]` as the transport describes its server: the login is the one the keys give
    /// (password first, then a ready token, then a refresh token).
    static func smtpServer(_ settings: SMTPSettings) throws(HandoffError) -> SMTPServer {
        let login: SMTPServer.Login
        if let username = settings.username {
            if let password = settings.password {
                login = .password(username: username, password: password)
            } else if let token = settings.oauthToken {
                login = .bearer(username: username, token: token)
            } else if let client = settings.oauthClient {
                login = .oauth(username: username, client: client)
            } else {
                throw .config("mail.username is set to \(username) but no password, oauth_token or oauth_client_id goes with it.")
            }
        } else {
            login = .none
        }
        return SMTPServer(
            host: settings.host, port: settings.port, tls: settings.tls, login: login, trust: settings.trust,
            timeoutSeconds: settings.timeoutSeconds)
    }

    /// Where `sent_folder` lives: a full `imap://` or `imaps://` URL names its server (logged
    /// into with the SMTP account); a bare folder name is on the inbox's IMAP server when the
    /// inbox is IMAP, else on `imaps://<smtp host>:993` with the SMTP account.
    static func sentFolder(_ config: HandoffConfiguration, _ settings: SMTPSettings) throws(HandoffError) -> IMAPFolderSettings? {
        guard let folder = settings.sentFolder, !folder.isEmpty else { return nil }
        let lowered = folder.lowercased()
        if lowered.hasPrefix("imap://") || lowered.hasPrefix("imaps://") {
            guard let (server, mailbox) = splitFolderURL(folder) else {
                throw .config("mail.sent_folder '\(folder)' is not imap://HOST:PORT/FOLDER or imaps://HOST:PORT/FOLDER.")
            }
            return try smtpAccountFolder(settings, server: server, mailbox: mailbox)
        }
        if case .imap(let inbox) = config.inbox.source {
            let scheme = inbox.tls == .implicitTLS ? "imaps" : "imap"
            return IMAPFolderSettings(
                serverURL: "\(scheme)://\(inbox.host):\(inbox.port)", mailbox: folder, username: inbox.username,
                password: inbox.password, trust: inbox.trust)
        }
        return try smtpAccountFolder(settings, server: "imaps://\(settings.host):993", mailbox: folder)
    }

    private static func smtpAccountFolder(_ settings: SMTPSettings, server: String, mailbox: String) throws(HandoffError) -> IMAPFolderSettings {
        guard let username = settings.username, let password = settings.password else {
            throw .config("mail.sent_folder needs the IMAP login: set [mail] username and password (OAuth logins keep the copy through an IMAP inbox, [inbox] source = \"imaps://…\").")
        }
        return IMAPFolderSettings(serverURL: server, mailbox: mailbox, username: username, password: password, trust: settings.trust)
    }

    /// `imaps://host:993/Sent%20Items` → (`imaps://host:993`, `Sent Items`).
    static func splitFolderURL(_ text: String) -> (String, String)? {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let rest = text[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let mailbox = String(rest[rest.index(after: slash)...]).removingPercentEncoding ?? ""
        guard !mailbox.isEmpty, rest[..<slash].count > 0 else { return nil }
        return (String(text[..<slash]), mailbox)
    }
}

/// One step of a server check, for `handoff doctor`.
public struct ServerCheck: Sendable, Equatable {
    public var name: String
    public var ok: Bool
    public var detail: String
    /// For a failed check, what kind of failure: a setting to fix (`.config`) or a server
    /// that could not be reached (`.unavailable`), which decides doctor's exit code.
    public var failure: HandoffError.Kind?
}

extension Gateway {
    /// Connects to the configured SMTP server (TLS, EHLO, AUTH, SIZE) and reports each step;
    /// sends NOOP, never MAIL FROM, so nothing can be delivered (`handoff doctor`).
    public static func checkSMTP(_ config: HandoffConfiguration, _ settings: SMTPSettings, logger: Logger) async -> [ServerCheck] {
        do throws(HandoffError) {
            let transport = try SMTPTransport(smtpConfiguration(config, settings, logger: logger), logger: logger)
            let report = try await transport.probe()
            var checks = report.steps.map { ServerCheck(name: "smtp \($0.name)", ok: $0.ok, detail: $0.detail) }
            if let failure = report.failure {
                // The step that failed says it in full, with what to do; one line, not two.
                if let failed = checks.lastIndex(where: { !$0.ok }) {
                    checks[failed].detail = failure.message
                    checks[failed].failure = failure.kind
                } else {
                    checks.append(ServerCheck(name: "smtp", ok: false, detail: failure.message, failure: failure.kind))
                }
            }
            switch await transport.checkSentFolder() {
            case .success(let detail): checks.append(ServerCheck(name: "sent folder", ok: true, detail: detail))
            case .failure(let error): checks.append(ServerCheck(name: "sent folder", ok: false, detail: error.message, failure: error.kind))
            case nil: break
            }
            if let limit = report.sizeLimit, limit < config.mail.maxAttachmentBytes {
                checks.append(ServerCheck(
                    name: "smtp size", ok: true,
                    detail: "the server's limit (\(ByteCount.format(limit))) is below max_attachment_mb (\(ByteCount.format(config.mail.maxAttachmentBytes))): the lower one applies"))
            }
            return checks
        } catch {
            return [ServerCheck(name: "smtp", ok: false, detail: error.message, failure: error.kind)]
        }
    }
}

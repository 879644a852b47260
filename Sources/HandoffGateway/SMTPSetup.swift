import Foundation
import HandoffConfig
import HandoffCore
import HandoffMail
import Logging

/// Turns `[mail]` (and `[inbox]`, for the sent folder) into the SMTP transport's own
/// description of its server: the mail module knows nothing of the configuration file.
extension Gateway {
    static func smtpConfiguration(_ config: HandoffConfiguration, _ settings: SMTPSettings, logger: Logger) -> SMTPTransport.Configuration {
        if settings.insecureSkipVerify {
            // Loud on purpose, every time a transport is built: this is for a test server only.
            logger.warning(
                "TLS certificate verification is OFF for the mail server (insecure_skip_verify = true in [mail]): anyone on the network path can read and change what is sent.",
                metadata: ["host": "\(settings.host)"])
        }
        return SMTPTransport.Configuration(
            server: smtpServer(settings), ehloDomain: config.gateway.sender.domain,
            sentFolder: settings.sentFolder)
    }

    /// `[mail]` as the transport describes its server; the loader has made sure the login
    /// is whole.
    static func smtpServer(_ settings: SMTPSettings) -> SMTPServer {
        let login: SMTPServer.Login = switch settings.login {
        case .none: .none
        case .password(let username, let password): .password(username: username, password: password)
        case .bearer(let username, let token): .bearer(username: username, token: token)
        case .oauth(let username, let client): .oauth(username: username, client: client)
        }
        return SMTPServer(
            host: settings.host, port: settings.port, tls: settings.tls, login: login, trust: settings.trust,
            timeoutSeconds: settings.timeoutSeconds)
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

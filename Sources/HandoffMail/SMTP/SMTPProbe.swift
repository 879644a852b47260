import HandoffCurl
import HandoffCore
import HandoffMIME

/// What `handoff doctor` learns from the submission server without sending anything.
public struct SMTPProbeReport: Sendable {
    public struct Step: Sendable, Equatable {
        public var name: String
        public var ok: Bool
        public var detail: String
    }

    public var steps: [Step] = []
    /// The SIZE limit from EHLO, if the server announced one.
    public var sizeLimit: Int64?
    /// Why the probe failed, if it did.
    public var failure: HandoffError?
    /// Whether the conversation, as the server answered it, held MAIL FROM, RCPT TO or
    /// DATA: never, for a probe. Read from the transcript, so a test can hold it to that.
    public var startedAMessage = false
    /// The commands the server answered besides the greeting, TLS and login (`NOOP`).
    public var otherCommands: [String] = []
}

extension SMTPTransport {
    /// Connects, upgrades to TLS, says EHLO, logs in, and sends NOOP: each step is reported.
    /// No MAIL FROM is ever sent, so nothing can be delivered.
    ///
    /// - Parameter purpose: what the conversation was for, as a failure names it: the
    ///   same probe checks the server for `handoff doctor` and learns its size limit
    ///   before a delivery, and a person reading the error must know which one failed.
    public func probe(purpose: String = "the server check (connect, TLS, login; no message)") async throws(HandoffError) -> SMTPProbeReport {
        var report = SMTPProbeReport()
        var request: CurlRequest
        let freshToken: Bool
        do throws(HandoffError) {
            (request, freshToken) = try await baseRequest()
        } catch {
            report.steps.append(.init(name: "login token", ok: false, detail: error.message))
            report.failure = error
            return report
        }
        request.customRequest = "NOOP"
        let (session, outcome, failure) = try await transfer(request, freshToken: freshToken)
        let server = configuration.server

        var tlsRefused = false
        if case .tlsRefused = outcome { tlsRefused = true }
        if let greeting = session.greeting {
            report.steps.append(.init(name: "connect", ok: greeting.isPositive, detail: "\(endpoint) answered: \(greeting.text)"))
        } else if tlsRefused {
            // Implicit TLS: the handshake comes before the greeting, so there is none to show.
            report.steps.append(.init(name: "connect", ok: true, detail: "\(endpoint) took the connection"))
        } else {
            report.steps.append(.init(name: "connect", ok: false, detail: "\(endpoint): \(failure?.message ?? "no greeting")"))
        }
        // STARTTLS can be answered 220 and the handshake still fail (an unknown CA): only
        // an outcome that is not a TLS refusal, with an EHLO answered, means TLS held. The
        // EHLO answered before STARTTLS says nothing about the protected session, so the
        // later steps are only reported once TLS is up.
        let tlsOK = !tlsRefused && session.ehlo != nil && (server.tls == .implicitTLS || session.startTLS?.isPositive == true)
        if session.greeting != nil || tlsRefused {
            let how = server.tls == .implicitTLS ? "implicit TLS" : "STARTTLS"
            let verify = server.trust.insecureSkipVerify ? "certificate NOT verified (insecure_skip_verify)" : "certificate verified"
            report.steps.append(.init(name: "tls", ok: tlsOK, detail: tlsOK ? "\(how), \(verify)" : "\(how) failed"))
        }
        if tlsOK, let ehlo = session.ehlo {
            let mechanisms = session.authMechanisms.joined(separator: " ")
            report.steps.append(.init(name: "ehlo", ok: ehlo.isPositive, detail: "AUTH \(mechanisms.isEmpty ? "not offered" : mechanisms)"))
            if let username = login.username {
                let ok = session.auth?.isPositive == true
                report.steps.append(.init(name: "auth", ok: ok, detail: ok ? "logged in as \(username)" : "authentication failed for \(username) at \(host)\(session.auth.map { ": \($0.text)" } ?? "")"))
            } else {
                report.steps.append(.init(name: "auth", ok: true, detail: "no login configured"))
            }
            report.sizeLimit = session.sizeLimit
            report.steps.append(.init(name: "size", ok: true, detail: session.sizeLimit.map { "the server takes messages up to \(ByteCount.format($0))" } ?? "the server announces no limit"))
        }
        report.startedAMessage = session.mailFrom != nil || !session.recipients.isEmpty || session.data != nil
        report.otherCommands = session.other.map(\.command)
        if failure != nil {
            if case .temporary(let reason) = outcome {
                // Not "will be tried again": doctor's probe is not queued (a delivery that
                // needed the SIZE limit is, and its retry is reported where it is queued).
                report.failure = .temporary("\(purpose.prefix(1).uppercased() + purpose.dropFirst()) with \(endpoint) failed for now: \(reason). Nothing was sent.")
            } else {
                report.failure = error(for: outcome, session: session, what: purpose)
            }
        }
        return report
    }
}

import HandoffConfig
import HandoffCore
import HandoffMail
import Testing
@testable import HandoffGateway

/// `[mail]` becomes the SMTP transport's own description of its server.
@Suite("SMTP setup from [mail]")
struct SMTPSetupTests {
    static func settings(_ login: SMTPLogin) -> SMTPSettings {
        SMTPSettings(
            url: "smtps://mail.example:465", tls: .implicitTLS, host: "mail.example", port: 465, login: login,
            trust: TLSTrust(caFile: "/etc/handoff/ca.pem"), timeoutSeconds: 12)
    }

    @Test("host, port, TLS, trust and time limit are carried over")
    func carriedOver() {
        let server = Gateway.smtpServer(Self.settings(.password(username: "pat@va.example", password: Secret("pw", source: "env:P"))))
        #expect(server.host == "mail.example" && server.port == 465 && server.tls == .implicitTLS)
        #expect(server.trust == TLSTrust(caFile: "/etc/handoff/ca.pem"))
        #expect(server.timeoutSeconds == 12)
    }

    @Test("each login the loader allows becomes the same login for the transport")
    func logins() {
        guard case .password(let user, let password) = Gateway.smtpServer(Self.settings(.password(username: "pat@va.example", password: Secret("pw", source: "env:P")))).login
        else { Issue.record("expected a password login"); return }
        #expect(user == "pat@va.example" && password.reveal() == "pw")

        guard case .bearer(_, let token) = Gateway.smtpServer(Self.settings(.bearer(username: "pat@va.example", token: Secret("tok", source: "env:T")))).login
        else { Issue.record("expected a bearer login"); return }
        #expect(token.reveal() == "tok")

        let client = OAuthClient(
            clientID: "app-1", clientSecret: Secret("cs", source: "env:C"), refreshToken: Secret("rt", source: "env:R"),
            tokenURL: "https://auth.example/token")
        guard case .oauth(_, let oauth) = Gateway.smtpServer(Self.settings(.oauth(username: "pat@va.example", client: client))).login
        else { Issue.record("expected an OAuth login"); return }
        #expect(oauth.clientID == "app-1" && oauth.refreshToken.reveal() == "rt" && oauth.tokenURL == "https://auth.example/token")

        guard case .none = Gateway.smtpServer(Self.settings(.none)).login
        else { Issue.record("expected no login"); return }
    }
}

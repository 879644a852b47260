import HandoffConfig
import HandoffCore
import HandoffMail
import Testing
@testable import HandoffGateway

/// `[mail]` becomes the SMTP transport's own description of its server.
@Suite("SMTP setup from [mail]")
struct SMTPSetupTests {
    static func settings(
        username: String? = "pat@va.example", password: Secret? = nil, token: Secret? = nil, client: OAuthClient? = nil
    ) -> SMTPSettings {
        SMTPSettings(
            url: "smtps://mail.example:465", tls: .implicitTLS, host: "mail.example", port: 465, username: username,
            password: password, oauthToken: token, oauthClient: client,
            trust: TLSTrust(caFile: "/etc/handoff/ca.pem"), timeoutSeconds: 12)
    }

    @Test("host, port, TLS, trust and time limit are carried over")
    func carriedOver() throws {
        let server = try Gateway.smtpServer(Self.settings(password: Secret("pw", source: "env:P")))
        #expect(server.host == "mail.example" && server.port == 465 && server.tls == .implicitTLS)
        #expect(server.trust == TLSTrust(caFile: "/etc/handoff/ca.pem"))
        #expect(server.timeoutSeconds == 12)
    }

    @Test("the login follows the keys: password, then a ready token, then a refresh token")
    func logins() throws {
        guard case .password(let user, let password) = try Gateway.smtpServer(Self.settings(password: Secret("pw", source: "env:P"))).login
        else { Issue.record("expected a password login"); return }
        #expect(user == "pat@va.example" && password.reveal() == "pw")

        guard case .bearer(_, let token) = try Gateway.smtpServer(Self.settings(token: Secret("tok", source: "env:T"))).login
        else { Issue.record("expected a bearer login"); return }
        #expect(token.reveal() == "tok")

        let client = OAuthClient(
            clientID: "app-1", clientSecret: Secret("cs", source: "env:C"), refreshToken: Secret("rt", source: "env:R"),
            tokenURL: "https://auth.example/token")
        guard case .oauth(_, let oauth) = try Gateway.smtpServer(Self.settings(client: client)).login
        else { Issue.record("expected an OAuth login"); return }
        #expect(oauth.clientID == "app-1" && oauth.refreshToken.reveal() == "rt" && oauth.tokenURL == "https://auth.example/token")

        guard case .none = try Gateway.smtpServer(Self.settings(username: nil)).login
        else { Issue.record("expected no login"); return }
    }

    @Test("a username with nothing to log in with is a config error naming it")
    func usernameAlone() {
        let error = #expect(throws: HandoffError.self) { try Gateway.smtpServer(Self.settings()) }
        #expect(error?.kind == .config)
        #expect(error?.message.contains("mail.username is set to pat@va.example") == true)
    }
}

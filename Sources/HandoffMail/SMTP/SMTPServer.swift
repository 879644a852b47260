import HandoffCore

/// The submission server the SMTP transport talks to and how it logs in: the transport's
/// own description of its peer. Whoever reads the configuration fills it in (the gateway,
/// from `[mail]`), so this module does not depend on how settings are written.
public struct SMTPServer: Sendable {
    public var host: String
    public var port: Int
    public var tls: TLSMode
    public var login: Login
    public var trust: TLSTrust
    /// Seconds for each network step.
    public var timeoutSeconds: Int

    public enum Login: Sendable {
        /// No AUTH: a relay that trusts the connection.
        case none
        /// AUTH PLAIN or LOGIN, whichever the server offers.
        case password(username: String, password: Secret)
        /// XOAUTH2 / OAUTHBEARER with a ready access token.
        case bearer(username: String, token: Secret)
        /// XOAUTH2 / OAUTHBEARER with access tokens fetched with a refresh token.
        case oauth(username: String, client: OAuthClient)
    }

    public init(host: String, port: Int, tls: TLSMode, login: Login, trust: TLSTrust = TLSTrust(), timeoutSeconds: Int = 60) {
        self.host = host
        self.port = port
        self.tls = tls
        self.login = login
        self.trust = trust
        self.timeoutSeconds = timeoutSeconds
    }
}

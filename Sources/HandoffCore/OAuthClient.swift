/// An OAuth 2.0 client that trades a refresh token for short-lived access tokens (the
/// `oauth_*` keys of `[mail]`, and what the SMTP transport logs in with).
public struct OAuthClient: Sendable {
    /// Identifies the app; not a secret.
    public var clientID: String
    /// Absent for public clients.
    public var clientSecret: Secret?
    public var refreshToken: Secret
    /// The provider's token endpoint.
    public var tokenURL: String

    public init(clientID: String, clientSecret: Secret?, refreshToken: Secret, tokenURL: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.tokenURL = tokenURL
    }

    /// Whether the token endpoint may be reached over plain `http://`: only on this machine,
    /// since the request carries the refresh token and the client secret.
    public static func allowsPlainHTTP(toHost host: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
    }
}

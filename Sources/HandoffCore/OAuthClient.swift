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
}

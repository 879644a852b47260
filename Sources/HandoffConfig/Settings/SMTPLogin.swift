import HandoffCore

/// How Handoff logs in to the submission server. The loader allows one way at most and
/// each with its user name, so a half-set login can't reach the transport.
public enum SMTPLogin: Sendable {
    /// No AUTH: a local relay that trusts the machine.
    case none
    /// `username` and `password`.
    case password(username: String, password: Secret)
    /// `username` and `oauth_token`: a ready XOAUTH2 access token.
    case bearer(username: String, token: Secret)
    /// `username` and `oauth_client_id` with friends: XOAUTH2 tokens fetched with a refresh token.
    case oauth(username: String, client: OAuthClient)

    public var username: String? {
        switch self {
        case .none: nil
        case .password(let username, _), .bearer(let username, _), .oauth(let username, _): username
        }
    }
}

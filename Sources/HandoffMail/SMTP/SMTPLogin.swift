import Foundation
import HandoffConfig
import HandoffCore

/// How the transport logs in: not at all (a local relay), with a password (AUTH PLAIN or
/// LOGIN, whichever the server offers), or with an OAuth 2.0 access token (XOAUTH2).
enum SMTPLogin: Sendable {
    case none
    case password(username: String, password: Secret)
    case bearer(username: String, token: Secret)
    case oauth(username: String, source: OAuthTokenSource)

    var username: String? {
        switch self {
        case .none: nil
        case .password(let user, _), .bearer(let user, _), .oauth(let user, _): user
        }
    }

    static func make(_ settings: SMTPSettings, extraTrustAnchors: [UInt8]?) throws(HandoffError) -> SMTPLogin {
        guard let username = settings.username else { return .none }
        if let password = settings.password { return .password(username: username, password: password) }
        if let token = settings.oauthToken { return .bearer(username: username, token: token) }
        if let client = settings.oauthClient {
            let source = try OAuthTokenSource(client: client, trust: settings.trust, extraTrustAnchors: extraTrustAnchors, timeout: settings.timeoutSeconds)
            return .oauth(username: username, source: source)
        }
        throw .config("mail.username is set to \(username) but no password, oauth_token or oauth_client_id goes with it.")
    }
}

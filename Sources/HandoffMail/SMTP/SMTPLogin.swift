import Foundation
import HandoffCore
import Logging

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

    static func make(_ server: SMTPServer, extraTrustAnchors: [UInt8]?, logger: Logger) throws(HandoffError) -> SMTPLogin {
        switch server.login {
        case .none:
            return .none
        case .password(let username, let password):
            return .password(username: username, password: password)
        case .bearer(let username, let token):
            return .bearer(username: username, token: token)
        case .oauth(let username, let client):
            let source = try OAuthTokenSource(
                client: client, trust: server.trust, extraTrustAnchors: extraTrustAnchors, timeout: server.timeoutSeconds, logger: logger)
            return .oauth(username: username, source: source)
        }
    }
}

import Foundation
import HandoffCore
import HandoffCurl
@testable import HandoffMail

/// The stack's scripted OAuth token server, named as such (Google's and Microsoft's token
/// endpoints cannot run here): its control endpoints give each test a refresh token of its
/// own, revoke the access tokens issued so far, and count what was asked.
struct ScriptedOAuthTokenServer {
    let stack: TestStack
    private let connection = CurlConnection(name: "test.oauth")

    init(stack: TestStack) {
        self.stack = stack
    }

    /// What the server counted, for one refresh token or for all of them.
    struct Stats: Decodable, Equatable {
        /// Refresh-token grants asked for at /token, refused ones included.
        var tokenRequests: Int
        var tokensIssued: Int
        /// Tokens the mail server asked about at each XOAUTH2 / OAUTHBEARER login.
        var introspections: Int
        /// Of those, the ones answered "not active" (unknown, expired or revoked).
        var introspectionsRefused: Int

        enum CodingKeys: String, CodingKey {
            case tokenRequests = "token_requests", tokensIssued = "tokens_issued"
            case introspections, introspectionsRefused = "introspections_refused"
        }
    }

    /// A new refresh token that opens `user`'s mailbox.
    func grant(for user: String, expiresIn: Int? = nil) async throws -> String {
        var fields = [("username", user)]
        if let expiresIn { fields.append(("expires_in", "\(expiresIn)")) }
        let answer: [String: String] = try await call("/control/grants", form: fields)
        return try answer["refresh_token"] ?? { throw HandoffError.internal("no refresh_token in \(answer)") }()
    }

    /// Ends every access token issued for `refreshToken` so far; returns how many were
    /// live. The refresh token goes on working unless `andGrant` (the user removed the app's
    /// access).
    func revokeAccessTokens(of refreshToken: String, andGrant: Bool = false) async throws -> Int {
        var fields = [("refresh_token", refreshToken)]
        if andGrant { fields.append(("grant", "yes")) }
        let answer: [String: Int] = try await call("/control/revoke", form: fields)
        return answer["revoked"] ?? -1
    }

    /// An access token, fetched the way a client would.
    func accessToken(refreshToken: String) async throws -> String {
        struct Answer: Decodable { var access_token: String }
        let answer: Answer = try await call("/token", form: [
            ("grant_type", "refresh_token"), ("client_id", stack["OAUTH_CLIENT_ID"]),
            ("client_secret", stack["OAUTH_CLIENT_SECRET"]), ("refresh_token", refreshToken),
        ])
        return answer.access_token
    }

    /// Counts for one refresh token, or (nil) for everything the server saw since it
    /// started: compare two of those only in a serialized suite.
    func stats(of refreshToken: String? = nil) async throws -> Stats {
        let query = refreshToken.map { "?refresh_token=\($0)" } ?? ""
        return try await call("/control/stats\(query)", form: nil)
    }

    private func call<Answer: Decodable>(_ path: String, form: [(String, String)]?) async throws -> Answer {
        var request = CurlRequest(url: stack["OAUTH_URL"] + path)
        request.requireTLS = false
        request.connectTimeout = 10
        request.stallTimeout = 10
        if let form {
            request.postBody = OAuthTokenResponse.formBody(form)
            request.headers = ["Content-Type: application/x-www-form-urlencoded"]
        }
        let response = try await connection.perform(request)
        if let failure = response.failure { throw HandoffError.unavailable("the scripted token server at \(request.url): \(failure.message)") }
        guard response.responseCode == 200 else {
            throw HandoffError.unavailable("the scripted token server answered HTTP \(response.responseCode) at \(path): \(String(decoding: response.body, as: UTF8.self))")
        }
        return try JSONDecoder().decode(Answer.self, from: Data(response.body))
    }
}

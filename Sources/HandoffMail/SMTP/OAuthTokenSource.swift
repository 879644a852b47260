import Foundation
import HandoffCore
import HandoffCurl
import Logging

/// Trades a refresh token for XOAUTH2 access tokens and keeps the current one until shortly
/// before it expires, so a batch of sends asks the token endpoint once. Workers that need a
/// token while one is being fetched wait for that fetch instead of starting their own.
///
/// The endpoint is called with libcurl like every other server (same TLS rules). Plain
/// `http://` is accepted only for a loopback host, since the request carries the refresh
/// token and client secret.
actor OAuthTokenSource {
    private let client: OAuthClient
    private let trust: TLSTrust
    private let extraTrustAnchors: [UInt8]?
    private let timeout: Int
    private let logger: Logger
    private let connection = CurlConnection(name: "handoff.oauth")
    private var current: (token: String, refreshAt: Date)?
    /// The fetch under way, if any: the actor lets other callers in while it waits for the
    /// endpoint, and they share this one.
    private var renewal: Task<Result<String, HandoffError>, Never>?

    /// A token is renewed this long before it expires (or at half its life, if shorter).
    static let refreshMargin: TimeInterval = 300

    init(client: OAuthClient, trust: TLSTrust, extraTrustAnchors: [UInt8]?, timeout: Int, logger: Logger) throws(HandoffError) {
        guard let url = URL(string: client.tokenURL), let scheme = url.scheme?.lowercased(), let host = url.host else {
            throw .config("oauth_token_url '\(client.tokenURL)' is not a URL.")
        }
        if scheme == "http", !Self.isLoopback(host) {
            throw .config("oauth_token_url '\(client.tokenURL)' uses http:// for a remote host; the refresh token must go over https://.")
        }
        self.client = client
        self.trust = trust
        self.extraTrustAnchors = extraTrustAnchors
        self.timeout = timeout
        self.logger = logger
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]"
    }

    /// A valid access token; `fresh` says whether it was fetched just now.
    func token(now: Date = Date()) async throws(HandoffError) -> (token: String, fresh: Bool) {
        if let current, now < current.refreshAt { return (current.token, false) }
        let running = renewal ?? Task { await renew(now: now) }
        renewal = running
        return (try await running.value.get(), true)
    }

    /// Fetches a token and keeps it; the life counts from before the request went out.
    private func renew(now: Date) async -> Result<String, HandoffError> {
        defer { renewal = nil }
        do throws(HandoffError) {
            let response = try await fetch()
            let life = TimeInterval(response.expiresIn)
            let margin = min(Self.refreshMargin, life / 2)
            current = (response.accessToken, now.addingTimeInterval(life - margin))
            // The token itself is never logged; its life says when the next fetch comes.
            logger.debug("OAuth access token fetched", metadata: ["oauth.endpoint": "\(client.tokenURL)", "oauth.expires_in": "\(response.expiresIn)"])
            return .success(response.accessToken)
        } catch {
            return .failure(error)
        }
    }

    /// Forgets the cached token (the server refused it before its time).
    func invalidate() {
        current = nil
    }

    private func fetch() async throws(HandoffError) -> OAuthTokenResponse {
        var fields = [("grant_type", "refresh_token"), ("refresh_token", client.refreshToken.reveal()), ("client_id", client.clientID)]
        if let secret = client.clientSecret { fields.append(("client_secret", secret.reveal())) }
        var request = CurlRequest(url: client.tokenURL)
        request.requireTLS = false
        request.postBody = OAuthTokenResponse.formBody(fields)
        request.headers = ["Content-Type: application/x-www-form-urlencoded", "Accept: application/json"]
        request.extraTrustAnchors = extraTrustAnchors
        request.insecureSkipVerify = trust.insecureSkipVerify
        request.connectTimeout = timeout
        request.stallTimeout = timeout
        request.maxBodyBytes = 64 * 1024
        let response = try await connection.perform(request)
        let endpoint = client.tokenURL
        if let failure = response.failure {
            if failure.kind == .certificateRejected {
                throw .config("The OAuth token endpoint \(endpoint) has a TLS certificate that does not verify: \(failure.message). Set ca_file if it uses a private CA.")
            }
            throw .temporary("Could not reach the OAuth token endpoint \(endpoint): \(failure.message).")
        }
        switch OAuthTokenResponse.parse(response.body) {
        case .token(let token) where (200..<300).contains(response.responseCode):
            return token
        case .refused(let refusal):
            let detail = refusal.detail.map { " (\($0))" } ?? ""
            if response.responseCode >= 500 {
                throw .temporary("The OAuth token endpoint \(endpoint) failed (HTTP \(response.responseCode)): \(refusal.error)\(detail).")
            }
            if refusal.error == "invalid_client" {
                // The app's credentials, not the refresh token: a new refresh token would not help.
                throw .config("The OAuth token endpoint \(endpoint) does not accept client \(client.clientID): \(refusal.error)\(detail). Check oauth_client_id and oauth_client_secret against the app registered with the provider.")
            }
            throw .config("The OAuth token endpoint \(endpoint) refused the refresh token for client \(client.clientID): \(refusal.error)\(detail). Create a new refresh token and update oauth_refresh_token.")
        default:
            if response.responseCode >= 500 || response.responseCode == 429 {
                throw .temporary("The OAuth token endpoint \(endpoint) answered HTTP \(response.responseCode); will try again.")
            }
            throw .unavailable("The OAuth token endpoint \(endpoint) answered HTTP \(response.responseCode) without an access token.")
        }
    }
}

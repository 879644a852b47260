import HandoffCore
import HandoffCurl
import Logging

/// A mailbox on an IMAP server. Each `open` is one connection: libcurl connects, upgrades
/// with STARTTLS and logs in, then the session speaks IMAP itself (see `IMAPInboxSession`).
public struct IMAPInboxSource: InboxSource {
    public let name: String
    public let account: IMAPAccount
    /// The OAuth token source, made at the first open and kept, so that polls share tokens.
    private let tokens = OAuthTokenCache()

    public init(name: String, account: IMAPAccount) {
        self.name = name
        self.account = account
    }

    public func open(logger: Logger) async throws(HandoffError) -> any InboxSession {
        let anchors = try SMTPTransport.readTrustAnchors(account.trust.caFile)
        if account.trust.insecureSkipVerify {
            logger.warning("TLS certificate checks are off for this inbox (insecure_skip_verify)", metadata: ["inbox.mailbox": "\(name)", "imap.host": "\(account.host)"])
        }
        var request = CurlRequest(url: "\(account.tls == .implicitTLS ? "imaps" : "imap")://\(SMTPTransport.urlHost(account.host)):\(account.port)/")
        request.requireTLS = true
        request.extraTrustAnchors = anchors
        request.insecureSkipVerify = account.trust.insecureSkipVerify
        request.connectTimeout = account.timeoutSeconds
        request.stallTimeout = account.timeoutSeconds
        request.username = account.login.username
        var freshToken = true
        var oauth: OAuthTokenSource?
        switch account.login {
        case .password(_, let password):
            request.password = password.reveal()
        case .bearer(_, let token):
            request.bearerToken = token.reveal()
        case .oauth(_, let client):
            let source = try await tokens.source { () throws(HandoffError) in
                try OAuthTokenSource(client: client, trust: account.trust, extraTrustAnchors: anchors, timeout: account.timeoutSeconds, logger: logger)
            }
            (request.bearerToken, freshToken) = try await source.token()
            oauth = source
        }
        var connected = try await IMAPConnection.connect(request, account: account, logger: logger)
        if case .refused(let failure) = connected, failure.kind == .loginDenied, !freshToken, let oauth {
            // A cached token the server no longer takes (revoked, expired early): once more
            // with a new one. A token fetched just now would fare no better.
            logger.info("the IMAP server refused a cached OAuth access token; fetching a new one", metadata: ["imap.host": "\(account.host)"])
            await oauth.invalidate()
            request.bearerToken = try await oauth.token().token
            connected = try await IMAPConnection.connect(request, account: account, logger: logger)
        }
        switch connected {
        case .loggedIn(let connection):
            return try await IMAPInboxSession.start(name: name, connection: connection, logger: logger)
        case .refused(let failure):
            throw IMAPInboxSession.connectError(failure, name: name, account: account)
        }
    }
}

/// Holds one source's OAuth token source once made.
private actor OAuthTokenCache {
    private var made: OAuthTokenSource?

    func source(_ make: () throws(HandoffError) -> OAuthTokenSource) throws(HandoffError) -> OAuthTokenSource {
        if let made { return made }
        let source = try make()
        made = source
        return source
    }
}

import Foundation
import HandoffCore
import HandoffStore
import Testing
@testable import HandoffGateway
@testable import HandoffMail

/// OAuth 2.0 logins end to end: Handoff trades a refresh token at the stack's scripted token
/// server, logs in to Postfix's submission port with XOAUTH2 / OAUTHBEARER, Dovecot checks
/// the token with that server, and the message is read back over IMAP.
///
/// Serialized: some tests compare the server's overall counts before and after.
@Suite("SMTP with OAuth 2.0 tokens", .serialized)
struct SMTPOAuthTests {
    let stack: TestStack
    let tokens: ScriptedOAuthTokenServer

    init() throws {
        stack = try TestStack.load()
        tokens = ScriptedOAuthTokenServer(stack: stack)
    }

    var client: Mailbox { Mailbox(stack: stack, user: stack["CLIENT_USER"], password: stack["CLIENT_PASSWORD"]) }

    /// A workspace that logs in as the VA with the stack's OAuth client and `refreshToken`.
    func workspace(refreshToken: String, clientSecret: String? = nil) throws -> MailWorkspace {
        try MailWorkspace(
            stack: stack,
            mail: """
                username = "\(stack["VA_USER"])"
                oauth_client_id = "\(stack["OAUTH_CLIENT_ID"])"
                oauth_client_secret = "env:HANDOFF_TEST_OAUTH_CLIENT_SECRET"
                oauth_refresh_token = "env:HANDOFF_TEST_OAUTH_REFRESH_TOKEN"
                oauth_token_url = "\(stack["OAUTH_TOKEN_URL"])"
                ca_file = "\(stack.caFile)"
                """,
            secrets: [
                "HANDOFF_TEST_OAUTH_CLIENT_SECRET": clientSecret ?? stack["OAUTH_CLIENT_SECRET"],
                "HANDOFF_TEST_OAUTH_REFRESH_TOKEN": refreshToken,
            ])
    }

    /// A workspace that logs in as the VA with a ready access token (`oauth_token`).
    func workspace(accessToken: String) throws -> MailWorkspace {
        try MailWorkspace(
            stack: stack,
            mail: """
                username = "\(stack["VA_USER"])"
                oauth_token = "env:HANDOFF_TEST_OAUTH_TOKEN"
                ca_file = "\(stack.caFile)"
                """,
            secrets: ["HANDOFF_TEST_OAUTH_TOKEN": accessToken])
    }

    func memo(_ workspace: MailWorkspace, _ name: String = "memo") throws -> String {
        try workspace.deliverable(name, files: ["\(name).txt": Data("\(name) for the client\n".utf8)])
    }

    /// Queues one memo for the client and runs the queue once: what failed, and the handoff.
    func deliverMemo(_ workspace: MailWorkspace, through gateway: Gateway) async throws -> (errors: [HandoffError], id: HandoffID) {
        let id = try gateway.deliver(path: try memo(workspace), project: "acme").record.handoffID
        return (try await gateway.runDueJobs(), id)
    }

    @Test("a refresh token logs in: three deliveries arrive, one token request serves them all")
    func refreshTokenDelivers() async throws {
        let refreshToken = try await tokens.grant(for: stack["VA_USER"])
        let workspace = try workspace(refreshToken: refreshToken)
        let gateway = try workspace.gateway()
        var ids: [HandoffID] = []
        for name in ["brief", "draft", "final"] {
            ids.append(try gateway.deliver(path: try memo(workspace, name), project: "acme").record.handoffID)
        }
        #expect(try await gateway.runDueJobs().isEmpty)

        for id in ids {
            #expect(try gateway.state(of: id).handoff.status == .sent)
            let uids = try await client.waitFor(header: "X-Handoff-ID", id.rawValue)
            #expect(uids.count == 1)
        }
        let stats = try await tokens.stats(of: refreshToken)
        #expect(stats.tokenRequests == 1, "the token is kept between sends")
        #expect(stats.tokensIssued == 1)
        // The mail server checked the token with the token server: a real token login.
        #expect(stats.introspections >= 1)
        #expect(stats.introspectionsRefused == 0)
    }

    @Test("workers asking at once for the first token share one token request")
    func concurrentFirstToken() async throws {
        let refreshToken = try await tokens.grant(for: stack["VA_USER"])
        let gateway = try workspace(refreshToken: refreshToken).gateway()
        let source = try tokenSource(of: gateway)
        let issued = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 {
                group.addTask { try await source.token().token }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(issued.count == 1)
        #expect(try await tokens.stats(of: refreshToken).tokenRequests == 1)
    }

    @Test("a cached token the server has revoked is refused; a new one is fetched and the delivery goes out")
    func revokedCachedToken() async throws {
        let (workspace, gateway, refreshToken) = try await gatewayHoldingRevokedToken()
        let (errors, id) = try await deliverMemo(workspace, through: gateway)
        #expect(errors.isEmpty)
        let (handoff, job) = try gateway.state(of: id)
        #expect(handoff.status == .sent)
        #expect(job.attempts == 1)
        #expect(try await client.waitFor(header: "X-Handoff-ID", id.rawValue).count == 1)

        let stats = try await tokens.stats(of: refreshToken)
        #expect(stats.tokenRequests == 2)
        // The revoked token was presented and refused once, then the new one was accepted.
        #expect(stats.introspectionsRefused == 1)
        #expect(stats.introspections == 2)
    }

    @Test("a refused refresh token fails for good, naming the endpoint and the client; nothing is sent")
    func refusedRefreshToken() async throws {
        let refused = "test-refresh-never-issued-\(UUID().uuidString)"
        let before = try await tokens.stats()
        let workspace = try workspace(refreshToken: refused)
        let gateway = try workspace.gateway()
        let (errors, id) = try await deliverMemo(workspace, through: gateway)
        let error = try failedForGood(errors, id, in: gateway)
        #expect(error.message.contains("The OAuth token endpoint \(stack["OAUTH_TOKEN_URL"]) refused the refresh token for client \(stack["OAUTH_CLIENT_ID"])"))
        #expect(error.message.contains("invalid_grant"))
        #expect(!error.message.contains(refused))
        #expect(!error.message.contains(stack["OAUTH_CLIENT_SECRET"]))
        #expect(try await gateway.store.ledgerEvents(handoff: id).contains { $0.kind == "sent" } == false)
        // No login was even tried (the submission port takes no mail without one).
        let after = try await tokens.stats()
        #expect(after.tokenRequests == before.tokenRequests + 1)
        #expect(after.introspections == before.introspections)
    }

    @Test("a wrong client secret fails for good and points at the client's credentials, not the refresh token")
    func wrongClientSecret() async throws {
        let refreshToken = try await tokens.grant(for: stack["VA_USER"])
        let workspace = try workspace(refreshToken: refreshToken, clientSecret: "not-the-client-secret")
        let gateway = try workspace.gateway()
        let (errors, id) = try await deliverMemo(workspace, through: gateway)
        let error = try failedForGood(errors, id, in: gateway)
        #expect(error.message.contains("does not accept client \(stack["OAUTH_CLIENT_ID"]): invalid_client"))
        #expect(error.message.contains("Check oauth_client_id and oauth_client_secret"))
        #expect(!error.message.contains("not-the-client-secret"))
        #expect(try await tokens.stats(of: refreshToken).tokensIssued == 0)
    }

    @Test("once the app's access is removed, each delivery fails for good with invalid_grant; none is 'possibly sent'")
    func accessRemoved() async throws {
        let (workspace, gateway, refreshToken) = try await gatewayHoldingRevokedToken(andGrant: true)
        // The first job meets the refused token at the server, the second one (the server's
        // SIZE known by then) asks the token endpoint before any connection.
        let ids = [
            try gateway.deliver(path: try memo(workspace, "brief"), project: "acme").record.handoffID,
            try gateway.deliver(path: try memo(workspace, "draft"), project: "acme").record.handoffID,
        ]
        let errors = try await gateway.runDueJobs()
        #expect(errors.count == 2)
        for (error, id) in zip(errors, ids) {
            let failure = try failedForGood([error], id, in: gateway)
            #expect(failure.message.contains("refused the refresh token for client \(stack["OAUTH_CLIENT_ID"]): invalid_grant"))
        }
        let stats = try await tokens.stats(of: refreshToken)
        #expect(stats.tokenRequests == 3)
        #expect(stats.tokensIssued == 1)
        #expect(stats.introspectionsRefused == 1)
    }

    @Test("a ready access token (oauth_token) logs in and delivers")
    func readyTokenDelivers() async throws {
        let refreshToken = try await tokens.grant(for: stack["VA_USER"])
        let workspace = try workspace(accessToken: try await tokens.accessToken(refreshToken: refreshToken))
        let gateway = try workspace.gateway()
        let (errors, id) = try await deliverMemo(workspace, through: gateway)
        #expect(errors.isEmpty)
        #expect(try gateway.state(of: id).handoff.status == .sent)
        #expect(try await client.waitFor(header: "X-Handoff-ID", id.rawValue).count == 1)
        let stats = try await tokens.stats(of: refreshToken)
        #expect(stats.tokenRequests == 1, "only the test's own request: a ready token is never refreshed")
        #expect(stats.introspections >= 1)
    }

    @Test("a ready token the server does not know: authentication failed for USER at HOST, tried once")
    func unknownReadyToken() async throws {
        let unknown = "test-access-unknown-\(UUID().uuidString)"
        let before = try await tokens.stats()
        let workspace = try workspace(accessToken: unknown)
        let gateway = try workspace.gateway()
        let (errors, id) = try await deliverMemo(workspace, through: gateway)
        let error = try failedForGood(errors, id, in: gateway)
        #expect(error.message.hasPrefix("authentication failed for \(stack["VA_USER"]) at 127.0.0.1: 535"))
        #expect(!error.message.contains(unknown))
        // Presented once and refused; a ready token is not something Handoff can renew.
        let after = try await tokens.stats()
        #expect(after.introspectionsRefused == before.introspectionsRefused + 1)
        #expect(after.tokenRequests == before.tokenRequests)
    }

    /// Checks that the only error is a config error (not retried) and that the handoff
    /// failed on its first attempt, neither sent nor possibly sent; returns the error.
    func failedForGood(
        _ errors: [HandoffError], _ id: HandoffID, in gateway: Gateway, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> HandoffError {
        #expect(errors.count == 1, sourceLocation: sourceLocation)
        let error = try #require(errors.first, sourceLocation: sourceLocation)
        #expect(error.kind == .config, sourceLocation: sourceLocation)
        let (handoff, job) = try gateway.state(of: id)
        #expect(handoff.status == .failed, sourceLocation: sourceLocation)
        #expect(job.state == .failed, sourceLocation: sourceLocation)
        #expect(job.attempts == 1, sourceLocation: sourceLocation)
        return error
    }

    /// A gateway whose transport holds a token, as after earlier sends on a connection that
    /// has closed since, which the server has then revoked before it expired; `andGrant`
    /// revokes the refresh token too (the user removed the app's access).
    func gatewayHoldingRevokedToken(andGrant: Bool = false) async throws -> (MailWorkspace, Gateway, refreshToken: String) {
        let refreshToken = try await tokens.grant(for: stack["VA_USER"])
        let workspace = try workspace(refreshToken: refreshToken)
        let gateway = try workspace.gateway()
        #expect(try await tokenSource(of: gateway).token().fresh)
        #expect(try await tokens.revokeAccessTokens(of: refreshToken, andGrant: andGrant) == 1)
        return (workspace, gateway, refreshToken)
    }

    /// The token source behind the gateway's SMTP transport.
    func tokenSource(of gateway: Gateway) throws -> OAuthTokenSource {
        let transport = try #require(gateway.transport as? SMTPTransport)
        guard case .oauth(_, let source) = transport.login else {
            throw HandoffError.internal("the transport does not log in with a refresh token")
        }
        return source
    }
}

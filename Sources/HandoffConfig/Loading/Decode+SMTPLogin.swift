import HandoffCore

extension SMTPLogin {
    /// Password, ready token and refresh-token client are three different ways to log in:
    /// exactly one at most, each complete, each with a user name.
    static func decode(_ section: SectionReader) throws(HandoffError) -> SMTPLogin {
        try checkKeys(section)
        guard let username = try section.line("username")?.value else { return .none }
        if let password = try section.secret("password") { return .password(username: username, password: password) }
        if let token = try section.secret("oauth_token") { return .bearer(username: username, token: token) }
        return .oauth(username: username, client: try OAuthClient.decode(section))
    }
}

extension OAuthClient {
    static func decode(_ section: SectionReader) throws(HandoffError) -> OAuthClient {
        guard let clientID = try section.line("oauth_client_id")?.value else {
            throw section.missing("oauth_client_id", example: "\"handoff-desktop\" (with oauth_refresh_token and oauth_token_url)")
        }
        guard let refresh = try section.secret("oauth_refresh_token") else {
            throw section.missing("oauth_refresh_token", example: "\"env:HANDOFF_SMTP_REFRESH_TOKEN\"")
        }
        return OAuthClient(
            clientID: clientID, clientSecret: try section.secret("oauth_client_secret"), refreshToken: refresh,
            tokenURL: try tokenURL(section))
    }

    /// `oauth_token_url`: the request carries the refresh token, so plain `http://` only
    /// reaches this machine.
    private static func tokenURL(_ section: SectionReader) throws(HandoffError) -> String {
        guard let url = try section.url("oauth_token_url", schemes: ["https", "http"], example: "https://auth.example.com/token") else {
            throw section.missing("oauth_token_url", example: "\"https://auth.example.com/token\"")
        }
        if url.value.scheme == "http", !OAuthClient.allowsPlainHTTP(toHost: url.value.host), let value = section.entry("oauth_token_url")?.value {
            throw section.invalid(
                "oauth_token_url", value,
                "uses http:// for a host other than this machine; the refresh token must go over https://, like \"https://auth.example.com/token\".")
        }
        return url.value.text
    }
}

extension SMTPLogin {
    /// Checked before any secret is read, so the message is about the mix-up, not a
    /// missing variable.
    private static func checkKeys(_ section: SectionReader) throws(HandoffError) {
        let methods = try section.checkLoginKeys()
        if methods.isEmpty, let entry = section.entry("username") {
            throw section.context.error(
                "\(section.fullKey("username")) is set but nothing to log in with goes with it; add password = \"env:HANDOFF_SMTP_PASSWORD\" (or oauth_token, or oauth_client_id), or remove username to send without logging in (a local relay).",
                at: entry.keyPosition)
        }
    }
}

extension IMAPLogin {
    /// The SMTP keys and rules, but a login is required: a mailbox is never open to anyone.
    static func decode(_ section: SectionReader) throws(HandoffError) -> IMAPLogin {
        _ = try section.checkLoginKeys()
        guard let username = try section.line("username")?.value else {
            throw section.missing("username", example: "\"you@example.com\"")
        }
        if let password = try section.secret("password") { return .password(username: username, password: password) }
        if let token = try section.secret("oauth_token") { return .bearer(username: username, token: token) }
        guard section.has("oauth_client_id") else {
            throw section.missing("password", example: "\"env:HANDOFF_IMAP_PASSWORD\" (or oauth_token, or oauth_client_id with oauth_refresh_token and oauth_token_url)")
        }
        return .oauth(username: username, client: try OAuthClient.decode(section))
    }
}

extension SectionReader {
    /// The mix-ups any login can have: OAuth client keys without the client, two ways to
    /// log in, a way without a user name. Returns the ways set (at most one).
    fileprivate func checkLoginKeys() throws(HandoffError) -> [String] {
        let clientKeys = ["oauth_client_secret", "oauth_refresh_token", "oauth_token_url"]
        if !has("oauth_client_id"), let stray = clientKeys.first(where: has), let entry = entry(stray) {
            throw context.error(
                "\(fullKey(stray)) is only used together with oauth_client_id; add oauth_client_id or remove \(stray).",
                at: entry.keyPosition)
        }
        let methods = ["password", "oauth_token", "oauth_client_id"].filter(has)
        if methods.count > 1, let entry = entry(methods[1]) {
            throw context.error(
                "\(fullKey(methods[0])) and \(fullKey(methods[1])) are both set; log in with one of password, oauth_token (a ready XOAUTH2 token) or oauth_client_id (with oauth_refresh_token and oauth_token_url).",
                at: entry.keyPosition)
        }
        if let method = methods.first, !has("username"), let entry = entry(method) {
            throw context.error(
                "\(fullKey(method)) is set but \(fullKey("username")) is not; add username = \"you@example.com\" (the login name).",
                at: entry.keyPosition)
        }
        return methods
    }
}

import HandoffCore

extension MailSettings {
    static func decode(_ section: SectionReader, dataDirectory: String) throws(HandoffError) -> MailSettings {
        try section.checkKeys(ConfigSchema.keys(of: "mail"))
        let transport: String = try section.choice("transport", ConfigSchema.mailTransports.map { ($0, $0) })?.value ?? "file"
        try section.checkChoiceKeys(
            choiceKey: "transport", current: transport,
            keysByChoice: [("file", ConfigSchema.mailFile), ("smtp", ConfigSchema.mailSMTP)])
        let megabytes = try section.number("max_attachment_mb", range: 0.1...1000, unit: " (megabytes)")?.value
            ?? Double(defaultMaxAttachmentMB)
        let limit = Int64((megabytes * Double(bytesPerMB)).rounded())
        if transport == "smtp" {
            return MailSettings(transport: .smtp(try SMTPSettings.decode(section)), maxAttachmentBytes: limit)
        }
        let directory = try section.path("directory")?.value ?? PathResolver.normalize(dataDirectory + "/sent")
        return MailSettings(transport: .file(directory: directory), maxAttachmentBytes: limit)
    }
}

extension SMTPSettings {
    static func decode(_ section: SectionReader) throws(HandoffError) -> SMTPSettings {
        guard let url = try section.url("url", schemes: ["smtp", "smtps"], example: "smtp://smtp.example.com:587") else {
            throw section.missing("url", example: "\"smtp://smtp.example.com:587\" (STARTTLS) or \"smtps://smtp.example.com:465\"")
        }
        if !url.value.path.isEmpty, url.value.path != "/", let value = section.entry("url")?.value {
            throw section.invalid("url", value, "has a path; an SMTP URL is only smtp://HOST:PORT or smtps://HOST:PORT.")
        }
        try checkAuthenticationKeys(section)
        let implicit = url.value.scheme == "smtps"
        let username = try section.line("username")?.value
        let password = try section.secret("password")
        let oauthToken = try section.secret("oauth_token")
        var oauthClient: OAuthClient?
        if let clientID = try section.line("oauth_client_id")?.value {
            guard let refresh = try section.secret("oauth_refresh_token") else {
                throw section.missing("oauth_refresh_token", example: "\"env:HANDOFF_SMTP_REFRESH_TOKEN\"")
            }
            guard let tokenURL = try section.url("oauth_token_url", schemes: ["https", "http"], example: "https://auth.example.com/token") else {
                throw section.missing("oauth_token_url", example: "\"https://auth.example.com/token\"")
            }
            oauthClient = OAuthClient(
                clientID: clientID, clientSecret: try section.secret("oauth_client_secret"), refreshToken: refresh,
                tokenURL: tokenURL.value.text)
        }
        return SMTPSettings(
            url: url.value.text, tls: implicit ? .implicitTLS : .startTLS, host: url.value.host,
            port: url.value.port ?? (implicit ? 465 : 587), username: username, password: password,
            oauthToken: oauthToken, oauthClient: oauthClient, trust: try TLSTrust.decode(section),
            sentFolder: try section.line("sent_folder")?.value,
            timeoutSeconds: try section.integer("timeout_seconds", range: 1...600, unit: " seconds") ?? defaultTimeoutSeconds)
    }

    /// Password, ready token and refresh-token client are three different ways to log in:
    /// exactly one at most, each complete, each with a user name. Checked before any
    /// secret is read, so the message is about the mix-up, not a missing variable.
    private static func checkAuthenticationKeys(_ section: SectionReader) throws(HandoffError) {
        let clientKeys = ["oauth_client_secret", "oauth_refresh_token", "oauth_token_url"]
        if !section.has("oauth_client_id"), let stray = clientKeys.first(where: section.has), let entry = section.entry(stray) {
            throw section.context.error(
                "\(section.fullKey(stray)) is only used together with oauth_client_id; add oauth_client_id or remove \(stray).",
                at: entry.keyPosition)
        }
        let methods = ["password", "oauth_token", "oauth_client_id"].filter(section.has)
        if methods.count > 1, let entry = section.entry(methods[1]) {
            throw section.context.error(
                "\(section.fullKey(methods[0])) and \(section.fullKey(methods[1])) are both set; log in with one of password, oauth_token (a ready XOAUTH2 token) or oauth_client_id (with oauth_refresh_token and oauth_token_url).",
                at: entry.keyPosition)
        }
        if let method = methods.first, !section.has("username"), let entry = section.entry(method) {
            throw section.context.error(
                "\(section.fullKey(method)) is set but \(section.fullKey("username")) is not; add username = \"you@example.com\" (the login name).",
                at: entry.keyPosition)
        }
    }
}

extension TLSTrust {
    static func decode(_ section: SectionReader) throws(HandoffError) -> TLSTrust {
        TLSTrust(caFile: try section.existingFile("ca_file"), insecureSkipVerify: try section.bool("insecure_skip_verify") ?? false)
    }
}

import HandoffCore

/// `[mail]`: how messages leave, and how big an attachment may be.
public struct MailSettings: Sendable {
    public var transport: MailTransportSetting
    /// From `max_attachment_mb` (megabytes of 1,000,000 bytes, the conservative reading of
    /// a provider's limit): the largest encoded message sent with the package attached.
    public var maxAttachmentBytes: Int64

    public static let defaultMaxAttachmentMB = 20
    public static let bytesPerMB: Int64 = 1_000_000

    public init(transport: MailTransportSetting, maxAttachmentBytes: Int64 = Int64(MailSettings.defaultMaxAttachmentMB) * MailSettings.bytesPerMB) {
        self.transport = transport
        self.maxAttachmentBytes = maxAttachmentBytes
    }
}

/// `mail.transport`.
public enum MailTransportSetting: Sendable {
    /// Each message written as an RFC 5322 `.eml` file into `directory` (absolute;
    /// `mail.directory`, default `<data_dir>/sent`).
    case file(directory: String)
    case smtp(SMTPSettings)
}

/// `transport = "smtp"`: a submission server.
public struct SMTPSettings: Sendable {
    /// `url` as written: `smtp://HOST[:PORT]` (STARTTLS required) or `smtps://HOST[:PORT]`.
    public var url: String
    public var tls: TLSMode
    public var host: String
    /// From the URL, else 587 for `smtp://` and 465 for `smtps://`.
    public var port: Int
    public var login: SMTPLogin
    public var trust: TLSTrust
    /// `sent_folder`: where a copy of each sent message is kept, if anywhere.
    public var sentFolder: IMAPFolder?
    /// `timeout_seconds`: for each network step (default 60).
    public var timeoutSeconds: Int

    public static let defaultTimeoutSeconds = 60

    public var caFile: String? { trust.caFile }
    public var insecureSkipVerify: Bool { trust.insecureSkipVerify }
    public var username: String? { login.username }
    public var password: Secret? {
        if case .password(_, let password) = login { password } else { nil }
    }

    public init(
        url: String, tls: TLSMode, host: String, port: Int, login: SMTPLogin = .none, trust: TLSTrust = TLSTrust(),
        sentFolder: IMAPFolder? = nil, timeoutSeconds: Int = SMTPSettings.defaultTimeoutSeconds
    ) {
        self.url = url
        self.tls = tls
        self.host = host
        self.port = port
        self.login = login
        self.trust = trust
        self.sentFolder = sentFolder
        self.timeoutSeconds = timeoutSeconds
    }
}

/// The keys each section accepts. One list, so "unknown key" errors, "belongs in"
/// hints and the decoders cannot disagree.
enum ConfigSchema {
    static let sections = ["gateway", "mail", "links", "server", "inbox", "queue", "projects"]

    static let gateway = ["data_dir", "outbox", "sender", "workers", "notify_failures"]

    static let mailTransports = ["file", "smtp"]
    static let mailCommon = ["transport", "max_attachment_mb"]
    static let mailFile = ["directory"]
    static let mailSMTP = [
        "url", "username", "password", "oauth_token", "oauth_client_id", "oauth_client_secret",
        "oauth_refresh_token", "oauth_token_url", "ca_file", "insecure_skip_verify", "sent_folder", "timeout_seconds",
    ]

    static let linkStores = ["local", "webdav", "s3", "sftp"]
    static let linksCommon = ["store", "base_url", "expire_days"]
    static let linksWebDAV = ["url", "username", "password", "public_url", "ca_file", "insecure_skip_verify"]
    static let linksS3 = ["endpoint", "bucket", "region", "access_key", "secret_key", "public_url", "ca_file", "insecure_skip_verify"]
    static let linksSFTP = ["url", "username", "password", "key_file", "public_url"]

    static let server = ["listen"]

    static let inboxCommon = ["source", "poll_seconds", "address", "acknowledge_per_sender_per_hour", "mailbox"]
    /// What one mailbox may set, in `[inbox]` with `source` or in `[[inbox.mailbox]]`.
    static let mailboxOptions = ["since", "max_message_mb", "idle"]
    static let inboxIMAP = [
        "username", "password", "oauth_token", "oauth_client_id", "oauth_client_secret", "oauth_refresh_token", "oauth_token_url",
        "ca_file", "insecure_skip_verify", "processed_folder",
    ]
    static let mailbox = ["name", "source", "poll_seconds"] + mailboxOptions + inboxIMAP

    static let queue = ["max_attempts", "backoff_base_seconds", "backoff_cap_seconds", "lease_seconds"]

    static let project = [
        "name", "contacts", "allow", "deliver", "archive", "encrypt", "retainer_hours",
        "rounding_minutes", "forgotten_clock_hours", "acknowledge", "acknowledge_text",
    ]

    /// Every key a section accepts, whatever its other settings.
    static func keys(of section: String) -> [String] {
        switch section {
        case "gateway": gateway
        case "mail": unique(mailCommon + mailFile + mailSMTP)
        case "links": unique(linksCommon + linksWebDAV + linksS3 + linksSFTP)
        case "server": server
        case "inbox": unique(inboxCommon + mailboxOptions + inboxIMAP)
        case "inbox.mailbox": mailbox
        case "queue": queue
        case "projects.<id>": project
        default: []
        }
    }

    /// The sections (as written in a header) where `key` is valid.
    static func sections(accepting key: String) -> [String] {
        (sections.filter { $0 != "projects" } + ["inbox.mailbox", "projects.<id>"]).filter { keys(of: $0).contains(key) }
    }

    private static func unique(_ keys: [String]) -> [String] {
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }
}

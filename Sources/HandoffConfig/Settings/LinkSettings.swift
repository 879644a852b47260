import HandoffCore

/// `[links]`: where packages too big to attach are published, and for how long.
public struct LinkSettings: Sendable {
    public var store: LinkStoreSetting
    /// `base_url`: how clients reach Handoff's own links (no trailing slash); defaults to
    /// `http://` + `server.listen`.
    public var baseURL: String
    /// `expire_days`: how long a signed link works (default 14).
    public var expireDays: Int

    public static let defaultExpireDays = 14

    public init(store: LinkStoreSetting = .local, baseURL: String = ServerSettings().defaultBaseURL, expireDays: Int = LinkSettings.defaultExpireDays) {
        self.store = store
        self.baseURL = baseURL
        self.expireDays = expireDays
    }
}

/// `links.store`. Only `local` works in this version; the others are read and checked so
/// a file written for them today keeps loading when they arrive.
public enum LinkStoreSetting: Sendable {
    /// Packages under `<data_dir>/links`, served by `handoff serve` with signed URLs.
    case local
    case webdav(WebDAVSettings)
    case s3(S3Settings)
    case sftp(SFTPSettings)

    public var name: String {
        switch self {
        case .local: "local"
        case .webdav: "webdav"
        case .s3: "s3"
        case .sftp: "sftp"
        }
    }
}

/// `store = "webdav"`: HTTP PUT into a WebDAV folder.
public struct WebDAVSettings: Sendable {
    /// `url`: the folder to upload into (http or https).
    public var url: String
    public var username: String?
    public var password: Secret?
    /// `public_url`: where uploaded files can be fetched directly, if anywhere.
    public var publicURL: String?
    public var trust: TLSTrust

    public init(url: String, username: String? = nil, password: Secret? = nil, publicURL: String? = nil, trust: TLSTrust = TLSTrust()) {
        self.url = url
        self.username = username
        self.password = password
        self.publicURL = publicURL
        self.trust = trust
    }
}

/// `store = "s3"`: an S3-compatible bucket (SigV4).
public struct S3Settings: Sendable {
    /// `endpoint`: the service URL (http or https).
    public var endpoint: String
    public var bucket: String
    public var region: String
    public var accessKey: Secret
    public var secretKey: Secret
    public var publicURL: String?
    public var trust: TLSTrust

    public init(
        endpoint: String, bucket: String, region: String, accessKey: Secret, secretKey: Secret,
        publicURL: String? = nil, trust: TLSTrust = TLSTrust()
    ) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.region = region
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.publicURL = publicURL
        self.trust = trust
    }
}

/// `store = "sftp"`: upload over SSH.
public struct SFTPSettings: Sendable {
    /// `url`: `sftp://HOST[:PORT]/PATH`.
    public var url: String
    public var host: String
    public var port: Int
    public var directory: String
    public var username: String
    /// One of `password` or `key_file` is set.
    public var password: Secret?
    /// `key_file`, absolute: a private key file.
    public var keyFile: String?
    public var publicURL: String?

    public init(
        url: String, host: String, port: Int, directory: String, username: String, password: Secret? = nil,
        keyFile: String? = nil, publicURL: String? = nil
    ) {
        self.url = url
        self.host = host
        self.port = port
        self.directory = directory
        self.username = username
        self.password = password
        self.keyFile = keyFile
        self.publicURL = publicURL
    }
}
